import { LtError } from '../../../src/errors';
import { failureStatus, inOutage, parseGatewayFaults } from '../../../src/simulator/faults';
import type { GatewayFaults } from '../../../src/simulator/faults';

/**
 * Misbehaviour on demand, the way an axis behind its nginx fails: random 500/502/503 (nginx HTML page or
 * empty body), slowness, outages. Drawn from a seeded generator, so a run can be repeated.
 */
export type VxpFaults = GatewayFaults;

/** Validates a fault set from JSON (`POST /_faults`, command line, options); names the offending key. */
export function parseVxpFaults(input: unknown): VxpFaults {
  return parseGatewayFaults(input, (detail) => new LtError('LT_VXP_SIM_FAULTS', 'validation', detail));
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
