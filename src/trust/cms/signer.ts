import { constants, createHash, verify, type KeyObject } from 'node:crypto';
import { SignerInfo } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { TrustReasons } from '../verdict';
import { resolveDigest, resolveSignature, type DigestName, type SignatureScheme } from './algorithms';
import { checkSignedAttributes } from './attributes';
import { fail, parseOrFail } from './failure';
import { Oids } from './oid';
import { findSignerCertificates } from './signer-cert';
import { isContext, children, withTag, type Tlv } from './tlv';
import type { CmsDigest } from './types';

/** What one SignerInfo is checked against. */
export interface SignerContext {
  eContentType: string;
  /** The signed content (attached, or supplied for a detached signature). */
  content?: Buffer;
  detachedDigest?: CmsDigest;
  /** Embedded certificates first, then the caller's extra ones. */
  certificatePool: Buffer[];
  pinnedKeys: KeyObject[];
  allowSha1: boolean;
}

/** Facts about one signer, filled in as the checks get that far, so a refusal can still report them. */
export interface SignerFacts {
  digest?: DigestName;
  signature?: string;
  signerCertificate?: Buffer;
  signingTime?: Date;
  signedAttributes?: boolean;
}

/**
 * Checks one SignerInfo (RFC 5652 §5.4, §5.6) in a fixed order, so each refusal names the first thing
 * wrong: algorithms, signed attributes, signer certificate, content digest, then the signature itself.
 * Throws an LtError carrying the reason; `facts` holds what was learnt up to that point.
 */
export function verifySigner(tlv: Tlv, ctx: SignerContext, facts: SignerFacts): void {
  const info = parseOrFail('SignerInfo', () => AsnConvert.parse(tlv.der, SignerInfo));
  // version, sid, digestAlgorithm, [0] signedAttrs?, ... (sid may itself be [0], so look at the slot only)
  const signedAttrs = children(tlv)[3];
  const hasAttrs = signedAttrs !== undefined && isContext(signedAttrs, 0);
  facts.signedAttributes = hasAttrs;
  const digest = resolveDigest(info.digestAlgorithm.algorithm, ctx.allowSha1);
  facts.digest = digest;
  const scheme = resolveSignature(info.signatureAlgorithm, digest, ctx.allowSha1);
  facts.signature = scheme.name;
  const claims = hasAttrs ? checkSignedAttributes(signedAttrs, ctx.eContentType) : undefined;
  facts.signingTime = claims?.signingTime;
  if (!hasAttrs && ctx.eContentType !== Oids.data) {
    fail(TrustReasons.cmsAttributes, 'signed attributes are required when the content type is not id-data');
  }
  const candidates = findSignerCertificates(info.sid, ctx.certificatePool);
  facts.signerCertificate = candidates[0]?.der;
  if (candidates.length === 0 && ctx.pinnedKeys.length === 0) {
    fail(
      TrustReasons.cmsSignerCertMissing,
      'no embedded or supplied certificate matches the signer identifier',
    );
  }
  let signedBytes: Buffer;
  if (claims) {
    if (!contentDigest(ctx, digest).equals(claims.messageDigest)) {
      fail(
        TrustReasons.digestMismatch,
        `the content's ${digest} digest differs from the messageDigest attribute`,
      );
    }
    // The signature covers the DER of the attributes as a SET OF (tag 0x31), not the [0] IMPLICIT form
    // in which they are sent (RFC 5652 §5.4).
    signedBytes = withTag(0x31, signedAttrs.content);
  } else {
    if (!ctx.content) {
      fail(
        TrustReasons.cmsContentMissing,
        'without signed attributes the content itself is needed, not a digest',
      );
    }
    signedBytes = ctx.content;
  }
  const signature = Buffer.from(info.signature.buffer);
  for (const candidate of candidates) {
    if (checkSignature(scheme, signedBytes, candidate.key, signature)) {
      facts.signerCertificate = candidate.der;
      return;
    }
  }
  if (candidates.length > 0) fail(TrustReasons.badSignature, `the ${scheme.name} signature does not verify`);
  if (ctx.pinnedKeys.some((key) => checkSignature(scheme, signedBytes, key, signature))) return;
  fail(TrustReasons.keyUnknown, 'no certificate matches the signer and no pinned key verifies the signature');
}

function contentDigest(ctx: SignerContext, digest: DigestName): Buffer {
  if (ctx.content) return createHash(digest).update(ctx.content).digest();
  if (!ctx.detachedDigest)
    return fail(TrustReasons.cmsContentMissing, 'detached signature and no content supplied');
  if (ctx.detachedDigest.algorithm !== digest) {
    fail(
      TrustReasons.cmsContentMissing,
      `a ${ctx.detachedDigest.algorithm} digest was supplied but the signer used ${digest}`,
    );
  }
  return ctx.detachedDigest.value;
}

function checkSignature(scheme: SignatureScheme, data: Buffer, key: KeyObject, signature: Buffer): boolean {
  const options =
    scheme.pssSaltLength === undefined
      ? { key }
      : { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.pssSaltLength };
  try {
    return verify(scheme.hash, data, options, signature);
  } catch {
    // A key of the wrong type for the algorithm, or a signature of the wrong size: not a valid signature.
    return false;
  }
}
