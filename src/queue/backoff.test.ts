import { backoffDelay } from './backoff';

const policy = { backoff: { initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.2 } };

describe('backoffDelay', () => {
  it('grows exponentially from the initial delay', () => {
    const mid = () => 0.5; // no jitter at the midpoint
    expect([1, 2, 3, 4].map((a) => backoffDelay(policy, a, undefined, mid))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('stays within the jitter band', () => {
    expect(backoffDelay(policy, 3, undefined, () => 0)).toBe(3200);
    expect(backoffDelay(policy, 3, undefined, () => 0.999999)).toBe(4800);
  });

  it('never exceeds the maximum, even with jitter', () => {
    expect(backoffDelay(policy, 30, undefined, () => 0.999999)).toBe(60_000);
  });

  it('treats Retry-After as a floor, not a cap', () => {
    expect(backoffDelay(policy, 1, 5000, () => 0.5)).toBe(5000);
    expect(backoffDelay(policy, 5, 100, () => 0.5)).toBe(16_000);
  });
});
