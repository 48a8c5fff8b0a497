import { LtError } from '../../../src/errors';
// One PRNG for every simulator, so that a seed means the same thing in all of them.
import { mulberry32 } from '../../webhook/simulator/faults';

export { mulberry32 };

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

const KNOWN = new Set(['errorRate', 'latencyMs', 'outage', 'outages', 'seed']);

/** Validates a fault set from JSON (`POST /_faults`, command line, options); names the offending key. */
export function parseIgateFaults(input: unknown): IgateFaults {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw faultError('faults: expected a JSON object');
  const faults: IgateFaults = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (!KNOWN.has(key)) throw faultError(`faults.${key}: unknown fault; known: ${[...KNOWN].join(', ')}`);
    if (key === 'errorRate' && (typeof value !== 'number' || !(value >= 0 && value <= 1)))
      throw faultError('faults.errorRate: a number from 0 to 1');
    if (
      (key === 'latencyMs' || key === 'seed') &&
      !(typeof value === 'number' && Number.isInteger(value) && value >= 0)
    )
      throw faultError(`faults.${key}: a non-negative integer`);
    if (key === 'outage' && typeof value !== 'boolean') throw faultError('faults.outage: true or false');
    if (key === 'outages') checkWindows(value);
    (faults as Record<string, unknown>)[key] = value;
  }
  return faults;
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

const FAILURE_STATUSES = [500, 502, 503] as const;

/**
 * Decides how to answer one request at `nowMs`. Draws the same two numbers for every request outside an
 * outage, so turning `errorRate` on or off does not shift the dice of later requests.
 */
export function decideIgate(faults: IgateFaults, random: () => number, nowMs: number): IgateVerdict {
  const inWindow = (faults.outages ?? []).some(
    (w) => Date.parse(w.from) <= nowMs && nowMs < Date.parse(w.to),
  );
  if (faults.outage || inWindow) return { kind: 'outage' };
  const [failDraw, statusDraw] = [random(), random()];
  if (failDraw < (faults.errorRate ?? 0))
    return { kind: 'fail', status: FAILURE_STATUSES[Math.floor(statusDraw * FAILURE_STATUSES.length)] };
  return { kind: 'pass' };
}

/** nginx's own error page, which is what a client gets when the gateway in front of iGate fails. */
export function nginxPage(status: 502 | 503): string {
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
