import { Batcher } from './batcher';

describe('Batcher', () => {
  it('sends the first request at once and groups those that arrive meanwhile', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const b = new Batcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((r) => (release = r));
        return items.map((i) => i * 2);
      },
      { maxBatch: 3, maxInFlight: 1 },
    );
    const first = b.submit(1);
    const rest = [2, 3, 4, 5].map((i) => b.submit(i));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('retries a failed batch item by item, so only the item that fails alone is rejected', async () => {
    const seen: number[][] = [];
    let release: () => void = () => undefined;
    const b = new Batcher<number, number>(
      async (items) => {
        seen.push(items);
        if (seen.length === 1) await new Promise<void>((r) => (release = r));
        if (items.includes(3)) throw new Error('bad item 3');
        return items;
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const first = b.submit(1);
    const rest = [2, 3, 4].map((i) => b.submit(i));
    release();
    await expect(first).resolves.toBe(1);
    await expect(rest[0]).resolves.toBe(2);
    await expect(rest[1]).rejects.toThrow('bad item 3');
    await expect(rest[2]).resolves.toBe(4);
    expect(seen).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
