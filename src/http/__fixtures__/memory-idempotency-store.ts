import { LtError } from '../../errors';
import type { IdempotencyStore } from '../deps';

/** In-memory twin of the idempotency_keys table (first save wins, like ON CONFLICT DO NOTHING). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly rows = new Map<string, { requestSha256: string; status: number; body: unknown }>();
  lookups = 0;

  async lookup(scope: string, key: string, requestSha256: string) {
    this.lookups += 1;
    const row = this.rows.get(`${scope}\n${key}`);
    if (!row) return undefined;
    if (row.requestSha256 !== requestSha256) {
      throw new LtError(
        'LT_HTTP_IDEMPOTENCY_MISMATCH',
        'conflict',
        'Idempotency-Key was already used with a different request body',
      );
    }
    // Stored as JSON, as the database would: the replay must not share objects with the first answer.
    return { status: row.status, body: JSON.parse(JSON.stringify(row.body)) as unknown };
  }

  async save(scope: string, key: string, requestSha256: string, status: number, body: unknown) {
    const id = `${scope}\n${key}`;
    if (!this.rows.has(id))
      this.rows.set(id, { requestSha256, status, body: JSON.parse(JSON.stringify(body)) });
  }
}
