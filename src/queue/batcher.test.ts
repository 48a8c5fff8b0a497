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

  it('fails every request of a failed batch, and goes on with the next', async () => {
    let calls = 0;
    const b = new Batcher<number, number>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('database gone');
        return items;
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const p1 = b.submit(1);
    const p2 = b.submit(2);
    await expect(p1).rejects.toThrow('database gone');
    await expect(p2).resolves.toBe(2);
  });
});
