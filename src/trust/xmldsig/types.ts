import type { KeyObject } from 'node:crypto';
import type { XmlLimits } from '../xml/safe-xml';
import type { Algorithms, TrustReason } from '../verdict';
import type { SignatureScope } from './signature-element';

/** What one call of {@link verifyXmlSignature} trusts and allows. */
export interface XmlDsigOptions {
  /** Public keys trusted for this call (pinned, e.g. from a --trust file). */
  pinnedKeys?: KeyObject[];
  /**
   * Called with the DER of every X509Certificate in KeyInfo; returns the key to verify with when the caller
   * trusts one of these certificates (the caller checks the chain), else undefined. A KeyInfo certificate
   * is never used unless this returns its key. Not called for HMAC signatures.
   */
  resolveCertificateKey?: (certificatesDer: Buffer[]) => KeyObject | undefined;
  /**
   * HMAC secrets. HMAC SignatureMethods are refused unless some are given, and only these are tried for
   * them: a certificate or public key is never used as an HMAC secret (key confusion).
   */
  hmacKeys?: Buffer[];
  /** Accept rsa-sha1 / hmac-sha1 and SHA-1 digests. @defaultValue false (refused with LT_SIG_ALGORITHM_FORBIDDEN) */
  allowSha1?: boolean;
  /** Also accept `wsu:Id` (WS-Security utility namespace) as the ID a Reference names. */
  idMode?: 'wssecurity';
  /**
   * Which Signature is verified. `single`: the document must hold exactly one (LT_SIG_SEVERAL otherwise).
   * `document-element`: the one Signature that is a child of the root (a SAML Response signed beside a
   * signed Assertion); deeper Signatures are then only content. @defaultValue 'single'
   */
  signatureScope?: SignatureScope;
  limits?: XmlLimits;
}

/** The outcome: on success, the canonical XML of exactly what the signature covers. */
export type XmlDsigResult =
  | {
      ok: true;
      algorithms: Algorithms;
      sha1Used: boolean;
      keySource: 'certificate' | 'pinned' | 'hmac';
      keyInfoCertificates: Buffer[];
      /** Canonical XML of each signed Reference, in order: callers process this, not the raw document. */
      signedReferences: string[];
      /** Some Reference uses the enveloped-signature transform. */
      enveloped: boolean;
    }
  | {
      ok: false;
      reason: TrustReason;
      detail: string;
      algorithms?: Algorithms;
      keyInfoCertificates: Buffer[];
    };
