/**
 * The Vietnamese name of a partner's name field: a plain string, or a multilingual array
 * `[{ languageId: 228 (vi) | 46 (en), name }]` as iGate sends (spec §5); else the first entry's.
 */
export function pickVietnamese(names: unknown): string | undefined {
  if (typeof names === 'string') return names;
  if (!Array.isArray(names)) return undefined;
  const list = names as Array<{ languageId?: number; name?: unknown }>;
  const name = (list.find((n) => n.languageId === 228) ?? list[0])?.name;
  return typeof name === 'string' ? name : undefined;
}
