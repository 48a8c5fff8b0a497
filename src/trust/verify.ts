import type { KeyObject } from 'node:crypto';
import { isLtError } from '../errors';
import { verifyCms } from './cms';
import type { TrustStore } from './store';
import type { Algorithms, SignerInfo, TrustReason, Verdict, VerdictStatus } from './verdict';
import { TrustReasons } from './verdict';
import { Certificate, validateChain } from './x509';
import type { XmlLimits } from './xml/safe-xml';
import { verifyXmlSignature } from './xmldsig';

/**
 * The edge's three questions put together: is the signature mathematically right (xmldsig / cms), is the
 * key's certificate on a path to an anchor of the trust store, valid when checked and when signed
 * (x509), and is every algorithm allowed. The answer is one {@link Verdict}, whatever failed.
 */
export interface VerifyContext {
  store: TrustStore;
  /** The time the checks are made for. @defaultValue now */
  at?: Date;
  /** Accept SHA-1 (legacy edXML routes); the verdict is then flagged `legacySha1`. @defaultValue false */
  allowSha1?: boolean;
  /** Keys trusted for this call only (`--trust` with a public key or a certificate). */
  pinnedKeys?: KeyObject[];
  /** Certificates that may identify a CMS signer sent without its certificate (candidates, not anchors). */
  extraCertificates?: Certificate[];
  hmacKeys?: Buffer[];
  idMode?: 'wssecurity';
  limits?: XmlLimits;
}

export interface XmlVerification {
  verdict: Verdict;
  /** Canonical XML of what the signature covers (valid verdicts only): process this, not the raw input. */
  signedReferences?: string[];
}

const INPUT_REASONS = new Set<string>([
  TrustReasons.xmlMalformed,
  TrustReasons.xmlDoctype,
  TrustReasons.xmlTooLarge,
  TrustReasons.xmlTooDeep,
  TrustReasons.xmlProcessingInstruction,
  TrustReasons.cmsMalformed,
  TrustReasons.certMalformed,
  TrustReasons.unknownKind,
  TrustReasons.unreadable,
]);

/** The verdict status a refusal reason stands for. */
export function statusOf(reason: string): VerdictStatus {
  if (reason === TrustReasons.ok) return 'valid';
  if (INPUT_REASONS.has(reason)) return 'unusable';
  if (reason === TrustReasons.unsigned) return 'unsigned';
  if (reason === TrustReasons.certExpired || reason === TrustReasons.certNotYetValid) return 'expired';
  if (reason === TrustReasons.certUntrusted || reason === TrustReasons.keyUnknown) return 'untrusted';
  return 'invalid';
}

interface ChainOutcome {
  ok: boolean;
  reason: TrustReason;
  detail: string;
  chain?: string[];
  sha1Used?: boolean;
}

/** Path validation of a signer certificate at `time`, against the store plus the certificates sent along. */
export async function checkCertificate(
  leaf: Certificate,
  sentAlong: Certificate[],
  ctx: VerifyContext,
  time: Date,
  purpose: 'signature' | 'certificate' = 'signature',
): Promise<ChainOutcome> {
  const result = validateChain(leaf, {
    anchors: [...ctx.store.anchors],
    intermediates: [...ctx.store.intermediates, ...sentAlong, ...(ctx.extraCertificates ?? [])],
    crls: await ctx.store.crls(),
    time,
    revocation: ctx.store.revocation,
    allowSha1: ctx.allowSha1 ?? false,
  });
  if (result.valid) {
    if (purpose === 'signature' && !signsDocuments(leaf)) {
      return {
        ok: false,
        reason: TrustReasons.certKeyUsage,
        detail: `${leaf.subject} may not sign documents: its keyUsage has neither digitalSignature nor nonRepudiation`,
      };
    }
    return {
      ok: true,
      reason: TrustReasons.ok,
      detail: 'certificate path valid',
      chain: result.path.map((c: Certificate) => c.subject).reverse(),
      sha1Used: result.sha1Used,
    };
  }
  return { ok: false, reason: result.reason, detail: result.detail };
}

