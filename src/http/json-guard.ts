import { LtError } from '../errors';
import { HttpCodes } from './http-errors';

/** Deeper than any canonical document needs; deeper input only exhausts the stacks of later code. */
const MAX_JSON_DEPTH = 64;

/**
 * Refuses parsed JSON that could pollute prototypes once merged or assigned somewhere: an own key
 * `__proto__` (JSON.parse creates it as an own property, however it was escaped in the text), or a key
 * `constructor` whose value is an object with a `prototype` key. Also refuses nesting deeper than
 * MAX_JSON_DEPTH. Iterative, so hostile depth cannot overflow the stack here.
 */
export function assertSafeJson(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: Array<{ node: unknown; depth: number; path: string }> = [{ node: value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) {
      throw new LtError(HttpCodes.jsonTooDeep, 'validation', `JSON nesting exceeds ${maxDepth} levels`);
    }
    const isArray = Array.isArray(node);
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      const at = isArray ? `${path}/${key}` : `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!isArray) checkKey(key, child, at);
      stack.push({ node: child, depth: depth + 1, path: at });
    }
  }
}

function checkKey(key: string, child: unknown, at: string): void {
  if (key === '__proto__') throw forbidden(at);
  if (
    key === 'constructor' &&
    child !== null &&
    typeof child === 'object' &&
    Object.hasOwn(child, 'prototype')
  ) {
    throw forbidden(`${at}/prototype`);
  }
}

function forbidden(pointer: string): LtError {
  return new LtError(
    HttpCodes.forbiddenKey,
    'validation',
    `request body contains a forbidden key at ${pointer}`,
    {
      details: { pointer },
    },
  );
}
