import type { Queryable } from '../store/db';
import type { IdempotencyStore } from './deps';
import { idempotencyMismatch } from './http-errors';

interface Row {
  request_sha256: string;
  status: number | null;
  response: unknown;
}

/**
 * Idempotency keys in the system of record (`idempotency_keys`), so a retry reaching another gateway
 * process still gets the first answer. The first save wins: a concurrent duplicate save is a no-op.
 */
export function createIdempotencyStore(db: Queryable): IdempotencyStore {
  return {
    async lookup(scope, key, requestSha256) {
      const { rows } = await db.query<Row>(
        'SELECT request_sha256, status, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      const row = rows[0];
      if (!row) return undefined;
      if (row.request_sha256 !== requestSha256) throw idempotencyMismatch();
      // A row without a status is a reservation that never completed; the request may run again.
      if (row.status === null) return undefined;
      return { status: row.status, body: row.response };
    },
    async save(scope, key, requestSha256, status, body) {
      await db.query(
        `INSERT INTO idempotency_keys (scope, key, request_sha256, status, response)
         VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (scope, key) DO NOTHING`,
        [scope, key, requestSha256, status, JSON.stringify(body ?? null)],
      );
    },
  };
}
