/**
 * A circuit breaker per target and process. After `failureThreshold` consecutive retryable failures
 * it opens for `openMs`: the target's queue is paused (rate-limited) instead of burning attempts against
 * a partner that is down. Then one trial request is let through (half-open); success closes it.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold: number;
  openMs: number;
  now?: () => number;
  onChange?: (state: BreakerState) => void;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private state: BreakerState = 'closed';
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Whether a request may go now. Returns 0 if yes, otherwise the milliseconds to wait.
   * In half-open state only one caller at a time gets 0 (the trial).
   */
  acquire(): number {
    if (this.state === 'open') {
      const left = this.openedAt + this.options.openMs - this.now();
      if (left > 0) return left;
      this.set('half_open');
    }
    if (this.state === 'half_open') {
      if (this.trialInFlight) return Math.max(50, Math.min(1000, this.options.openMs / 4));
      this.trialInFlight = true;
    }
    return 0;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    if (this.state !== 'closed') this.set('closed');
  }

  /** A retryable failure (timeouts, 5xx, 429, network). Permanent refusals say nothing about health. */
  failure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.state === 'half_open' || this.failures >= this.options.failureThreshold) {
      this.openedAt = this.now();
      this.failures = 0;
      this.set('open');
    }
  }

  /** A request that ended without saying anything about the partner (e.g. lease lost). */
  release(): void {
    this.trialInFlight = false;
  }

  get current(): BreakerState {
    return this.state;
  }

  private set(state: BreakerState): void {
    this.state = state;
    this.options.onChange?.(state);
  }
}
