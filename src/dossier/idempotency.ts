import { LtError } from '../errors';

/**
 * Idempotency recorded by the same statement as the change: a client that retries after a lost answer
 * (gateway killed, connection reset) gets the first answer back instead of a second change, even when the
 * retry reaches another gateway process. Two requests racing with one key both try to change the same
 * dossier version; one wins, the other re-reads, finds the key and replays the winner's answer.
 */
export interface IdempotencyRequest {
  scope: string;
  key: string;
  requestSha256: string;
}

export interface StoredAnswer {
  hash: string;
  status: number;
  response: unknown;
}

/** The stored answer to replay, or a refusal when the key came with another request body. */
export function replayOf(req: IdempotencyRequest, stored: StoredAnswer): { status: number; body: unknown } {
  if (stored.hash !== req.requestSha256) {
    throw new LtError(
      'LT_HTTP_IDEMPOTENCY_MISMATCH',
      'conflict',
      'this Idempotency-Key was already used with a different request body; use a new key for a new request',
    );
  }
  return { status: stored.status, body: stored.response };
}
