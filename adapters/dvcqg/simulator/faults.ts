import { LtError } from '../../../src/errors';
// One PRNG for every simulator, so that "the same seed" means the same thing across the sandbox.
import { mulberry32 } from '../../webhook/simulator/faults';

export { mulberry32 };

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

const RATES = ['errorRate', 'alreadyExistsRate'];
const KNOWN = [...RATES, 'latencyMs', 'outage', 'outages', 'seed'];

/** Validates a fault set from JSON (`POST /_faults`, command line, options); names the offending key. */
export function parseFaults(input: unknown): DvcqgFaults {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw faultError('faults: expected a JSON object');
  const faults: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!KNOWN.includes(key)) throw faultError(`faults.${key}: unknown fault; known: ${KNOWN.join(', ')}`);
    if (RATES.includes(key)) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        throw faultError(`faults.${key}: a number from 0 to 1`);
    } else if (key === 'latencyMs' || key === 'seed') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        throw faultError(`faults.${key}: a non-negative integer`);
    } else if (key === 'outage' && typeof value !== 'boolean') {
      throw faultError('faults.outage: true or false');
    } else if (key === 'outages') {
      parseWindows(value);
    }
    faults[key] = value;
  }
  return faults as DvcqgFaults;
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

/** Whether the portal is down at `now` (epoch ms): the `outage` switch or inside a window. */
export function inOutage(faults: DvcqgFaults, now: number): boolean {
  if (faults.outage) return true;
  return (faults.outages ?? []).some((w) => Date.parse(w.from) <= now && now < Date.parse(w.to));
}

/** The dice of one authenticated request. */
export interface Roll {
  /** Set when the request fails in transport: the status and whether the proxy sends its HTML page. */
  fail?: { status: 500 | 502 | 503; html: boolean };
  /** A create would be answered "already exists" (used only by creates). */
  alreadyExists: boolean;
}

const STATUSES = [500, 502, 503] as const;

/**
 * Draws the same four numbers for every authenticated request, so that turning one fault on or off does
 * not shift the dice of the others, and unauthenticated requests (bad logins) do not shift them at all.
 */
export function roll(faults: DvcqgFaults, random: () => number): Roll {
  const [failDraw, statusDraw, bodyDraw, existsDraw] = [random(), random(), random(), random()];
  const alreadyExists = existsDraw < (faults.alreadyExistsRate ?? 0);
  if (failDraw >= (faults.errorRate ?? 0)) return { alreadyExists };
  const status = STATUSES[Math.floor(statusDraw * STATUSES.length)];
  return { fail: { status, html: bodyDraw < 0.5 }, alreadyExists };
}

const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
};

/** The page nginx sends for a status, which a client must not try to parse as JSON. */
export function proxyPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
