import type { KeyObject } from 'node:crypto';
import type { TrustReason } from '../verdict';
import { TrustReasons } from '../verdict';
import type { AlgorithmPolicy } from './algorithms';
import { algorithmAllowed, describeAlgorithm } from './algorithms';
import type { Certificate } from './cert';
import type { Crl } from './crl';
import { OID } from './extensions';
import { NameConstraintState } from './name-constraints';
import { namesEqual } from './names';
import type { PolicySettings } from './policy';
import { PolicyState } from './policy';
import type { RevocationMode } from './revocation';
import { checkRevocation } from './revocation';

/** Inputs of RFC 5280 §6.1.1 plus revocation and algorithm policy. */
export interface PathOptions extends PolicySettings, Partial<AlgorithmPolicy> {
  /** The time the path must be valid at. */
  time: Date;
  crls?: Crl[];
  /** @defaultValue 'require' */
  revocation?: RevocationMode;
  /**
   * Finds and validates a CRL signer that is not the certificate's issuer in this path (a separate CRL
   * key, an indirect CRL issuer). {@link validateChain} supplies one that builds the signer's own path.
   */
  crlSigner?: (crl: Crl) => KeyObject | undefined;
  /** Check the anchor's own validity period (RFC 5280 does not require it). @defaultValue true */
  checkAnchorValidity?: boolean;
}

export type PathResult =
  | { valid: true; sha1Used: boolean; policies?: string[] }
  | { valid: false; reason: TrustReason; detail: string; index: number };

/** Extensions this validator processes; any other one marked critical fails the path (§6.1.4 o). */
const HANDLED = new Set<string>([
  OID.subjectKeyIdentifier,
  OID.keyUsage,
  OID.subjectAltName,
  OID.basicConstraints,
  OID.nameConstraints,
  OID.cRLDistributionPoints,
  OID.certificatePolicies,
  OID.policyMappings,
  OID.authorityKeyIdentifier,
  OID.policyConstraints,
  OID.extKeyUsage,
  OID.inhibitAnyPolicy,
  OID.freshestCRL,
]);

class PathFailure extends Error {
  constructor(
    readonly reason: TrustReason,
    readonly detail: string,
    readonly index: number,
  ) {
    super(detail);
  }
}

/**
 * RFC 5280 §6.1 basic path validation. `path[0]` is the trust anchor: only its name and key are used
 * (§6.1.1 d), plus its validity period unless `checkAnchorValidity` is false; its extensions (constraints,
 * policies) are not applied. Every other certificate gets the full §6.1.3/§6.1.4 processing, revocation
 * per §6.3 and the algorithm policy (MD5 never, SHA-1 only with `allowSha1`).
 */
export function validatePath(path: Certificate[], options: PathOptions): PathResult {
  try {
    return new PathRun(path, options).run();
  } catch (e) {
    if (e instanceof PathFailure) return { valid: false, reason: e.reason, detail: e.detail, index: e.index };
    throw e;
  }
}

class PathRun {
  private readonly n: number;
  private readonly policy: PolicyState;
  private readonly names = new NameConstraintState();
  private readonly keys: KeyObject[] = [];
  private sha1Used = false;
  private maxPathLength: number;

  constructor(
    private readonly path: Certificate[],
    private readonly options: PathOptions,
  ) {
    this.n = path.length - 1;
    this.policy = new PolicyState(this.n, options);
    this.maxPathLength = this.n;
  }

  run(): PathResult {
    const { time } = this.options;
    const anchor = this.path[0];
    if (this.options.checkAnchorValidity !== false) this.checkValidity(anchor, time, 0);
    let params = anchor.spkiParams;
    this.keys.push(anchor.publicKey());
    for (let i = 1; i <= this.n; i++) {
      const cert = this.path[i];
      this.processCertificate(cert, i);
      if (i < this.n) this.prepareNext(cert, i);
      if (cert.spkiParams) params = cert.spkiParams;
      const key = cert.inheritsKeyParams && params ? cert.publicKeyWithParams(params) : cert.publicKey();
      this.keys.push(key);
    }
    const leaf = this.path[this.n];
    const fin = this.policy.finish(leaf);
    if ('error' in fin) throw new PathFailure(TrustReasons.certPolicy, fin.error, this.n);
    return { valid: true, sha1Used: this.sha1Used, policies: fin.policies };
  }

