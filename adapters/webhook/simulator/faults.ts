import { LtError } from '../../../src/errors';

/**
 * Misbehaviour on demand, so that the delivery engine can be tested against a partner that fails the
 * way real ones do. Every rate is a probability in 0..1, drawn from a seeded generator so that a run can
 * be repeated exactly (same seed, same request sequence, same answers).
 */
export interface WebhookFaults {
  /** Answer 500, 502 or 503 (no Retry-After) at random. */
  failureRate?: number;
  /** Record the message, then hold the answer for `timeoutMs` before a 200: the sender times out and retries. */
  timeoutRate?: number;
  /** @defaultValue 2000 */
  timeoutMs?: number;
  /** Fixed delay before any answer (a slow partner). The message is not recorded if the sender gave up meanwhile. */
  latencyMs?: number;
  /** Answer 422 at random; a message once refused stays refused (a business rejection does not change its mind). */
  rejectRate?: number;
  /** Dossier codes (CloudEvents `subject`) always refused with 422. */
  rejectSubjects?: string[];
  /** Answer every request 503 with `Retry-After`. */
  outage?: boolean;
  /** Answer 429 with `Retry-After` at random. */
  rateLimitRate?: number;
  /** The `Retry-After` sent with outage and rate-limit answers. @defaultValue 1 */
  retryAfterSeconds?: number;
  /** Seed of the random generator; setting it again restarts the sequence. */
  seed?: number;
}

const RATES = ['failureRate', 'timeoutRate', 'rejectRate', 'rateLimitRate'] as const;
const DURATIONS = ['timeoutMs', 'latencyMs', 'retryAfterSeconds'] as const;
const KNOWN = new Set<string>([...RATES, ...DURATIONS, 'rejectSubjects', 'outage', 'seed']);

/** Validates a fault set from JSON (`POST /_faults`, command line, options); names the offending key. */
export function parseFaults(input: unknown): WebhookFaults {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw faultError('faults: expected a JSON object');
  const raw = input as Record<string, unknown>;
  const faults: WebhookFaults = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!KNOWN.has(key)) throw faultError(`faults.${key}: unknown fault; known: ${[...KNOWN].join(', ')}`);
    if ((RATES as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        throw faultError(`faults.${key}: a number from 0 to 1`);
    } else if ((DURATIONS as readonly string[]).includes(key) || key === 'seed') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw faultError(`faults.${key}: a non-negative integer`);
      }
    } else if (key === 'outage' && typeof value !== 'boolean') {
      throw faultError('faults.outage: true or false');
    } else if (
      key === 'rejectSubjects' &&
      !(Array.isArray(value) && value.every((s) => typeof s === 'string'))
    ) {
      throw faultError('faults.rejectSubjects: an array of dossier codes');
    }
    (faults as Record<string, unknown>)[key] = value;
  }
  return faults;
}

function faultError(detail: string): LtError {
  return new LtError('LT_WEBHOOK_SIM_FAULTS', 'validation', detail);
}

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; enough for fault injection, not for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Verdict =
  | { kind: 'outage' }
  | { kind: 'rate_limited' }
  | { kind: 'reject'; why: string }
  | { kind: 'fail'; status: 500 | 502 | 503 }
  | { kind: 'accept'; holdMs: number };

const FAILURE_STATUSES = [500, 502, 503] as const;

/**
 * Decides how to answer one valid request. Draws the same five numbers for every request that is not
 * in an outage, so that turning one fault on or off does not shift the dice of the others.
 */
export function decide(
  faults: WebhookFaults,
  random: () => number,
  request: { messageId: string; subject: string },
  refused: Set<string>,
): Verdict {
  if (faults.outage) return { kind: 'outage' };
  const [rateDraw, rejectDraw, failDraw, statusDraw, timeoutDraw] = [
    random(),
    random(),
    random(),
    random(),
    random(),
  ];
  if (rateDraw < (faults.rateLimitRate ?? 0)) return { kind: 'rate_limited' };
  if (faults.rejectSubjects?.includes(request.subject))
    return { kind: 'reject', why: `dossier ${request.subject} is refused` };
  if (refused.has(request.messageId) || rejectDraw < (faults.rejectRate ?? 0)) {
    refused.add(request.messageId);
    return { kind: 'reject', why: `message ${request.messageId} is refused` };
  }
  if (failDraw < (faults.failureRate ?? 0)) {
    return { kind: 'fail', status: FAILURE_STATUSES[Math.floor(statusDraw * FAILURE_STATUSES.length)] };
  }
  const holdMs = timeoutDraw < (faults.timeoutRate ?? 0) ? (faults.timeoutMs ?? 2000) : 0;
  return { kind: 'accept', holdMs };
}
