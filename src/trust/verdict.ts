/**
 * The verdict of the edge on one signed input: what was checked, with what, and why it passed or failed.
 * One shape for XML-DSig, CMS, bare X.509 and HMAC, so that the message log, the CLI (`lienthong verify`)
 * and the dossier's `SignatureCheck` all read the same record. Every refusal carries a stable reason code
 * from {@link TrustReasons}.
 */

/**
 * Outcome classes. `unusable` is for input that could not be examined at all (not well-formed, hostile,
 * unknown kind): the CLI exits 2 on it, 1 on every other non-valid status, 0 on `valid`.
 */
export const VERDICT_STATUSES = ['valid', 'invalid', 'untrusted', 'expired', 'unsigned', 'unusable'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

/** Stable reason codes (`LT_<AREA>_<REASON>`). Tests and operators match on these, never on the text. */
export const TrustReasons = {
  ok: 'LT_TRUST_OK',
  // input
  xmlMalformed: 'LT_XML_MALFORMED',
  xmlDoctype: 'LT_XML_DOCTYPE_FORBIDDEN',
  xmlTooLarge: 'LT_XML_TOO_LARGE',
  xmlTooDeep: 'LT_XML_TOO_DEEP',
  xmlProcessingInstruction: 'LT_XML_PI_FORBIDDEN',
  jsonMalformed: 'LT_JSON_MALFORMED',
  jsonTooDeep: 'LT_JSON_TOO_DEEP',
  jsonTooLarge: 'LT_JSON_TOO_LARGE',
  jsonForbiddenKey: 'LT_JSON_FORBIDDEN_KEY',
  unknownKind: 'LT_TRUST_UNKNOWN_KIND',
  unreadable: 'LT_TRUST_INPUT_UNREADABLE',
  // signature structure and math
  unsigned: 'LT_SIG_MISSING',
  malformedSignature: 'LT_SIG_MALFORMED',
  severalSignatures: 'LT_SIG_SEVERAL',
  severalSignedInfo: 'LT_SIG_SEVERAL_SIGNEDINFO',
  wrapping: 'LT_SIG_WRAPPING',
  referenceMissing: 'LT_SIG_REFERENCE_MISSING',
  digestMismatch: 'LT_SIG_DIGEST_MISMATCH',
  badSignature: 'LT_SIG_BAD_SIGNATURE',
  algorithmForbidden: 'LT_SIG_ALGORITHM_FORBIDDEN',
  keyUnknown: 'LT_SIG_KEY_UNKNOWN',
  notCovered: 'LT_SIG_NOT_COVERED',
  attachmentTampered: 'LT_SIG_ATTACHMENT_TAMPERED',
  replay: 'LT_SIG_REPLAY',
  stale: 'LT_SIG_STALE',
  // CMS
  cmsMalformed: 'LT_CMS_MALFORMED',
  cmsNoSigner: 'LT_CMS_NO_SIGNER',
  cmsSignerCertMissing: 'LT_CMS_SIGNER_CERT_MISSING',
  cmsAttributes: 'LT_CMS_BAD_ATTRIBUTES',
  cmsContentMissing: 'LT_CMS_CONTENT_MISSING',
  // certificates and paths
  certMalformed: 'LT_CERT_MALFORMED',
  certExpired: 'LT_CERT_EXPIRED',
  certNotYetValid: 'LT_CERT_NOT_YET_VALID',
  certUntrusted: 'LT_CERT_UNTRUSTED',
  certBadSignature: 'LT_CERT_BAD_SIGNATURE',
  certNameChaining: 'LT_CERT_NAME_CHAINING',
  certRevoked: 'LT_CERT_REVOKED',
  certRevocationUnknown: 'LT_CERT_REVOCATION_UNKNOWN',
  certNotCa: 'LT_CERT_NOT_CA',
  certPathLength: 'LT_CERT_PATH_LENGTH',
  certKeyUsage: 'LT_CERT_KEY_USAGE',
  certPolicy: 'LT_CERT_POLICY',
  certNameConstraints: 'LT_CERT_NAME_CONSTRAINTS',
  certCriticalExtension: 'LT_CERT_UNKNOWN_CRITICAL_EXTENSION',
} as const;
export type TrustReason = (typeof TrustReasons)[keyof typeof TrustReasons];

/** Who signed, as read from the signer's certificate (absent when a bare pinned key verified it). */
export interface SignerInfo {
  subject: string;
  issuer: string;
  /** Serial number, uppercase hex without separators. */
  serial: string;
  /** SHA-256 of the certificate DER, uppercase hex with colons (as `openssl x509 -fingerprint`). */
  fingerprint256: string;
  notBefore: string;
  notAfter: string;
}

export interface Algorithms {
  /** Signature algorithm, e.g. `rsa-sha256`, `rsa-pss-sha256`, `hmac-sha256`. */
  signature?: string;
  /** Digest algorithms used (references, messageDigest). */
  digests?: string[];
  /** Canonicalisation methods (XML-DSig). */
  canonicalization?: string[];
}

export interface Verdict {
  kind: 'xmldsig' | 'cms' | 'x509' | 'hmac';
  status: VerdictStatus;
  /** {@link TrustReasons}.ok when valid. */
  reason: TrustReason;
  /** Human-readable why, in English; never a secret or a citizen id number. */
  detail: string;
  signer?: SignerInfo;
  /** Signing time claimed by the signature (CMS signingTime), ISO 8601 UTC. */
  signingTime?: string;
  /** The time the checks were made for (now, or `--at`), ISO 8601 UTC. */
  checkedAt: string;
  algorithms: Algorithms;
  /** SHA-1 was accepted because the route's policy allows legacy signatures; flagged for the record. */
  legacySha1?: boolean;
  /** How the key was trusted: a certificate path to an anchor, or a key pinned for this call. */
  trustedBy?: 'chain' | 'pinned-key';
  /** Subjects from the signer up to the trust anchor. */
  chain?: string[];
}

/** Exit code of `lienthong verify` for a verdict: 0 valid and trusted, 1 invalid or untrusted, 2 unusable input. */
export function exitCodeOf(verdict: Pick<Verdict, 'status'>): 0 | 1 | 2 {
  if (verdict.status === 'valid') return 0;
  return verdict.status === 'unusable' ? 2 : 1;
}
