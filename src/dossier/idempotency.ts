import { LtError } from '../errors';
import type { Queryable } from '../store/db';

/**
 * Idempotency recorded inside the transaction that makes the change: a client that retries after a lost
 * answer (gateway killed, connection reset) gets the first answer back instead of a second change, even
 * when the retry reaches another gateway process.
 */
export interface IdempotencyRequest {
  scope: string;
  key: string;
  requestSha256: string;
}

export type ClaimResult = { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown };

export async function claimKey(tx: Queryable, req: IdempotencyRequest): Promise<ClaimResult> {
  // A concurrent transaction inserting the same key makes this INSERT wait for it; afterwards we read its answer.
  const ins = await tx.query(
    `INSERT INTO idempotency_keys (scope, key, request_sha256) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [req.scope, req.key, req.requestSha256],
  );
  if (ins.rowCount > 0) return { kind: 'claimed' };
  const prev = await tx.query<{ request_sha256: string; status: number | null; response: unknown }>(
    'SELECT request_sha256, status, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [req.scope, req.key],
  );
  const row = prev.rows[0];
  if (row.request_sha256 !== req.requestSha256) {
    throw new LtError(
      'LT_HTTP_IDEMPOTENCY_MISMATCH',
      'conflict',
      'this Idempotency-Key was already used with a different request body; use a new key for a new request',
    );
  }
  if (row.status === null) {
    throw new LtError(
      'LT_HTTP_IDEMPOTENCY_IN_PROGRESS',
      'conflict',
      'a request with this Idempotency-Key is in progress',
    );
  }
  return { kind: 'replay', status: row.status, body: row.response };
}

export async function completeKey(
  tx: Queryable,
  req: IdempotencyRequest,
  status: number,
  body: unknown,
): Promise<void> {
  await tx.query('UPDATE idempotency_keys SET status = $3, response = $4 WHERE scope = $1 AND key = $2', [
    req.scope,
    req.key,
    status,
    JSON.stringify(body),
  ]);
}
