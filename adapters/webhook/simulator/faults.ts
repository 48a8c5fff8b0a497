import { LtError } from '../../../src/errors';
import { failureStatus, parseFaultSet } from '../../../src/simulator/faults';

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

/** Validates a fault set from JSON (`POST /_faults`, command line, options); names the offending key. */
export function parseFaults(input: unknown): WebhookFaults {
  return parseFaultSet<WebhookFaults>(
    input,
    {
      failureRate: 'rate',
      timeoutRate: 'rate',
      rejectRate: 'rate',
      rateLimitRate: 'rate',
      timeoutMs: 'integer',
      latencyMs: 'integer',
      retryAfterSeconds: 'integer',
      rejectSubjects: (value) => {
        if (!(Array.isArray(value) && value.every((s) => typeof s === 'string')))
          throw faultError('faults.rejectSubjects: an array of dossier codes');
      },
      outage: 'boolean',
      seed: 'integer',
    },
    faultError,
  );
}

function faultError(detail: string): LtError {
  return new LtError('LT_WEBHOOK_SIM_FAULTS', 'validation', detail);
}

export type Verdict =
  | { kind: 'outage' }
  | { kind: 'rate_limited' }
  | { kind: 'reject'; why: string }
  | { kind: 'fail'; status: 500 | 502 | 503 }
  | { kind: 'accept'; holdMs: number };

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
    return { kind: 'fail', status: failureStatus(statusDraw) };
  }
  const holdMs = timeoutDraw < (faults.timeoutRate ?? 0) ? (faults.timeoutMs ?? 2000) : 0;
  return { kind: 'accept', holdMs };
}
