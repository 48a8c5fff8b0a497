import type { Queryable } from '../store/db';
import type { QueueHandoff } from './outbox';
import { messageLogParams } from '../store/message-log';
import type { MessageLogEntry } from '../store/message-log';

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
  lease_token: string;
  lease_until: Date;
}

export type LeaseOutcome =
  | { kind: 'leased'; message: LeasedMessage }
  | { kind: 'finished' }
  | { kind: 'busy'; until: Date }
  | { kind: 'not_head' };

export interface LeaseRequest {
  outboxId: number;
  token: string;
  leaseMs: number;
}

/** Takes the leases of several messages in one statement (see Batcher); one outcome per request. */
export async function takeLeases(db: Queryable, reqs: LeaseRequest[]): Promise<LeaseOutcome[]> {
  // Rows are locked in id order, as every multi-row statement on the outbox does, so two of them can
  // never wait for each other.
  const sorted = [...reqs].sort((a, b) => a.outboxId - b.outboxId);
  const res = await db.query<LeasedMessage>(
    `WITH lk AS (SELECT id FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE)
     UPDATE outbox o SET state = 'inflight', attempts = attempts + 1, lease_token = r.token,
            lease_until = now() + make_interval(secs => r.lease_ms / 1000)
       FROM unnest($1::bigint[], $2::text[], $3::double precision[]) AS r(id, token, lease_ms)
      WHERE o.id = r.id AND o.id IN (SELECT id FROM lk)
        AND ((o.state IN ('pending', 'enqueued') AND o.lease_token IS NULL)
             OR (o.state = 'retrying' AND o.lease_token IS NULL AND o.next_attempt_at <= now() + interval '1 second')
             OR (o.state = 'inflight' AND o.lease_until < now()))
        AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.dossier_code = o.dossier_code AND p.target = o.target
                         AND p.seq < o.seq AND p.state NOT IN ('delivered', 'discarded'))
      RETURNING o.id, o.message_id, o.dossier_code, o.target, o.seq, o.event_type, o.attempts, o.lease_token,
                o.lease_until,
                coalesce(o.payload::json, (SELECT e.envelope FROM dossier_events e WHERE e.id = o.event_id)) AS payload`,
    [sorted.map((r) => r.outboxId), sorted.map((r) => r.token), sorted.map((r) => r.leaseMs)],
  );
  // Two duplicate jobs of one message in the same batch: the row took one token, so only that requester
  // holds the lease; the other waits for it like any busy lease.
  const leased = new Map(res.rows.map((m) => [m.id, m]));
  const missing = reqs.filter((r) => !leased.has(r.outboxId)).map((r) => r.outboxId);
  const why = new Map<number, { state: string; lease_until: Date | null; next_attempt_at: Date }>();
  if (missing.length > 0) {
    const cur = await db.query<{
      id: number;
      state: string;
      lease_until: Date | null;
      next_attempt_at: Date;
    }>('SELECT id, state, lease_until, next_attempt_at FROM outbox WHERE id = ANY($1::bigint[])', [missing]);
    for (const row of cur.rows) why.set(row.id, row);
  }
  return reqs.map((r): LeaseOutcome => {
    const message = leased.get(r.outboxId);
    if (message && message.lease_token === r.token) return { kind: 'leased', message };
    if (message) return { kind: 'busy', until: message.lease_until };
    const row = why.get(r.outboxId);
    if (!row || ['delivered', 'discarded', 'dead'].includes(row.state)) return { kind: 'finished' };
    if (row.state === 'inflight' && row.lease_until) return { kind: 'busy', until: row.lease_until };
    // A retry whose job came back early (stalled-job recovery): it waits for its time, Retry-After included.
    if (row.state === 'retrying' && row.next_attempt_at.getTime() > Date.now()) {
      return { kind: 'busy', until: row.next_attempt_at };
    }
    return { kind: 'not_head' };
  });
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

const INSERT_ATTEMPT = `INSERT INTO delivery_attempts (outbox_id, attempt, started_at, finished_at, outcome,
                                   http_status, error_code, detail, duration_ms, worker)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

function attemptParams(a: AttemptRecord): unknown[] {
  return [
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
  ];
}

export async function recordAttempt(db: Queryable, a: AttemptRecord): Promise<void> {
  await db.query(INSERT_ATTEMPT, attemptParams(a));
}

export interface CompletionRequest {
  outboxId: number;
  token: string;
  attempt: AttemptRecord;
  sent: MessageLogEntry;
}

export interface CompletionOutcome {
  mine: boolean;
  next?: QueueHandoff;
  handOverDue: boolean;
}

/**
 * Marks leased rows delivered, records their attempts, logs what was sent and hands the turn of each
 * (dossier, target) to its next pending row: one statement for the whole batch (see Batcher). A row's log
 * hand-over happens only if its lease was still ours; its log entry says which.
 *
 * The hand-over here sees rows committed before the statement began. A writer that queued a row behind
 * one of ours while we waited for its lock has set has_next on it, which RETURNING reports from the latest
 * version: then `handOverDue` tells the caller to hand over in a second statement.
 */
export async function completeDelivered(
  db: Queryable,
  reqs: CompletionRequest[],
): Promise<CompletionOutcome[]> {
  const sorted = [...reqs].sort((a, b) => a.outboxId - b.outboxId); // lock order, see takeLeases
  const col = <T>(f: (r: CompletionRequest) => T): T[] => sorted.map(f);
  const log = sorted.map((r) => messageLogParams(r.sent));
  const res = await db.query<{
    id: number;
    has_next: boolean;
    next_id: number | null;
    next_message_id: string | null;
    target: string;
  }>(
    `WITH r AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::timestamptz[], $5::timestamptz[],
                            $6::integer[], $7::integer[], $8::text[],
                            $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                            $15::text[], $16::text[], $17::bytea[], $18::text[], $19::text[])
         AS r(id, token, attempt, started_at, finished_at, http_status, duration_ms, worker,
              direction, system, verdict, dossier_code, correlation_id, message_id, detail, content_type, body,
              blob_ref, body_sha256)),
     -- Every row this statement may change (the heads, and the next pending row of each head's pair) is
     -- locked first, in id order like every other multi-row statement on the outbox, so no two of them
     -- can wait for each other in a cycle.
     lk AS (
       SELECT o.id
         FROM (SELECT unnest($1::bigint[]) AS id
               UNION ALL
               (SELECT DISTINCT ON (p.dossier_code, p.target) p.id
                  FROM outbox p JOIN outbox h ON h.id = ANY($1::bigint[])
                                       AND p.dossier_code = h.dossier_code AND p.target = h.target
                 WHERE p.state = 'pending'
                 ORDER BY p.dossier_code, p.target, p.seq)) x
         JOIN outbox o ON o.id = x.id
        ORDER BY o.id FOR UPDATE OF o),
     done AS (
       UPDATE outbox o SET state = 'delivered', delivered_at = now(), lease_token = NULL, lease_until = NULL
         FROM r
        WHERE o.id = r.id AND o.id IN (SELECT id FROM lk) AND o.state = 'inflight' AND o.lease_token = r.token
        RETURNING o.id, o.dossier_code, o.target, o.has_next),
     att AS (
       INSERT INTO delivery_attempts (outbox_id, attempt, started_at, finished_at, outcome, http_status, duration_ms,
                                      worker)
       SELECT r.id, r.attempt, r.started_at, r.finished_at, 'delivered', r.http_status, r.duration_ms, r.worker
         FROM r),
     lg AS (
       INSERT INTO message_log (direction, system, verdict, dossier_code, correlation_id, message_id, detail,
                                content_type, body, blob_ref, body_sha256)
       -- What was sent is evidence even when the lease had been lost (another attempt took over).
       SELECT r.direction, r.system, CASE WHEN done.id IS NULL THEN 'sent_lease_lost' ELSE r.verdict END,
              r.dossier_code, r.correlation_id, r.message_id, r.detail, r.content_type, r.body, r.blob_ref,
              r.body_sha256
         FROM r LEFT JOIN done ON done.id = r.id),
     nxt AS (
       UPDATE outbox n SET state = 'enqueued', enqueued_at = now()
         FROM done
        WHERE n.id = (SELECT p.id FROM outbox p
                       WHERE p.dossier_code = done.dossier_code AND p.target = done.target AND p.state = 'pending'
                       ORDER BY p.seq LIMIT 1)
          AND n.state = 'pending'
          AND NOT EXISTS (SELECT 1 FROM outbox q
                           WHERE q.dossier_code = done.dossier_code AND q.target = done.target AND q.id <> done.id
                             AND q.state NOT IN ('delivered', 'discarded', 'pending'))
       RETURNING n.id, n.message_id, n.dossier_code, n.target)
     SELECT done.id, done.has_next, done.target, nxt.id AS next_id, nxt.message_id AS next_message_id
       FROM done LEFT JOIN nxt ON nxt.dossier_code = done.dossier_code AND nxt.target = done.target`,
    [
      col((r) => r.outboxId),
      col((r) => r.token),
      col((r) => r.attempt.attempt),
      col((r) => r.attempt.startedAt),
      col((r) => r.attempt.finishedAt),
      col((r) => r.attempt.httpStatus ?? null),
      col((r) => Math.max(0, r.attempt.finishedAt.getTime() - r.attempt.startedAt.getTime())),
      col((r) => r.attempt.worker),
      ...Array.from({ length: 11 }, (_, k) => log.map((p) => p[k])),
    ],
  );
  const byId = new Map(res.rows.map((row) => [row.id, row]));
  return reqs.map((r) => {
    const row = byId.get(r.outboxId);
    if (!row) return { mine: false, handOverDue: false };
    const next =
      row.next_id !== null && row.next_message_id !== null
        ? { outboxId: row.next_id, messageId: row.next_message_id, target: row.target }
        : undefined;
    return { mine: true, next, handOverDue: !next && row.has_next };
  });
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