/**
 * A certificate that names its key's uses must allow signing: a TLS server or encryption certificate,
 * however well it chains, does not sign official documents. One without the extension may (RFC 5280).
 */
function signsDocuments(cert: Certificate): boolean {
  if (cert.keyUsage === undefined) return true;
  return cert.ext.allowsKeyUsage('digitalSignature') || cert.ext.allowsKeyUsage('nonRepudiation');
}

function verdictOf(
  kind: Verdict['kind'],
  at: Date,
  reason: TrustReason,
  detail: string,
  extra: Partial<Verdict> = {},
): Verdict {
  return {
    kind,
    status: statusOf(reason),
    reason,
    detail,
    checkedAt: at.toISOString(),
    algorithms: extra.algorithms ?? {},
    ...extra,
  };
}

/** Parses KeyInfo / CMS certificates; the signer is the one no other certificate in the set was issued by. */
function pickLeaf(certs: Certificate[]): Certificate | undefined {
  return (
    certs.find(
      (c) => !certs.some((other) => other !== c && other.issuer === c.subject && !other.isSelfIssued),
    ) ?? certs[0]
  );
}

function parseCerts(ders: Buffer[]): Certificate[] {
  return ders.flatMap((der) => {
    try {
      return [Certificate.fromDer(der)];
    } catch {
      return [];
    }
  });
}

/**
 * Verifies an XML-DSig document. The math runs with the KeyInfo certificate's key so that a tampered
 * document is named as such, but the certificate counts only if it chains to the trust store: until then
 * the verdict is untrusted (or expired, revoked…), never valid.
 */
export async function verifyXml(input: Buffer | string, ctx: VerifyContext): Promise<XmlVerification> {
  const at = ctx.at ?? new Date();
  let signer: Certificate | undefined;
  let sentAlong: Certificate[] = [];
  const result = verifyXmlSignature(input, {
    pinnedKeys: ctx.pinnedKeys,
    hmacKeys: ctx.hmacKeys,
    allowSha1: ctx.allowSha1,
    idMode: ctx.idMode,
    limits: ctx.limits,
    resolveCertificateKey: (ders) => {
      sentAlong = parseCerts(ders);
      signer = pickLeaf(sentAlong);
      return signer?.publicKey();
    },
  });
  const signerInfo = signer?.toSignerInfo();
  if (!result.ok) {
    return {
      verdict: verdictOf('xmldsig', at, result.reason, result.detail, {
        algorithms: result.algorithms ?? {},
        ...(signerInfo ? { signer: signerInfo } : {}),
      }),
    };
  }
  const base = { algorithms: result.algorithms, ...(result.sha1Used ? { legacySha1: true } : {}) };
  if (result.keySource !== 'certificate' || signer === undefined) {
    return {
      verdict: verdictOf('xmldsig', at, TrustReasons.ok, `signature valid with a key pinned for this call`, {
        ...base,
        trustedBy: 'pinned-key',
      }),
      signedReferences: result.signedReferences,
    };
  }
  const chain = await checkCertificate(
    signer,
    sentAlong.filter((c) => c !== signer),
    ctx,
    at,
  );
  const verdict = verdictOf(
    'xmldsig',
    at,
    chain.reason,
    chain.ok ? 'signature valid; certificate path valid' : chain.detail,
    {
      ...base,
      ...(chain.sha1Used ? { legacySha1: true } : {}),
      signer: signerInfo,
      ...(chain.ok ? { trustedBy: 'chain' as const, chain: chain.chain } : {}),
    },
  );
  return { verdict, ...(chain.ok ? { signedReferences: result.signedReferences } : {}) };
}

export interface CmsVerification {
  verdict: Verdict;
  /** The signed content (attached, or the detached content given). */
  content?: Buffer;
}

/**
 * Verifies CMS SignedData: the math, then the signer's certificate path at the verification time, and
 * that the certificate was within its validity when the signature says it was made (signingTime).
 */
