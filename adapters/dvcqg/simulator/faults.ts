import { LtError } from '../../../src/errors';
import { failureStatus, parseFaultSet } from '../../../src/simulator/faults';

/**
 * Misbehaviour on demand, so that the DVCQG outbound can be tested against a portal that fails the way the
 * real one does: behind an LGSP proxy that answers 5xx with an HTML page or nothing, down for maintenance
 * windows, and shared with other systems that may have pushed a dossier first. Rates are probabilities in
 * 0..1 drawn from a seeded generator, so that a run can be repeated exactly.
 */
export interface DvcqgFaults {
  /** Answer 500, 502 or 503 with an nginx HTML page or an empty body (as a proxy does), storing nothing. */
  errorRate?: number;
  /** Fixed delay before any answer; a request whose sender gave up meanwhile is not processed. */
  latencyMs?: number;
  /** Answer every portal request 503, before authentication (the proxy answers, not the portal). */
  outage?: boolean;
  /** Maintenance windows `[from, to)`, ISO 8601 instants, during which requests get 503 as with `outage`. */
  outages?: { from: string; to: string }[];
  /**
   * A create of an unknown dossier is stored but answered `-3 … đã tồn tại`, as when another system pushed
   * it first: the client must then send it again as an update.
   */
  alreadyExistsRate?: number;
  /** Seed of the random generator; setting it again restarts the sequence. */
  seed?: number;
}

/** Validates a fault set from JSON (`POST /_faults`, command line, options); names the offending key. */
export function parseFaults(input: unknown): DvcqgFaults {
  return parseFaultSet<DvcqgFaults>(
    input,
    {
      errorRate: 'rate',
      alreadyExistsRate: 'rate',
      latencyMs: 'integer',
      outage: 'boolean',
      outages: parseWindows,
      seed: 'integer',
    },
    faultError,
  );
}

function parseWindows(value: unknown): void {
  if (!Array.isArray(value)) throw faultError('faults.outages: an array of { from, to }');
  value.forEach((w: unknown, i) => {
    const { from, to } = (typeof w === 'object' && w !== null ? w : {}) as Record<string, unknown>;
    const start = typeof from === 'string' ? Date.parse(from) : NaN;
    const end = typeof to === 'string' ? Date.parse(to) : NaN;
    if (!(start < end)) throw faultError(`faults.outages[${i}]: { from, to } ISO instants with from < to`);
  });
}

function faultError(detail: string): LtError {
  return new LtError('LT_DVCQG_SIM_FAULTS', 'validation', detail);
}

/** The dice of one authenticated request. */
export interface Roll {
  /** Set when the request fails in transport: the status and whether the proxy sends its HTML page. */
  fail?: { status: 500 | 502 | 503; html: boolean };
  /** A create would be answered "already exists" (used only by creates). */
  alreadyExists: boolean;
}

/**
 * Draws the same four numbers for every authenticated request, so that turning one fault on or off does
 * not shift the dice of the others, and unauthenticated requests (bad logins) do not shift them at all.
 */
export function roll(faults: DvcqgFaults, random: () => number): Roll {
  const [failDraw, statusDraw, bodyDraw, existsDraw] = [random(), random(), random(), random()];
  const alreadyExists = existsDraw < (faults.alreadyExistsRate ?? 0);
  if (failDraw >= (faults.errorRate ?? 0)) return { alreadyExists };
  return { fail: { status: failureStatus(statusDraw), html: bodyDraw < 0.5 }, alreadyExists };
}
