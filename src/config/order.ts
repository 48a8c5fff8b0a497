type Node = { properties?: Record<string, Node>; additionalProperties?: unknown; items?: unknown };

/**
 * A copy of `data` whose object keys follow the order the schema declares them (others after), so that a
 * printed configuration (`lienthong config check`) reads in the same order as the example file.
 */
export function orderLike(schema: unknown, data: unknown): unknown {
  const node = (schema ?? {}) as Node;
  if (Array.isArray(data)) return data.map((item) => orderLike(node.items, item));
  if (data === null || typeof data !== 'object') return data;
  const source = data as Record<string, unknown>;
  const declared = Object.keys(node.properties ?? {}).filter((k) => k in source);
  const keys = [...declared, ...Object.keys(source).filter((k) => !declared.includes(k))];
  const extra = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = orderLike(node.properties?.[k] ?? extra, source[k]);
  return out;
}
