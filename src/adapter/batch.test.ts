import type { ChangeOutcome } from '../dossier/service';
import { LtError } from '../errors';
import { eachItem, itemsOf } from './batch';
import type { Evidence, PushedRequest } from './batch';

/** A request as the edge hands it over: the parsed body and the exact bytes received. */
function pushed(body: unknown, raw = Buffer.from(` ${JSON.stringify(body)}\n`)): PushedRequest {
  return { body, raw, contentType: 'application/json; charset=utf-8' };
}

interface Item {
  code: string;
  outcome?: ChangeOutcome;
  refuse?: boolean;
}

/** Accepts items with the outcome they name, refuses those marked `refuse`, and records the evidence. */
function recorder() {
  const seen: Array<{ item: unknown; evidence: Evidence }> = [];
  const one = async (item: unknown, evidence: Evidence) => {
    seen.push({ item, evidence });
    const it = item as Item;
    if (it.refuse) throw new LtError('LT_TEST_REFUSED', 'validation', `refused ${it.code}`);
    return { code: it.code, outcome: it.outcome ?? 'changed' };
  };
  return { seen, one };
}

describe('itemsOf', () => {
  it.each([
    ['a bare array', [{ code: 'A' }, { code: 'B' }]],
    ['{ data: [...] }', { data: [{ code: 'A' }, { code: 'B' }] }],
    ['{ content: [...] }', { content: [{ code: 'A' }, { code: 'B' }], last: true }],
  ])('reads %s as several items', (_name, body) => {
    expect(itemsOf(body)).toEqual({ items: [{ code: 'A' }, { code: 'B' }], single: false });
  });

  it('reads anything else as one item', () => {
    expect(itemsOf({ code: 'A', data: 'not a list' })).toEqual({
      items: [{ code: 'A', data: 'not a list' }],
      single: true,
    });
  });
});

describe('eachItem', () => {
  it('answers a single created record 201 with the raw bytes as its evidence', async () => {
    const { seen, one } = recorder();
    const request = pushed({ code: 'A', outcome: 'created' });
    const answer = await eachItem(request, 10, one);
    expect(answer).toEqual({ status: 201, body: { code: 'A', outcome: 'created' } });
    expect(seen).toHaveLength(1);
    expect(seen[0].evidence.contentType).toBe('application/json; charset=utf-8');
    expect(seen[0].evidence.body).toBe(request.raw);
  });

  it.each<ChangeOutcome>(['changed', 'unchanged'])('answers a single %s record 200', async (outcome) => {
    const { one } = recorder();
    const answer = await eachItem(pushed({ code: 'A', outcome }), 10, one);
    expect(answer).toEqual({ status: 200, body: { code: 'A', outcome } });
  });

  it('throws a single record’s refusal as it is, for the edge to answer', async () => {
    const { one } = recorder();
    await expect(eachItem(pushed({ code: 'A', refuse: true }), 10, one)).rejects.toMatchObject({
      code: 'LT_TEST_REFUSED',
    });
  });

  it.each([
    ['a bare array', (items: unknown[]) => items],
    ['{ data }', (items: unknown[]) => ({ data: items })],
    ['{ content }', (items: unknown[]) => ({ content: items, last: true })],
  ])('gives each item of %s its own JSON as evidence', async (_name, wrap) => {
    const items = [
      { code: 'A', outcome: 'created' },
      { code: 'B', note: 'Đã tiếp nhận' },
    ];
    const { seen, one } = recorder();
    const request = pushed(wrap(items));
    await eachItem(request, 10, one);
    expect(seen.map((s) => s.item)).toEqual(items);
    for (const [i, s] of seen.entries()) {
      expect(s.evidence.contentType).toBe('application/json');
      expect(s.evidence.body.toString('utf8')).toBe(JSON.stringify(items[i]));
      expect(s.evidence.body.equals(request.raw)).toBe(false);
    }
  });

  it('answers 200 when every item is accepted', async () => {
    const { one } = recorder();
    const answer = await eachItem(
      pushed([
        { code: 'A', outcome: 'created' },
        { code: 'B', outcome: 'unchanged' },
      ]),
      10,
      one,
    );
    expect(answer).toEqual({
      status: 200,
      body: {
        accepted: 2,
        refused: 0,
        results: [
          { index: 0, code: 'A', outcome: 'created' },
          { index: 1, code: 'B', outcome: 'unchanged' },
        ],
      },
    });
  });

  it('answers 207 with each refused item’s error when some are refused', async () => {
    const { seen, one } = recorder();
    const answer = await eachItem(
      pushed({ data: [{ code: 'A' }, { code: 'B', refuse: true }, { code: 'C', outcome: 'created' }] }),
      10,
      one,
    );
    // The refused item does not take the ones after it down.
    expect(seen).toHaveLength(3);
    expect(answer).toEqual({
      status: 207,
      body: {
        accepted: 2,
        refused: 1,
        results: [
          { index: 0, code: 'A', outcome: 'changed' },
          { index: 1, error: { code: 'LT_TEST_REFUSED', detail: 'refused B' } },
          { index: 2, code: 'C', outcome: 'created' },
        ],
      },
    });
  });

  it('answers 422 when every item is refused', async () => {
    const { one } = recorder();
    const answer = await eachItem(
      pushed([
        { code: 'A', refuse: true },
        { code: 'B', refuse: true },
      ]),
      10,
      one,
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ accepted: 0, refused: 2 });
  });

  it.each([
    ['no item', [], 3],
    ['no item in { data }', { data: [] }, 3],
    ['more items than allowed', [{ code: 'A' }, { code: 'B' }, { code: 'C' }, { code: 'D' }], 3],
  ])('refuses %s with LT_INBOUND_BATCH_SIZE before handling any', async (_name, body, max) => {
    const { seen, one } = recorder();
    await expect(eachItem(pushed(body), max, one)).rejects.toMatchObject({
      code: 'LT_INBOUND_BATCH_SIZE',
      kind: 'validation',
      message: expect.stringContaining(`1 to ${max}`),
    });
    expect(seen).toHaveLength(0);
  });

  it('accepts exactly the maximum number of items', async () => {
    const { one } = recorder();
    const answer = await eachItem(pushed([{ code: 'A' }, { code: 'B' }, { code: 'C' }]), 3, one);
    expect(answer.status).toBe(200);
  });

  it.each([
    ['a retryable LtError', new LtError('LT_TEST_DOWN', 'transient', 'database unavailable')],
    ['an error that is not an LtError', new Error('socket hang up')],
  ])('aborts the whole batch on %s', async (_name, failure) => {
    const handled: string[] = [];
    const one = async (item: unknown) => {
      const { code } = item as Item;
      handled.push(code);
      if (code === 'B') throw failure;
      return { code, outcome: 'changed' as const };
    };
    await expect(eachItem(pushed([{ code: 'A' }, { code: 'B' }, { code: 'C' }]), 10, one)).rejects.toBe(
      failure,
    );
    expect(handled).toEqual(['A', 'B']);
  });
});
