import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { TrustReasons } from '../verdict';
import { fail } from './failure';
import { readPssParams } from './pss';

/** Digests a CMS signer may use. MD5 and MD2 are never accepted; SHA-1 only under a legacy policy. */
export type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

const DIGESTS: Record<string, DigestName> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const RSA_PKCS1: Record<string, DigestName | 'md5'> = {
  '1.2.840.113549.1.1.4': 'md5',
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};

const ECDSA: Record<string, DigestName> = {
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSA_PSS = '1.2.840.113549.1.1.10';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const ED25519 = '1.3.101.112';

/** How to check one SignerInfo's signature with node:crypto. */
export interface SignatureScheme {
  /** Name for the verdict, e.g. `rsa-sha256`, `rsa-pss-sha256`, `ecdsa-sha384`, `ed25519`. */
  name: string;
  /** Hash given to `crypto.verify` (null for Ed25519, which hashes internally). */
  hash: DigestName | null;
  pssSaltLength?: number;
}

/** Maps a digest OID to its name, refusing anything off the allow-list. */
export function resolveDigest(oid: string, allowSha1: boolean): DigestName {
  const name = DIGESTS[oid];
  if (!name) return fail(TrustReasons.algorithmForbidden, `digest algorithm ${oid} is not allowed`);
  checkSha1(name, allowSha1);
  return name;
}

/**
 * Maps the SignerInfo's signatureAlgorithm to a scheme. `rsaEncryption` and `id-ecPublicKey` name only the
 * key type, so the hash comes from the SignerInfo's digestAlgorithm (RFC 3370 §3.2, RFC 5753 §2.1.1).
 */
export function resolveSignature(
  alg: AlgorithmIdentifier,
  digest: DigestName,
  allowSha1: boolean,
): SignatureScheme {
  const oid = alg.algorithm;
  let scheme: SignatureScheme;
  if (oid === RSA_ENCRYPTION || oid === EC_PUBLIC_KEY) {
    scheme = { name: `${oid === RSA_ENCRYPTION ? 'rsa' : 'ecdsa'}-${digest}`, hash: digest };
  } else if (RSA_PKCS1[oid] || ECDSA[oid]) {
    const hash = RSA_PKCS1[oid] ?? ECDSA[oid];
    if (hash === 'md5') return fail(TrustReasons.algorithmForbidden, 'md5WithRSAEncryption is never allowed');
    scheme = { name: `${RSA_PKCS1[oid] ? 'rsa' : 'ecdsa'}-${hash}`, hash };
  } else if (oid === RSA_PSS) {
    const pss = readPssParams(alg.parameters ?? undefined);
    const hash = resolveDigest(pss.hashOid, allowSha1);
    scheme = { name: `rsa-pss-${hash}`, hash, pssSaltLength: pss.saltLength };
  } else if (oid === ED25519) {
    scheme = { name: 'ed25519', hash: null };
  } else {
    return fail(TrustReasons.algorithmForbidden, `signature algorithm ${oid} is not supported`);
  }
  if (scheme.hash) checkSha1(scheme.hash, allowSha1);
  return scheme;
}

function checkSha1(name: DigestName, allowSha1: boolean): void {
  if (name === 'sha1' && !allowSha1) {
    fail(TrustReasons.algorithmForbidden, 'SHA-1 is forbidden by policy (allowSha1 is off)');
  }
}
