import { constants, createHash, createHmac, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { HashAlgorithm, SignatureAlgorithm } from 'xml-crypto';
import { DIGEST_METHODS, type SignatureMethodSpec } from './algorithms';
import { keyFits, type CandidateKey } from './keys';

/** One signature check with node:crypto, false (never a throw) when the key does not verify it. */
function verifyOnce(
  method: SignatureMethodSpec,
  key: KeyObject,
  material: Buffer,
  signature: Buffer,
): boolean {
  if (!keyFits(key, method)) return false;
  try {
    if (method.family === 'hmac') {
      const mac = createHmac(method.hash, key).update(material).digest();
      // Full-length MACs only, compared in constant time (no HMACOutputLength truncation).
      return mac.length === signature.length && timingSafeEqual(mac, signature);
    }
    if (method.family === 'rsa-pss') {
      // RFC 6931 §2.3.10: the default salt length of sha256-rsa-MGF1 is the digest length (32 bytes).
      const pss = {
        key,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      };
      return verify(method.hash, material, pss, signature);
    }
    return verify(method.hash, material, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}

/**
 * A SignatureAlgorithm class for xml-crypto that ignores the key xml-crypto hands it and tries each
 * candidate in turn, stopping at the first that verifies and reporting it through `onMatch`. The signature
 * math is node:crypto's. It cannot sign: the gateway only verifies here.
 */
export function verifierClass(
  uri: string,
  method: SignatureMethodSpec,
  candidates: CandidateKey[],
  onMatch: (candidate: CandidateKey) => void,
): new () => SignatureAlgorithm {
  return class CandidateVerifier {
    getSignature(): never {
      throw new Error('this verifier does not sign');
    }
    verifySignature(material: string, _key: unknown, signatureValue: string): boolean {
      const data = Buffer.from(material, 'utf8');
      const signature = Buffer.from(signatureValue, 'base64');
      const match = candidates.find((candidate) => verifyOnce(method, candidate.key, data, signature));
      if (match) onMatch(match);
      return match !== undefined;
    }
    getAlgorithmName(): string {
      return uri;
    }
  } as unknown as new () => SignatureAlgorithm;
}

/** xml-crypto HashAlgorithm classes for the digests this call allows (sha384 is missing from xml-crypto). */
export function hashClasses(allowSha1: boolean): Record<string, new () => HashAlgorithm> {
  const out: Record<string, new () => HashAlgorithm> = {};
  for (const [uri, spec] of Object.entries(DIGEST_METHODS)) {
    if (spec.sha1 && !allowSha1) continue;
    out[uri] = class {
      getHash(xml: string): string {
        return createHash(spec.name).update(xml, 'utf8').digest('base64');
      }
      getAlgorithmName(): string {
        return uri;
      }
    };
  }
  return out;
}
