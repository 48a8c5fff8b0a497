import { isLtError } from '../../errors';
import { TrustReasons, type Algorithms, type TrustReason } from '../verdict';
import { fail } from './failure';
import { toDer } from './pem';
import { verifySigner, type SignerContext, type SignerFacts } from './signer';
import { parseSignedData, type SignedDataParts } from './structure';
import type { CmsOptions, CmsResult } from './types';

/**
 * Verifies a CMS / PKCS #7 SignedData (DER, BER or PEM): structure, signed attributes, content digest and
 * signature math, for every SignerInfo. It never throws: every refusal is `{ ok: false, reason }`.
 *
 * - Several SignerInfos: all must verify (a document countersigned by two officials is valid only if both
 *   signatures are); the reported certificate, time and algorithm lead with the first signer.
 * - A SignedData without any SignerInfo (certs-only / CRL-only, `.p7c`) is `LT_CMS_NO_SIGNER`, never valid.
 * - Unsigned attributes (counter-signatures, signature timestamps) are not examined.
 * - NOT checked here: the certificate chain, validity period, key usage and revocation of the signer's
 *   certificate. The caller runs those on `signerCertificate` with `certificates` as intermediates.
 */
export function verifyCms(input: Buffer, options: CmsOptions = {}): CmsResult {
  let parts: SignedDataParts | undefined;
  const facts: SignerFacts[] = [];
  try {
    parts = parseSignedData(toDer(input));
    if (parts.signerInfos.length === 0) {
      fail(TrustReasons.cmsNoSigner, 'SignedData has no SignerInfo (certificates-only or CRL-only)');
    }
    const context = signerContext(parts, options);
    for (const signerInfo of parts.signerInfos) {
      const signerFacts: SignerFacts = {};
      facts.push(signerFacts);
      verifySigner(signerInfo, context, signerFacts);
    }
    return {
      ok: true,
      content: context.content ?? Buffer.alloc(0),
      signerCertificate: facts[0].signerCertificate,
      certificates: parts.certificates,
      signingTime: facts[0].signingTime,
      algorithms: algorithmsOf(facts),
      sha1Used: facts.some((f) => f.digest === 'sha1' || f.signature?.endsWith('sha1')),
      signedAttributes: facts.every((f) => f.signedAttributes),
    };
  } catch (err) {
    const reason = isLtError(err) ? (err.code as TrustReason) : TrustReasons.cmsMalformed;
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      reason,
      detail: isLtError(err) ? detail : `unreadable CMS: ${detail}`,
      certificates: parts?.certificates ?? [],
      signerCertificate: facts[0]?.signerCertificate,
      signingTime: facts[0]?.signingTime,
      algorithms: facts.length > 0 ? algorithmsOf(facts) : undefined,
    };
  }
}

function signerContext(parts: SignedDataParts, options: CmsOptions): SignerContext {
  const { eContent } = parts;
  if (eContent && options.detachedContent && !eContent.equals(options.detachedContent)) {
    // The caller holds a document that is not the one inside the signature.
    fail(
      TrustReasons.digestMismatch,
      'the supplied content differs from the content attached to the signature',
    );
  }
  const extra = (options.extraCertificates ?? []).filter((c) => !parts.certificates.some((e) => e.equals(c)));
  return {
    eContentType: parts.eContentType,
    content: eContent ?? options.detachedContent,
    detachedDigest: options.detachedDigest,
    certificatePool: [...parts.certificates, ...extra],
    pinnedKeys: options.pinnedKeys ?? [],
    allowSha1: options.allowSha1 ?? false,
  };
}

function algorithmsOf(facts: SignerFacts[]): Algorithms {
  const unique = (values: (string | undefined)[]): string[] => [
    ...new Set(values.filter((v): v is string => v !== undefined)),
  ];
  const signatures = unique(facts.map((f) => f.signature));
  return {
    signature: signatures.length > 0 ? signatures.join(',') : undefined,
    digests: unique(facts.map((f) => f.digest)),
  };
}
