import type { KeyObject } from 'node:crypto';
import type { TrustReason } from '../verdict';
import { TrustReasons } from '../verdict';
import type { Certificate } from './cert';
import type { Crl } from './crl';
import { namesEqual } from './names';
import type { PathOptions, PathResult } from './path';
import { validatePath } from './path';

/** Inputs for {@link validateChain}: what to trust, what may help build the path, and the path options. */
export interface ChainOptions extends Omit<PathOptions, 'crlSigner' | 'crls'> {
  anchors: Certificate[];
  intermediates?: Certificate[];
  crls?: Crl[];
  /** Most non-anchor certificates in a path. @defaultValue 10 */
  maxDepth?: number;
}

export type ChainResult =
  | { valid: true; sha1Used: boolean; policies?: string[]; path: Certificate[] }
  | { valid: false; reason: TrustReason; detail: string; index: number; path?: Certificate[] };

type Failure = Extract<PathResult, { valid: false }>;

/** Signature and name-chaining failures usually mean "wrong candidate", so any other failure says more. */
function score(f: Failure): number {
  const weak = f.reason === TrustReasons.certBadSignature || f.reason === TrustReasons.certNameChaining;
  return (weak ? 0 : 100) + f.index;
}

function issuesOf(issuer: Certificate, cert: Certificate): 'aki' | 'name' | undefined {
  const aki = cert.ext.authorityKeyIdentifier;
  if (aki && aki === issuer.ext.subjectKeyIdentifier) return 'aki';
  return namesEqual(issuer.subjectName, cert.issuerName) ? 'name' : undefined;
}

/**
 * Builds candidate paths from `leaf` to an anchor (issuer by name, or by authorityKeyIdentifier =
 * subjectKeyIdentifier so a mis-named issuer still yields a name-chaining verdict), without loops and at
 * most `maxDepth` deep, and validates each with {@link validatePath}. Returns the first valid path (anchor
 * first), else the most informative failure, or LT_CERT_UNTRUSTED when no path reaches an anchor.
 * CRL signers outside the path are validated the same way, with a guard against CRL signers that vouch
 * for themselves (an indirect CRL covering its own issuer's certificate).
 */
export function validateChain(leaf: Certificate, options: ChainOptions): ChainResult {
  return new Builder(options).validate(leaf, new Set());
}

class Builder {
  private readonly pool: Certificate[];
  private readonly anchorFps: Set<string>;

  constructor(private readonly options: ChainOptions) {
    const seen = new Set<string>();
    this.pool = [...options.anchors, ...(options.intermediates ?? [])].filter((c) => {
      const fresh = !seen.has(c.fingerprint256);
      seen.add(c.fingerprint256);
      return fresh;
    });
    this.anchorFps = new Set(options.anchors.map((a) => a.fingerprint256));
  }

  validate(leaf: Certificate, inProgress: Set<string>): ChainResult {
    if (this.anchorFps.has(leaf.fingerprint256)) return this.anchorAlone(leaf);
    const guard = new Set(inProgress).add(leaf.fingerprint256);
    let best: Failure | undefined;
    let bestPath: Certificate[] | undefined;
    for (const path of this.paths([leaf])) {
      const r = validatePath(path, {
        ...this.options,
        crls: this.options.crls ?? [],
        crlSigner: (crl) => this.crlSigner(crl, guard),
      });
      if (r.valid) return { ...r, path };
      if (!best || score(r) > score(best)) [best, bestPath] = [r, path];
    }
    if (best) return { ...best, path: bestPath };
    return {
      valid: false,
      reason: TrustReasons.certUntrusted,
      detail: `no path from ${leaf.subject} to a trust anchor`,
      index: 0,
    };
  }

  private anchorAlone(leaf: Certificate): ChainResult {
    const t = this.options.time;
    if (t < leaf.notBefore)
      return {
        valid: false,
        reason: TrustReasons.certNotYetValid,
        detail: `${leaf.subject} is not yet valid`,
        index: 0,
      };
    if (t > leaf.notAfter)
      return {
        valid: false,
        reason: TrustReasons.certExpired,
        detail: `${leaf.subject} has expired`,
        index: 0,
      };
    return { valid: true, sha1Used: false, path: [leaf] };
  }

  /** Paths ending at an anchor, `partial` being leaf-first; candidates with a key-id match come first. */
  private *paths(partial: Certificate[]): Generator<Certificate[]> {
    const top = partial[partial.length - 1];
    const used = new Set(partial.map((c) => c.fingerprint256));
    const candidates = this.pool
      .map((c) => ({ c, how: issuesOf(c, top) }))
      .filter((x) => x.how && !used.has(x.c.fingerprint256))
      .sort((a, b) => Number(b.how === 'aki') - Number(a.how === 'aki'));
    for (const { c } of candidates) {
      if (this.anchorFps.has(c.fingerprint256)) yield [c, ...[...partial].reverse()];
      else if (partial.length < (this.options.maxDepth ?? 10)) yield* this.paths([...partial, c]);
    }
  }

  /** A validated certificate allowed to sign `crl` (§6.3.3 f), from the anchors and intermediates. */
  private crlSigner(crl: Crl, inProgress: Set<string>): KeyObject | undefined {
    for (const c of this.pool) {
      if (!namesEqual(c.subjectName, crl.issuerName) || !c.ext.allowsKeyUsage('cRLSign')) continue;
      if (c.inheritsKeyParams || !crl.verify(c.publicKey())) continue;
      if (this.anchorFps.has(c.fingerprint256) || inProgress.has(c.fingerprint256)) return c.publicKey();
      if (this.validate(c, inProgress).valid) return c.publicKey();
    }
    return undefined;
  }
}
