import { LtError } from '../../../src/errors';
import { failureStatus, inOutage, parseFaultSet } from '../../../src/simulator/faults';

/**
 * Misbehaviour on demand, the way an axis behind its nginx fails: random 500/502/503, slowness, outages.
 * Drawn from a seeded generator, so a run can be repeated.
 */
export interface VxpFaults {
  /** Answer 500, 502 or 503 (nginx HTML page or empty body) with this probability, 0..1, storing nothing. */
  errorRate?: number;
  /** Fixed delay before every axis answer, in milliseconds. */
  latencyMs?: number;
  /** Answer every axis request 503 until healed. */
  outage?: boolean;
  /** Planned outages `[from, to)` of ISO 8601 instants. */
  outages?: Array<{ from: string; to: string }>;
  /** Seed of the random generator; setting it again restarts the sequence. */
  seed?: number;
}

/** Validates a fault set from JSON (`POST /_faults`, command line, options); names the offending key. */
export function parseVxpFaults(input: unknown): VxpFaults {
  return parseFaultSet<VxpFaults>(
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
    if (!(start < end)) throw faultError(`faults.outages[${i}]: { from, to } ISO instants with from < to`);
  });
}

function faultError(detail: string): LtError {
  return new LtError('LT_VXP_SIM_FAULTS', 'validation', detail);
}

export type VxpVerdict =
  { kind: 'outage' } | { kind: 'fail'; status: 500 | 502 | 503; html: boolean } | { kind: 'pass' };

/**
 * How to answer one axis request at `nowMs`. Draws the same three numbers for every request outside an
 * outage, so turning `errorRate` on or off does not shift the dice of later requests.
 */
export function decideVxp(faults: VxpFaults, random: () => number, nowMs: number): VxpVerdict {
  if (inOutage(faults, nowMs)) return { kind: 'outage' };
  const [failDraw, statusDraw, bodyDraw] = [random(), random(), random()];
  if (failDraw < (faults.errorRate ?? 0))
    return { kind: 'fail', status: failureStatus(statusDraw), html: bodyDraw < 0.5 };
  return { kind: 'pass' };
}
