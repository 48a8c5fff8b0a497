import { Holds } from './hold';

describe('Holds', () => {
  it('waits the time asked, and says whether the sender is still there', async () => {
    const holds = new Holds();
    const started = Date.now();
    expect(await holds.wait(30, { destroyed: false })).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(await holds.wait(0, { destroyed: true })).toBe(false);
  });

  it('releases every hold at once', async () => {
    const holds = new Holds();
    const started = Date.now();
    const waits = [holds.wait(60_000, { destroyed: false }), holds.wait(60_000, { destroyed: true })];
    holds.releaseAll();
    expect(await Promise.all(waits)).toEqual([true, false]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
