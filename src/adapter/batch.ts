import { LtError } from '../errors';

/** One item's verdict in a batch answer. */
export interface ItemResult {
  index: number;
  code?: string;
  outcome?: 'created' | 'changed' | 'unchanged';
  error?: { code: string; detail: string };
}

/**
 * Partners push one record or several (a bare array, or `{ data: [...] }` as DVCQG envelopes do). Each item
 * is taken on its own: a bad item is refused with its reason and never takes the good ones down with it.
 */
export function itemsOf(body: unknown): { items: unknown[]; single: boolean } {
  if (Array.isArray(body)) return { items: body, single: false };
  const data = (body as { data?: unknown } | null)?.data;
  if (Array.isArray(data)) return { items: data, single: false };
  return { items: [body], single: true };
}

/** Runs `one` over every item; a single item's refusal is thrown as is (the edge answers it with its status). */
export async function eachItem(
  body: unknown,
  maxItems: number,
  one: (item: unknown) => Promise<{ code: string; outcome: ItemResult['outcome'] }>,
): Promise<{ status: number; body: unknown }> {
  const { items, single } = itemsOf(body);
  if (items.length === 0 || items.length > maxItems) {
    throw new LtError(
      'LT_INBOUND_BATCH_SIZE',
      'validation',
      `send 1 to ${maxItems} records per request, got ${items.length}`,
    );
  }
  if (single) {
    const r = await one(items[0]);
    return { status: r.outcome === 'created' ? 201 : 200, body: r };
  }
  const results: ItemResult[] = [];
  for (const [index, item] of items.entries()) {
    try {
      results.push({ index, ...(await one(item)) });
    } catch (err) {
      if (!(err instanceof LtError) || err.retryable) throw err;
      results.push({ index, error: { code: err.code, detail: err.message } });
    }
  }
  const failed = results.filter((r) => r.error).length;
  // 207: some items were accepted and some refused; the body says which.
  const status = failed === 0 ? 200 : failed === results.length ? 422 : 207;
  return { status, body: { accepted: results.length - failed, refused: failed, results } };
}