  private checkValidity(cert: Certificate, time: Date, i: number): void {
    if (time < cert.notBefore) {
      throw new PathFailure(
        TrustReasons.certNotYetValid,
        `${cert.subject} is not valid before ${cert.notBefore.toISOString()}`,
        i,
      );
    }
    if (time > cert.notAfter) {
      throw new PathFailure(
        TrustReasons.certExpired,
        `${cert.subject} expired ${cert.notAfter.toISOString()}`,
        i,
      );
    }
  }

  private allowed(alg: Parameters<typeof describeAlgorithm>[0], what: string, i: number): void {
    const d = describeAlgorithm(alg);
    if (!d)
      throw new PathFailure(TrustReasons.algorithmForbidden, `${what}: unsupported algorithm ${alg.oid}`, i);
    if (!algorithmAllowed(d, { allowSha1: this.options.allowSha1 ?? false })) {
      throw new PathFailure(TrustReasons.algorithmForbidden, `${what}: ${d.name} is not accepted`, i);
    }
    if (d.sha1) this.sha1Used = true;
  }

  private processCertificate(cert: Certificate, i: number): void {
    const issuer = this.path[i - 1];
    if (!namesEqual(cert.issuerName, issuer.subjectName)) {
      throw new PathFailure(
        TrustReasons.certNameChaining,
        `issuer of ${cert.subject} is ${cert.issuer}, not ${issuer.subject}`,
        i,
      );
    }
    this.allowed(cert.signatureAlgorithm, cert.subject, i);
    if (!cert.verifiedBy(this.keys[i - 1])) {
      throw new PathFailure(TrustReasons.certBadSignature, `signature of ${cert.subject} does not verify`, i);
    }
    this.checkValidity(cert, this.options.time, i);
    const unknown = cert.ext.criticalOids.find((oid) => !HANDLED.has(oid));
    if (unknown)
      throw new PathFailure(TrustReasons.certCriticalExtension, `unknown critical extension ${unknown}`, i);
    if (!(cert.isSelfIssued && i < this.n)) {
      const bad = this.names.check(cert);
      if (bad)
        throw new PathFailure(TrustReasons.certNameConstraints, `${bad} is outside the name constraints`, i);
    }
    const policyError = this.policy.processCertificate(cert, i);
    if (policyError) throw new PathFailure(TrustReasons.certPolicy, policyError, i);
    this.checkRevocation(cert, i);
  }

  private prepareNext(cert: Certificate, i: number): void {
    const policyError = this.policy.prepareNext(cert, i);
    if (policyError) throw new PathFailure(TrustReasons.certPolicy, policyError, i);
    this.names.add(cert);
    const bc = cert.ext.basicConstraints;
    if (!bc?.ca) throw new PathFailure(TrustReasons.certNotCa, `${cert.subject} is not a CA certificate`, i);
    if (!cert.isSelfIssued) {
      if (this.maxPathLength <= 0) {
        throw new PathFailure(
          TrustReasons.certPathLength,
          `path length constraint exceeded at ${cert.subject}`,
          i,
        );
      }
      this.maxPathLength--;
    }
    if (bc.pathLen !== undefined && bc.pathLen < this.maxPathLength) this.maxPathLength = bc.pathLen;
    if (!cert.ext.allowsKeyUsage('keyCertSign')) {
      throw new PathFailure(TrustReasons.certKeyUsage, `${cert.subject} may not sign certificates`, i);
    }
  }

  private checkRevocation(cert: Certificate, i: number): void {
    const status = checkRevocation(cert, {
      time: this.options.time,
      crls: this.options.crls ?? [],
      mode: this.options.revocation ?? 'require',
      crlKey: (crl) => this.crlKey(crl, i),
    });
    if (status.status === 'revoked') throw new PathFailure(TrustReasons.certRevoked, status.detail, i);
    if (status.status === 'unknown') {
      throw new PathFailure(TrustReasons.certRevocationUnknown, `${cert.subject}: ${status.detail}`, i);
    }
  }

  /** The key of a valid CRL signer for `crl`: the issuer, an earlier certificate of this path, or the resolver. */
  private crlKey(crl: Crl, i: number): KeyObject | undefined {
    const d = describeAlgorithm(crl.signatureAlgorithm);
    if (!d || !algorithmAllowed(d, { allowSha1: this.options.allowSha1 ?? false })) return undefined;
    let key: KeyObject | undefined;
    for (let j = i - 1; j >= 0 && !key; j--) {
      const c = this.path[j];
      if (!namesEqual(c.subjectName, crl.issuerName) || !c.ext.allowsKeyUsage('cRLSign')) continue;
      if (crl.verify(this.keys[j])) key = this.keys[j];
    }
    key ??= this.options.crlSigner?.(crl);
    if (key && d.sha1) this.sha1Used = true;
    return key;
  }
}
