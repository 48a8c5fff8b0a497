import { LtError, type ErrorKind } from '../../errors';
import { TrustReasons, type TrustReason } from '../verdict';

/** Input that could not be examined is a validation error; everything else refuses the signature itself. */
const UNUSABLE: ReadonlySet<TrustReason> = new Set([
  TrustReasons.cmsMalformed,
  TrustReasons.cmsContentMissing,
]);

/**
 * Stops the check with a stable reason. Thrown deep inside the parsers and caught once in `verifyCms`,
 * which turns it into a `{ ok: false }` result, so no caller ever sees a CMS check throw.
 */
export function fail(reason: TrustReason, detail: string): never {
  const kind: ErrorKind = UNUSABLE.has(reason) ? 'validation' : 'signature';
  throw new LtError(reason, kind, detail);
}

/** Wraps a parser call so that any library exception becomes `LT_CMS_MALFORMED` with the given context. */
export function parseOrFail<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof LtError) throw err;
    return fail(TrustReasons.cmsMalformed, `${what}: ${(err as Error).message}`);
  }
}