export async function verifyCmsSignature(
  input: Buffer,
  ctx: VerifyContext & { detachedContent?: Buffer },
): Promise<CmsVerification> {
  const at = ctx.at ?? new Date();
  const result = verifyCms(input, {
    detachedContent: ctx.detachedContent,
    extraCertificates: (ctx.extraCertificates ?? []).map((c) => c.der),
    pinnedKeys: ctx.pinnedKeys,
    allowSha1: ctx.allowSha1,
  });
  const signerCert = result.signerCertificate ? parseCerts([result.signerCertificate])[0] : undefined;
  const common: Partial<Verdict> = {
    algorithms: result.algorithms ?? ({} as Algorithms),
    ...(signerCert ? { signer: signerCert.toSignerInfo() } : {}),
    ...(result.signingTime ? { signingTime: result.signingTime.toISOString() } : {}),
  };
  if (!result.ok) return { verdict: verdictOf('cms', at, result.reason, result.detail, common) };
  if (result.sha1Used) common.legacySha1 = true;
  if (result.signerCertificate && !signerCert) {
    // The CMS reader found and used a certificate our X.509 reader cannot parse (BER, say): no path can be
    // checked for it, so it is refused, never taken for a pinned key.
    return {
      verdict: verdictOf(
        'cms',
        at,
        TrustReasons.certMalformed,
        'the signer certificate cannot be parsed as DER',
        common,
      ),
    };
  }
  if (!signerCert) {
    return {
      verdict: verdictOf('cms', at, TrustReasons.ok, 'signature valid with a key pinned for this call', {
        ...common,
        trustedBy: 'pinned-key',
      }),
      content: result.content,
    };
  }
  const signedAt = result.signingTime;
  if (signedAt && (signedAt < signerCert.notBefore || signedAt > signerCert.notAfter)) {
    const reason = signedAt < signerCert.notBefore ? TrustReasons.certNotYetValid : TrustReasons.certExpired;
    return {
      verdict: verdictOf(
        'cms',
        at,
        reason,
        `signed at ${signedAt.toISOString()}, outside the signer certificate's validity`,
        common,
      ),
    };
  }
  const sentAlong = parseCerts(result.certificates).filter(
    (c) => c.fingerprint256 !== signerCert.fingerprint256,
  );
  const chain = await checkCertificate(signerCert, sentAlong, ctx, at);
  return {
    verdict: verdictOf(
      'cms',
      at,
      chain.reason,
      chain.ok ? 'signature valid; certificate path valid' : chain.detail,
      {
        ...common,
        ...(chain.sha1Used ? { legacySha1: true } : {}),
        ...(chain.ok ? { trustedBy: 'chain' as const, chain: chain.chain } : {}),
      },
    ),
    ...(chain.ok ? { content: result.content } : {}),
  };
}

/** Validates a certificate file (the leaf first, any other certificates in it help build the path). */
export async function verifyCertificateFile(input: Buffer, ctx: VerifyContext): Promise<Verdict> {
  const at = ctx.at ?? new Date();
  let certs: Certificate[];
  try {
    certs = Certificate.parseAll(input);
  } catch (err) {
    const detail = isLtError(err) ? err.message : `not a certificate: ${(err as Error).message}`;
    return verdictOf('x509', at, TrustReasons.certMalformed, detail);
  }
  if (certs.length === 0)
    return verdictOf('x509', at, TrustReasons.certMalformed, 'the file holds no certificate');
  const [leaf, ...rest] = certs;
  const chain = await checkCertificate(leaf, rest, ctx, at, 'certificate');
  const signer: SignerInfo = leaf.toSignerInfo();
  return verdictOf('x509', at, chain.reason, chain.ok ? 'certificate path valid' : chain.detail, {
    signer,
    ...(chain.sha1Used ? { legacySha1: true } : {}),
    ...(chain.ok ? { trustedBy: 'chain' as const, chain: chain.chain } : {}),
  });
}
