import type { Algorithms } from '../verdict';
import { CANONICALIZATIONS, DIGEST_METHODS, SIGNATURE_METHODS, TRANSFORMS } from './algorithms';
import type { RawSignedInfo } from './signed-info';

const unique = (values: string[]): string[] => [...new Set(values)];

/**
 * The algorithms a SignedInfo names, as short names where they are known and as the raw URI where they are
 * not (so a refusal for an unknown algorithm still says which one it was).
 */
export function describeAlgorithms(signedInfo: RawSignedInfo): Algorithms {
  return {
    signature: SIGNATURE_METHODS[signedInfo.signatureMethod]?.name ?? signedInfo.signatureMethod,
    digests: unique(signedInfo.references.map((r) => DIGEST_METHODS[r.digestMethod]?.name ?? r.digestMethod)),
    canonicalization: unique([
      CANONICALIZATIONS[signedInfo.canonicalization] ?? signedInfo.canonicalization,
      ...signedInfo.references.flatMap((r) => r.transforms.map((t) => TRANSFORMS[t] ?? t)),
    ]),
  };
}
