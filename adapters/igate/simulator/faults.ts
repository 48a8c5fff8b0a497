import { LtError } from '../../../src/errors';
import { failureStatus, inOutage, parseFaultSet } from '../../../src/simulator/faults';

/**
 * Misbehaviour on demand, the way a provincial iGate behind its nginx gateway fails: random 500/502/503,
 * slowness, and outages (maintenance windows). Drawn from a seeded generator, so a run can be repeated.
 */
export interface IgateFaults {
  /** Answer 500 (Spring JSON), 502 or 503 (nginx HTML) with this probability, 0..1. */
  errorRate?: number;
  /** Fixed delay before every answer, in milliseconds. */
  latencyMs?: number;
  /** Answer every request 503 until healed. */
  outage?: boolean;
  /** Planned outages: 503 while the simulator clock is inside `[from, to)` (ISO 8601 instants). */
  outages?: Array<{ from: string; to: string }>;
  /** Seed of the random generator; setting it again restarts the sequence. */
  seed?: number;
}

/** Validates a fault set from JSON (`POST /_faults`, command line, options); names the offending key. */
export function parseIgateFaults(input: unknown): IgateFaults {
  return parseFaultSet<IgateFaults>(
    input,
    { errorRate: 'rate', latencyMs: 'integer', outage: 'boolean', outages: checkWindows, seed: 'integer' },
    faultError,
  );
}

function checkWindows(value: unknown): void {
  if (!Array.isArray(value)) throw faultError('faults.outages: an array of {from, to} ISO instants');
  value.forEach((w: unknown, i) => {
    const { from, to } = (w ?? {}) as { from?: unknown; to?: unknown };
    const start = typeof from === 'string' ? Date.parse(from) : NaN;
    const end = typeof to === 'string' ? Date.parse(to) : NaN;
    if (Number.isNaN(start) || Number.isNaN(end))
      throw faultError(`faults.outages[${i}]: from and to must be ISO 8601 instants`);
    if (end <= start) throw faultError(`faults.outages[${i}]: to must be after from`);
  });
}

function faultError(detail: string): LtError {
  return new LtError('LT_IGATE_SIM_FAULTS', 'validation', detail);
}

export type IgateVerdict = { kind: 'outage' } | { kind: 'fail'; status: 500 | 502 | 503 } | { kind: 'pass' };

/**
 * Decides how to answer one request at `nowMs`. Draws the same two numbers for every request outside an
 * outage, so turning `errorRate` on or off does not shift the dice of later requests.
 */
export function decideIgate(faults: IgateFaults, random: () => number, nowMs: number): IgateVerdict {
  if (inOutage(faults, nowMs)) return { kind: 'outage' };
  const [failDraw, statusDraw] = [random(), random()];
  if (failDraw < (faults.errorRate ?? 0)) return { kind: 'fail', status: failureStatus(statusDraw) };
  return { kind: 'pass' };
}
