import type { Certificate } from './cert';
import type { Crl, CrlEntry, IssuingDp } from './crl';
import type { DistributionPointInfo, DpName } from './extensions';
import type { GName } from './general-names';
import type { Rdns } from './names';
import { namesEqual } from './names';

/** All reason bits keyCompromise (1) .. aACompromise (8). */
export const ALL_REASONS = 0x1fe;

function dnsOf(names: GName[] | undefined): Rdns[] {
  return (names ?? []).flatMap((g) => (g.kind === 'dn' ? [g.rdns] : []));
}

function gnEqual(a: GName, b: GName): boolean {
  if (a.kind === 'dn' && b.kind === 'dn') return namesEqual(a.rdns, b.rdns);
  if (a.kind === 'dn' || b.kind === 'dn') return false;
  return a.kind === b.kind && a.value === b.value;
}

/** A distribution point name as full names; a relative name is appended to `issuer` (§4.2.1.13). */
function fullNames(name: DpName, issuer: Rdns): GName[] {
  if (name.fullName) return name.fullName;
  return name.relative ? [{ kind: 'dn', rdns: [...issuer, name.relative] }] : [];
}

function anyMatch(a: GName[], b: GName[]): boolean {
  return a.some((x) => b.some((y) => gnEqual(x, y)));
}

/** The implicit distribution point of a certificate without cRLDistributionPoints. */
export const DEFAULT_DP: DistributionPointInfo = {};

/** RFC 5280 §6.3.3 (b)(1): the CRL is issued by the right party for this distribution point. */
export function issuerMatches(crl: Crl, cert: Certificate, dp: DistributionPointInfo): boolean {
  if (dp.crlIssuer)
    return !!crl.idp?.indirect && dnsOf(dp.crlIssuer).some((n) => namesEqual(n, crl.issuerName));
  return namesEqual(crl.issuerName, cert.issuerName);
}

/** RFC 5280 §6.3.3 (b)(2): the CRL's issuingDistributionPoint covers this certificate and point. */
export function scopeMatches(
  idp: IssuingDp | undefined,
  crl: Crl,
  cert: Certificate,
  dp: DistributionPointInfo,
): boolean {
  if (!idp) return true;
  if (idp.name) {
    const idpNames = fullNames(idp.name, crl.issuerName);
    if (dp.name) {
      const dpIssuer = dnsOf(dp.crlIssuer)[0] ?? cert.issuerName;
      if (!anyMatch(idpNames, fullNames(dp.name, dpIssuer))) return false;
    } else if (!dp.crlIssuer || !anyMatch(idpNames, dp.crlIssuer)) return false;
  }
  const isCa = cert.ext.basicConstraints?.ca === true;
  if (idp.onlyUser && isCa) return false;
  if (idp.onlyCA && !isCa) return false;
  return !idp.onlyAttr;
}

/** The reasons a CRL can speak for at this distribution point (§6.3.3 d). */
export function interimReasons(crl: Crl, dp: DistributionPointInfo): number {
  return (crl.idp?.onlySomeReasons ?? ALL_REASONS) & (dp.reasons ?? ALL_REASONS) & ALL_REASONS;
}

/** The entry for `cert` on `crl`, matching serial and (on an indirect CRL) the certificate issuer. */
export function findEntry(crl: Crl, cert: Certificate): CrlEntry | undefined {
  return crl.entries.find((e) => {
    if (!e.serial.equals(cert.serialBytes)) return false;
    if (!e.certificateIssuer) return namesEqual(crl.issuerName, cert.issuerName);
    return dnsOf(e.certificateIssuer).some((n) => namesEqual(n, cert.issuerName));
  });
}

function sameIdp(a: IssuingDp | undefined, b: IssuingDp | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A current delta CRL that extends `base` (same issuer and scope, BaseCRLNumber not above its number). */
export function deltaFor(base: Crl, crls: Crl[], time: Date): Crl | undefined {
  if (base.crlNumber === undefined) return undefined;
  return crls.find(
    (d) =>
      d.isDelta &&
      !d.unknownCritical &&
      d.currentAt(time) &&
      d.deltaBase! <= base.crlNumber! &&
      (d.crlNumber ?? 0n) > base.crlNumber! &&
      namesEqual(d.issuerName, base.issuerName) &&
      sameIdp(d.idp, base.idp),
  );
}
