import type { ChangeOutcome } from '../dossier/service';
import { LtError } from '../errors';

/** One item's verdict in a batch answer. */
export interface ItemResult {
  index: number;
  code?: string;
  outcome?: ChangeOutcome;
  error?: { code: string; detail: string };
}

/** What the edge received: the parsed body and its bytes, which are the evidence of a single record. */
export interface PushedRequest {
  body: unknown;
  raw: Buffer;
  contentType: string;
}

/** The bytes logged for one item: the request itself when it held one record, else the item re-serialised. */
export type Evidence = { contentType: string; body: Buffer };

/**
 * Partners push one record or several: a bare array, `{ data: [...] }` as DVCQG envelopes do, or a search page
 * `{ content: [...] }` as iGate answers. Each item is taken on its own: a bad item is refused with its reason
 * and never takes the good ones down with it.
 */
export function itemsOf(body: unknown): { items: unknown[]; single: boolean } {
  if (Array.isArray(body)) return { items: body, single: false };
  const wrapper = body as { data?: unknown; content?: unknown } | null;
  if (Array.isArray(wrapper?.data)) return { items: wrapper.data, single: false };
  if (Array.isArray(wrapper?.content)) return { items: wrapper.content, single: false };
  return { items: [body], single: true };
}

/** Runs `one` over every item; a single item's refusal is thrown as is (the edge answers it with its status). */
export async function eachItem(
  request: PushedRequest,
  maxItems: number,
  one: (item: unknown, evidence: Evidence) => Promise<{ code: string; outcome: ChangeOutcome }>,
): Promise<{ status: number; body: unknown }> {
  const { items, single } = itemsOf(request.body);
  const evidence = (item: unknown): Evidence =>
    single
      ? { contentType: request.contentType, body: request.raw }
      : { contentType: 'application/json', body: Buffer.from(JSON.stringify(item)) };
  if (items.length === 0 || items.length > maxItems) {
    throw new LtError(
      'LT_INBOUND_BATCH_SIZE',
      'validation',
      `send 1 to ${maxItems} records per request, got ${items.length}`,
    );
  }
  if (single) {
    const r = await one(items[0], evidence(items[0]));
    return { status: r.outcome === 'created' ? 201 : 200, body: r };
  }
  const results: ItemResult[] = [];
  for (const [index, item] of items.entries()) {
    try {
      results.push({ index, ...(await one(item, evidence(item))) });
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
