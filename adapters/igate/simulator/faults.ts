import { LtError } from '../../../src/errors';
import { failureStatus, inOutage, parseGatewayFaults } from '../../../src/simulator/faults';
import type { GatewayFaults } from '../../../src/simulator/faults';

/**
 * Misbehaviour on demand, the way a provincial iGate behind its nginx gateway fails: random 500 (Spring
 * JSON), 502 or 503 (nginx HTML), slowness, and outages (maintenance windows). Drawn from a seeded
 * generator, so a run can be repeated.
 */
export type IgateFaults = GatewayFaults;

/** Validates a fault set from JSON (`POST /_faults`, command line, options); names the offending key. */
export function parseIgateFaults(input: unknown): IgateFaults {
  return parseGatewayFaults(input, (detail) => new LtError('LT_IGATE_SIM_FAULTS', 'validation', detail));
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
