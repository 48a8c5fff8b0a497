import type { RetryPolicy } from '../adapter/contract';

/**
 * Delay before attempt `attempt + 1`, after `attempt` failed attempts (attempt ≥ 1).
 * Exponential with proportional jitter so that a burst of failures does not retry in lock-step; a
 * partner's Retry-After is a floor, because asking sooner only earns another refusal.
 */
export function backoffDelay(
  policy: Pick<RetryPolicy, 'backoff'>,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const { initialMs, maxMs, factor, jitter } = policy.backoff;
  const base = Math.min(maxMs, initialMs * Math.pow(factor, Math.max(0, attempt - 1)));
  const spread = base * jitter;
  const jittered = Math.round(base - spread + random() * 2 * spread);
  const delay = Math.max(0, Math.min(maxMs, jittered));
  return retryAfterMs !== undefined && retryAfterMs > delay ? retryAfterMs : delay;
}
