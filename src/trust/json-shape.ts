/**
 * What makes parsed JSON unsafe to merge or assign: an own key `__proto__` (JSON.parse creates it as an own
 * property, however it was escaped in the text), a key `constructor` whose value is an object with a
 * `prototype` key, or nesting deeper than the limit. Iterative, so hostile depth cannot overflow the stack
 * here. Pure: the HTTP edge and the trust layer each turn a finding into their own error code.
 */
export type JsonHazard = { kind: 'too_deep'; maxDepth: number } | { kind: 'forbidden_key'; pointer: string };

export function findJsonHazard(value: unknown, maxDepth: number): JsonHazard | undefined {
  const stack: Array<{ node: unknown; depth: number; path: string }> = [{ node: value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) return { kind: 'too_deep', maxDepth };
    const isArray = Array.isArray(node);
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      const at = isArray ? `${path}/${key}` : `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!isArray && key === '__proto__') return { kind: 'forbidden_key', pointer: at };
      if (
        !isArray &&
        key === 'constructor' &&
        child !== null &&
        typeof child === 'object' &&
        Object.hasOwn(child, 'prototype')
      )
        return { kind: 'forbidden_key', pointer: `${at}/prototype` };
      stack.push({ node: child, depth: depth + 1, path: at });
    }
  }
  return undefined;
}
