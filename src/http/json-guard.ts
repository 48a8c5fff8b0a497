import { LtError } from '../errors';
import { findJsonHazard } from '../trust/json-shape';
import { HttpCodes } from './http-errors';

/** Deeper than any canonical document needs; deeper input only exhausts the stacks of later code. */
const MAX_JSON_DEPTH = 64;

/**
 * Refuses parsed JSON that could pollute prototypes once merged or assigned somewhere, or that nests deeper
 * than MAX_JSON_DEPTH (see `src/trust/json-shape.ts`), with the HTTP edge's codes.
 */
export function assertSafeJson(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const hazard = findJsonHazard(value, maxDepth);
  if (hazard?.kind === 'too_deep') {
    throw new LtError(HttpCodes.jsonTooDeep, 'validation', `JSON nesting exceeds ${maxDepth} levels`);
  }
  if (hazard?.kind === 'forbidden_key') {
    throw new LtError(
      HttpCodes.forbiddenKey,
      'validation',
      `request body contains a forbidden key at ${hazard.pointer}`,
      { details: { pointer: hazard.pointer } },
    );
  }
}
