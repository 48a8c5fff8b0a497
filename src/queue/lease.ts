import type { Queryable } from '../store/db';

/**
 * The database side of one delivery attempt. A lease makes sure that at most one attempt of a message
 * is on the wire at a time, whatever BullMQ does (stalled-job recovery, a job re-added after Redis lost
 * its data): a duplicate job finds the lease taken and waits for it to expire.
 */
export interface LeasedMessage {
  id: number;
  message_id: string;
  dossier_code: string;
  target: string;
  seq: number;
  event_type: string;
  payload: unknown;
  attempts: number;
}

export type LeaseOutcome =
  | { kind: 'leased'; message: LeasedMessage }
  | { kind: 'finished' }
  | { kind: 'busy'; until: Date }
  | { kind: 'not_head' };

export async function takeLease(
  db: Queryable,
  outboxId: number,
  token: string,
  leaseMs: number,
): Promise<LeaseOutcome> {
  const res = await db.query<LeasedMessage>(
    `UPDATE outbox o SET state = 'inflight', attempts = attempts + 1, lease_token = $2,
            lease_until = now() + make_interval(secs => $3::double precision / 1000)
      WHERE id = $1
        AND (state IN ('pending', 'enqueued', 'retrying') OR (state = 'inflight' AND lease_until < now()))
        AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.dossier_code = o.dossier_code AND p.target = o.target
                         AND p.seq < o.seq AND p.state NOT IN ('delivered', 'discarded'))
      RETURNING id, message_id, dossier_code, target, seq, event_type, payload, attempts`,
    [outboxId, token, leaseMs],
  );
  if (res.rows[0]) return { kind: 'leased', message: res.rows[0] };
  const cur = await db.query<{ state: string; lease_until: Date | null }>(
    'SELECT state, lease_until FROM outbox WHERE id = $1',
    [outboxId],
  );
  const row = cur.rows[0];
  if (!row || ['delivered', 'discarded', 'dead'].includes(row.state)) return { kind: 'finished' };
  if (row.state === 'inflight' && row.lease_until) return { kind: 'busy', until: row.lease_until };
  return { kind: 'not_head' };
}

export interface AttemptRecord {
  outboxId: number;
  attempt: number;
  startedAt: Date;
  finishedAt: Date;
  outcome: 'delivered' | 'retryable' | 'permanent';
  httpStatus?: number;
  errorCode?: string;
  detail?: string;
  worker: string;
}

export async function recordAttempt(db: Queryable, a: AttemptRecord): Promise<void> {
  await db.query(
    `INSERT INTO delivery_attempts (outbox_id, attempt, started_at, finished_at, outcome, http_status, error_code,
                                    detail, duration_ms, worker)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      a.outboxId,
      a.attempt,
      a.startedAt,
      a.finishedAt,
      a.outcome,
      a.httpStatus ?? null,
      a.errorCode ?? null,
      a.detail ? a.detail.slice(0, 2000) : null,
      Math.max(0, a.finishedAt.getTime() - a.startedAt.getTime()),
      a.worker,
    ],
  );
}

/** Marks the leased row delivered. Returns false if the lease was lost meanwhile (another attempt took over). */
export async function markDelivered(db: Queryable, outboxId: number, token: string): Promise<boolean> {
  const res = await db.query(
    `UPDATE outbox SET state = 'delivered', delivered_at = now(), lease_token = NULL, lease_until = NULL
      WHERE id = $1 AND state = 'inflight' AND lease_token = $2`,
    [outboxId, token],
  );
  return res.rowCount > 0;
}

export async function markRetrying(
  db: Queryable,
  outboxId: number,
  token: string,
  delayMs: number,
  error: { code: string; detail: string },
): Promise<boolean> {
  const res = await db.query(
    `UPDATE outbox SET state = 'retrying', lease_token = NULL, lease_until = NULL, enqueued_at = now(),
            next_attempt_at = now() + make_interval(secs => $3::double precision / 1000),
            last_error_code = $4, last_error = $5
      WHERE id = $1 AND state = 'inflight' AND lease_token = $2`,
    [outboxId, token, delayMs, error.code, error.detail.slice(0, 2000)],
  );
  return res.rowCount > 0;
}

export async function markDead(
  db: Queryable,
  outboxId: number,
  token: string,
  error: { code: string; detail: string },
): Promise<boolean> {
  const res = await db.query<{ message_id: string; dossier_code: string; target: string; attempts: number }>(
    `UPDATE outbox SET state = 'dead', lease_token = NULL, lease_until = NULL, last_error_code = $3, last_error = $4
      WHERE id = $1 AND state = 'inflight' AND lease_token = $2
      RETURNING message_id, dossier_code, target, attempts`,
    [outboxId, token, error.code, error.detail.slice(0, 2000)],
  );
  const row = res.rows[0];
  if (!row) return false;
  await db.query(
    `INSERT INTO dead_letters (outbox_id, message_id, dossier_code, target, attempts, error_code, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (outbox_id) WHERE state = 'open' DO NOTHING`,
    [
      outboxId,
      row.message_id,
      row.dossier_code,
      row.target,
      row.attempts,
      error.code,
      error.detail.slice(0, 2000),
    ],
  );
  return true;
}
