import type { KeyObject } from 'node:crypto';
import type { Certificate } from './cert';
import type { Crl } from './crl';
import { REMOVE_FROM_CRL } from './crl';
import {
  ALL_REASONS,
  DEFAULT_DP,
  deltaFor,
  findEntry,
  interimReasons,
  issuerMatches,
  scopeMatches,
} from './crl-scope';

/** How revocation is checked: every certificate needs a CRL, only when one is supplied, or never. */
export type RevocationMode = 'require' | 'if-available' | 'off';

export interface RevocationContext {
  time: Date;
  crls: Crl[];
  mode: RevocationMode;
  /**
   * The key that signed `crl`, from a certificate allowed to sign CRLs (keyUsage cRLSign) on a valid
   * path, or undefined when there is none. The path validator supplies it (§6.3.3 f).
   */
  crlKey: (crl: Crl, cert: Certificate) => KeyObject | undefined;
}

export type RevocationStatus =
  { status: 'good' } | { status: 'revoked'; detail: string } | { status: 'unknown'; detail: string };

/**
 * RFC 5280 §6.3.3 for one certificate: walks its distribution points (or the implicit one), takes every
 * usable complete CRL (current, right issuer, in scope, signed by a valid CRL signer, no unknown critical
 * extension) with its delta CRL, and accumulates the reasons covered until all are.
 */
export function checkRevocation(cert: Certificate, ctx: RevocationContext): RevocationStatus {
  if (ctx.mode === 'off') return { status: 'good' };
  const dps = cert.ext.cRLDistributionPoints ?? [DEFAULT_DP];
  if (ctx.mode === 'if-available' && !ctx.crls.some((c) => dps.some((dp) => issuerMatches(c, cert, dp)))) {
    return { status: 'good' };
  }
  let covered = 0;
  let why = 'no CRL for the certificate issuer';
  for (const dp of dps) {
    for (const crl of ctx.crls) {
      if (covered === ALL_REASONS) break;
      if (crl.isDelta || !issuerMatches(crl, cert, dp)) continue;
      if (!crl.currentAt(ctx.time)) {
        why = `CRL from ${crl.issuer} is not current`;
        continue;
      }
      if (crl.unknownCritical) {
        why = `CRL from ${crl.issuer} has an unknown critical extension`;
        continue;
      }
      if (!scopeMatches(crl.idp, crl, cert, dp)) {
        why = `CRL from ${crl.issuer} does not cover this certificate`;
        continue;
      }
      const reasons = interimReasons(crl, dp);
      if ((reasons & ~covered) === 0) continue;
      const key = ctx.crlKey(crl, cert);
      if (!key) {
        why = `CRL from ${crl.issuer}: no valid CRL signer`;
        continue;
      }
      const delta = deltaFor(crl, ctx.crls, ctx.time);
      const usableDelta = delta && delta.verify(key) ? delta : undefined;
      const entry = (usableDelta && findEntry(usableDelta, cert)) ?? findEntry(crl, cert);
      if (entry && entry.reason !== REMOVE_FROM_CRL) {
        return {
          status: 'revoked',
          detail: `revoked by CRL from ${crl.issuer} (reason ${entry.reason ?? 0})`,
        };
      }
      covered |= reasons;
    }
  }
  if (covered === ALL_REASONS) return { status: 'good' };
  return { status: 'unknown', detail: covered ? 'CRLs do not cover all revocation reasons' : why };
}
