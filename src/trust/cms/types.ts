import type { KeyObject } from 'node:crypto';
import type { Algorithms, TrustReason } from '../verdict';

/** A digest of the content, for a detached signature whose content is not at hand. */
export interface CmsDigest {
  algorithm: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  value: Buffer;
}

/** What `verifyCms` checks the signature against. */
export interface CmsOptions {
  /** The content of a detached signature. */
  detachedContent?: Buffer;
  /**
   * The content's digest when only that is known (needs signed attributes, and the signer's digest
   * algorithm). Used only when no content is attached or supplied.
   */
  detachedDigest?: CmsDigest;
  /** DER certificates that may hold the signer (signatures made without certificates; `--trust` files). */
  extraCertificates?: Buffer[];
  /** Bare public keys tried when no certificate matches the signer identifier. */
  pinnedKeys?: KeyObject[];
  /**
   * Accept SHA-1 digests and SHA-1 signatures (legacy partners); flagged as `sha1Used`.
   * @defaultValue false: SHA-1 is refused with LT_SIG_ALGORITHM_FORBIDDEN.
   */
  allowSha1?: boolean;
}

/** A verified CMS SignedData. The certificate chain and validity period are NOT checked here. */
export interface CmsValid {
  ok: true;
  /** The signed content (attached or the supplied detached content; empty when only a digest was given). */
  content: Buffer;
  /** DER of the first signer's certificate; absent when a pinned key verified it. */
  signerCertificate?: Buffer;
  /** DER of the X.509 certificates embedded in the SignedData, in order. */
  certificates: Buffer[];
  /** The first signer's signingTime attribute, if any. */
  signingTime?: Date;
  algorithms: Algorithms;
  sha1Used: boolean;
  /** True when every signer used signed attributes. */
  signedAttributes: boolean;
}

/** A refused CMS input, with what could be learnt before the refusal. */
export interface CmsInvalid {
  ok: false;
  reason: TrustReason;
  detail: string;
  certificates: Buffer[];
  signerCertificate?: Buffer;
  signingTime?: Date;
  algorithms?: Algorithms;
}

export type CmsResult = CmsValid | CmsInvalid;
