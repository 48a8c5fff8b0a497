import type { Outcome } from './measure';

export const ascending = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);

/** The middle value; of an even count, the mean of the two middle values. */
export function median(xs: number[]): number {
  const s = ascending(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile of an ascending list. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];

export const round1 = (x: number): number => Math.round(x * 10) / 10;

export interface Summary {
  /** Median throughput of the rounds. */
  perSec: number;
  /** Latency percentiles over the changes of all rounds (ms). */
  p50: number;
  p99: number;
  received: number;
  /** Pushes the side refused (for Node-RED: changes lost). */
  lost: number;
}

export function summary(outcomes: Outcome[]): Summary {
  const all = ascending(outcomes.flatMap((o) => o.latencies));
  return {
    perSec: median(outcomes.map((o) => o.perSec)),
    p50: round1(percentile(all, 0.5)),
    p99: round1(percentile(all, 0.99)),
    received: outcomes.reduce((n, o) => n + o.received, 0),
    lost: outcomes.reduce((n, o) => n + o.failedPushes, 0),
  };
}
