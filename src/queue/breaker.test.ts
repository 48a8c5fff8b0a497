import { CircuitBreaker } from './breaker';

function breaker(now: { t: number }) {
  const changes: string[] = [];
  const b = new CircuitBreaker({
    failureThreshold: 3,
    openMs: 1000,
    now: () => now.t,
    onChange: (s) => changes.push(s),
  });
  return { b, changes };
}

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures and refuses until openMs has passed', () => {
    const now = { t: 0 };
    const { b, changes } = breaker(now);
    for (let i = 0; i < 3; i++) {
      expect(b.acquire()).toBe(0);
      b.failure();
    }
    expect(changes).toEqual(['open']);
    expect(b.acquire()).toBe(1000);
    now.t = 400;
    expect(b.acquire()).toBe(600);
  });

  it('lets one trial through when half-open; success closes, failure re-opens', () => {
    const now = { t: 0 };
    const { b, changes } = breaker(now);
    for (let i = 0; i < 3; i++) b.failure();
    now.t = 1000;
    expect(b.acquire()).toBe(0); // the trial
    expect(b.acquire()).toBeGreaterThan(0); // others wait while it runs
    b.failure();
    expect(b.current).toBe('open');
    now.t = 2000;
    expect(b.acquire()).toBe(0);
    b.success();
    expect(b.current).toBe('closed');
    expect(changes).toEqual(['open', 'half_open', 'open', 'half_open', 'closed']);
  });

  it('a success resets the failure count', () => {
    const { b } = breaker({ t: 0 });
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.current).toBe('closed');
  });
});
