import { createSecretKey, type KeyObject } from 'node:crypto';
import { TrustReasons } from '../verdict';
import type { SignatureMethodSpec } from './algorithms';
import { SigRefusal } from './refusal';
import type { XmlDsigOptions } from './types';

/** A key to try, and where it came from (reported as `keySource`). */
export interface CandidateKey {
  key: KeyObject;
  source: 'certificate' | 'pinned' | 'hmac';
}

/** Whether `key` may be used with a method of this family: the guard against key confusion. */
export function keyFits(key: KeyObject, method: SignatureMethodSpec): boolean {
  if (method.family === 'hmac') return key.type === 'secret';
  return key.type === 'public' && (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss');
}

/**
 * The keys to try, in order: for HMAC the configured secrets and nothing else (a public key or certificate
 * is never an HMAC secret); otherwise the pinned keys, then the key the caller's resolver returns for the
 * KeyInfo certificates. A certificate in KeyInfo is never used on its own say-so.
 */
export function candidateKeys(
  method: SignatureMethodSpec,
  certificates: Buffer[],
  options: XmlDsigOptions,
): CandidateKey[] {
  if (method.family === 'hmac') {
    return (options.hmacKeys ?? []).map((secret) => ({
      key: createSecretKey(secret),
      source: 'hmac' as const,
    }));
  }
  const candidates: CandidateKey[] = (options.pinnedKeys ?? [])
    .filter((key) => keyFits(key, method))
    .map((key) => ({ key, source: 'pinned' as const }));
  if (certificates.length > 0 && options.resolveCertificateKey) {
    const key = options.resolveCertificateKey(certificates);
    if (key !== undefined && keyFits(key, method)) candidates.push({ key, source: 'certificate' });
  }
  if (candidates.length === 0) {
    throw new SigRefusal(
      TrustReasons.keyUnknown,
      'no trusted RSA key (pinned, or returned for a KeyInfo certificate) is available',
    );
  }
  return candidates;
}
