import type { Dossier, CloudEvent } from '../model';
import { messageIdFor } from '../queue/outbox';
import type { QueueHandoff } from '../queue/outbox';
import type { Queryable } from '../store/db';
import { messageLogParams } from '../store/message-log';
import type { MessageLogEntry } from '../store/message-log';

export interface ChangeWrite {
  /** insert: a new dossier (nothing is written if the code exists); update: the locked current row. */
  mode: 'insert' | 'update';
  dossier: Dossier;
  event: CloudEvent;
  /** The inbound request that caused the change, logged as accepted evidence. */
  inbound: MessageLogEntry;
  /** Targets subscribed to the event's type. */
  targets: string[];
  /** Update mode: the version the change was computed from; nothing is written if the row moved on. */
  expectedVersion?: number;
  /** Recorded with the answer to replay, only if the change is written. */
  idempotency?: { scope: string; key: string; requestSha256: string; status: number; response: unknown };
}

const DOSSIER_WRITE = {
  insert: `INSERT INTO dossiers (code, version, status, agency_id, procedure_code, channel, received_at, due_at,
                                 finished_at, returned_at, data)
           SELECT $1, $2, $3, $4, $5, $6, $7::timestamptz, $8::timestamptz, $9::timestamptz, $10::timestamptz, $11
            WHERE $30::integer IS NULL
           ON CONFLICT (code) DO NOTHING RETURNING code`,
  update: `UPDATE dossiers SET version = $2, status = $3, agency_id = $4, procedure_code = $5, channel = $6,
                  received_at = $7, due_at = $8, finished_at = $9, returned_at = $10, data = $11, updated_at = now()
            WHERE code = $1 AND version = $30 RETURNING code`,
};

/**
 * A unique violation on the idempotency key: another request with the same key won a race. The whole
 * statement was rolled back; the caller reads again and replays (or refuses) against the winner.
 */
export function isIdempotencyRace(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  return e?.code === '23505' && `${e.constraint ?? ''} ${e.message ?? ''}`.includes('idempotency_keys');
}

/**
 * Writes a whole change in one statement, that is one round trip and one transaction: the dossier row, its
 * event, the inbound evidence, one outbox row per target and the idempotency key. Every part selects FROM
 * the dossier write, so when an insert finds the code taken, or an update finds the version moved on,
 * nothing at all is written.
 *
 * Ordering: the statement locks (in id order, like every multi-row statement on the outbox) and marks the
 * last open outbox row of each (dossier, target) it
 * appends to. When that row is the head and a worker is finishing it at that moment, the lock waits for the
 * worker and re-reads the row: finished, so the new row is the head and is queued by the caller; or still
 * open, so the new row waits, and the worker, whose update of the head then returns has_next, hands over
 * to it. When the last open row is not the head, the new row simply queues behind it. The outbox row carries no payload
 * of its own: the event envelope is read from dossier_events when the message is sent.
 */
export async function writeChange(
  db: Queryable,
  w: ChangeWrite,
): Promise<{ written: boolean; handoffs: QueueHandoff[] }> {
  const d = w.dossier;
  const params: unknown[] = [
    d.code,
    d.version,
    d.status,
    d.agency.id,
    d.procedure.nationalCode ?? d.procedure.localCode ?? null,
    d.channel,
    d.times.receivedAt ?? null,
    d.times.dueAt ?? null,
    d.times.finishedAt ?? null,
    d.times.returnedAt ?? null,
    JSON.stringify(d),
    // $12..$16 the event
    w.event.id,
    w.event.type,
    w.event.source,
    w.event.time,
    JSON.stringify(w.event),
    // $17, $18 the targets and their message ids
    w.targets,
    w.targets.map((t) => messageIdFor(w.event.id, t)),
    // $19..$29 the inbound evidence
    ...messageLogParams(w.inbound),
    // $30 the expected version, $31..$35 the idempotency key and its answer
    w.expectedVersion ?? null,
    w.idempotency?.scope ?? null,
    w.idempotency?.key ?? null,
    w.idempotency?.requestSha256 ?? null,
    w.idempotency?.status ?? null,
    w.idempotency ? JSON.stringify(w.idempotency.response) : null,
  ];
  const res = await db.query<{
    written: number;
    outbox: Array<{ id: number; message_id: string; target: string; state: string }>;
  }>(
    `WITH d AS (${DOSSIER_WRITE[w.mode]}),
     ev AS (
       INSERT INTO dossier_events (id, dossier_code, dossier_version, type, source, time, envelope)
       SELECT $12, d.code, $2, $13, $14, $15, $16 FROM d),
     lg AS (
       INSERT INTO message_log (direction, system, verdict, dossier_code, correlation_id, message_id, detail,
                                content_type, body, blob_ref, body_sha256)
       SELECT $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29 FROM d),
     ik AS (
       INSERT INTO idempotency_keys (scope, key, request_sha256, status, response)
       SELECT $31, $32, $33, $34, $35::jsonb FROM d WHERE $32::text IS NOT NULL),
     t AS (SELECT * FROM unnest($17::text[], $18::text[]) AS t(target, message_id)),
     tails AS (
       SELECT o.id FROM outbox o
        WHERE o.id IN (SELECT DISTINCT ON (p.target) p.id FROM outbox p
                        WHERE p.dossier_code = $1 AND p.target = ANY($17::text[])
                          AND p.state NOT IN ('delivered', 'discarded')
                        ORDER BY p.target, p.seq DESC)
        ORDER BY o.id FOR UPDATE),
     locked AS (
       UPDATE outbox o SET has_next = true
        WHERE o.id IN (SELECT id FROM tails)
          AND o.state NOT IN ('delivered', 'discarded')
          AND EXISTS (SELECT 1 FROM d)
       RETURNING o.target),
     ob AS (
       INSERT INTO outbox (message_id, dossier_code, target, seq, event_id, event_type, state, enqueued_at)
       SELECT t.message_id, d.code, t.target,
              (SELECT coalesce(max(o.seq), 0) + 1 FROM outbox o WHERE o.dossier_code = $1 AND o.target = t.target),
              $12, $13,
              CASE WHEN t.target IN (SELECT target FROM locked) THEN 'pending' ELSE 'enqueued' END,
              CASE WHEN t.target IN (SELECT target FROM locked) THEN NULL ELSE now() END
         FROM t, d
       RETURNING id, message_id, target, state)
     SELECT (SELECT count(*) FROM d)::int AS written,
            coalesce((SELECT json_agg(ob) FROM ob), '[]'::json) AS outbox`,
    params,
  );
  const row = res.rows[0];
  return {
    written: row.written > 0,
    handoffs: row.outbox
      .filter((o) => o.state === 'enqueued')
      .map((o) => ({ outboxId: o.id, messageId: o.message_id, target: o.target })),
  };
}
