import { performance } from 'node:perf_hooks';

/** One timed run of a verification. */
export interface Sample {
  /** Verifications per wall-clock second. */
  perSec: number;
  /** Verifications per second of user CPU time (what `openssl speed` counts by default). */
  perUserCpuSec: number;
  count: number;
  seconds: number;
}

/**
 * A verification under test: `true` when the signature is valid (and, for the edge, trusted), otherwise
 * what went wrong (the verdict's reason and detail).
 */
export type Verification = () => true | string | Promise<true | string>;

/** Thrown when a verification under test does not succeed: a benchmark of refusals measures nothing. */
export class InvalidVerificationError extends Error {
  constructor(name: string, detail: string) {
    super(`${name}: a verification was not valid (${detail}); the figures would be meaningless`);
    this.name = 'InvalidVerificationError';
  }
}

/**
 * Runs `verify` back to back, one at a time, for `seconds`, and counts the completed calls; every result
 * is checked. The clock is read every `batch` calls so that reading it costs nothing next to a call even
 * for the raw RSA loop (~15 µs a call). Awaiting a value that is not a promise costs a microtask only.
 */
export async function timed(name: string, verify: Verification, seconds: number, batch = 8): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  let count = 0;
  let now = t0;
  while (now < until) {
    for (let i = 0; i < batch; i++) {
      const outcome = await verify();
      if (outcome !== true) throw new InvalidVerificationError(name, `call ${count + 1}: ${outcome}`);
      count += 1;
    }
    now = performance.now();
  }
  const wall = (now - t0) / 1000;
  const user = process.cpuUsage(cpu0).user / 1e6;
  return { perSec: count / wall, perUserCpuSec: count / user, count, seconds: wall };
}

/** The middle value; of an even count, the mean of the two middle values. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;
/** Three significant digits: ratios span 0.003 (edge vs raw RSA) to 1. */
export const sig3 = (x: number): number => Number(x.toPrecision(3));
