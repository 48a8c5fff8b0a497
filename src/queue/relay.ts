import type { Logger } from 'pino';
import type { Db } from '../store/db';
import type { QueueHandoff } from './outbox';

/**
 * The relay's safety net. The fast path puts a message on its queue right after the transaction that
 * made it the head of its (dossier, target). Anything that can break that (a crash between commit and
 * enqueue, Redis restarted empty, a job dropped after too many stalls) leaves a row whose state says
 * "on the queue" while the queue has nothing. The sweep finds such rows by age and asks the queue.
 */
export interface QueueProbe {
  /** Whether the queue of `target` still holds a job for this message (revives failed ones). */
  has(target: string, messageId: string): Promise<boolean>;
  add(handoffs: QueueHandoff[]): Promise<void>;
}

interface Candidate {
  id: number;
  message_id: string;
  target: string;
  state: string;
  delay_ms: number;
}

export interface SweepOptions {
  db: Db;
  queue: QueueProbe;
  logger: Logger;
  /** How long a row may claim to be queued before the queue is asked. */
  staleAfterMs: number;
  /** Targets this process serves; rows for other targets are left to their own processes. */
  targets: string[];
  batch?: number;
}

export async function sweepOnce(opts: SweepOptions): Promise<{ enqueued: number; revived: number }> {
  const { db, queue, staleAfterMs, targets } = opts;
  if (targets.length === 0) return { enqueued: 0, revived: 0 };
  const res = await db.query<Candidate>(
    `SELECT o.id, o.message_id, o.target, o.state,
            least(3600000, greatest(0, floor(extract(epoch FROM (o.next_attempt_at - now())) * 1000)))::integer AS delay_ms
       FROM outbox o
      WHERE o.target = ANY($1::text[])
        AND o.state IN ('pending', 'enqueued', 'retrying', 'inflight')
        AND (o.state = 'pending'
             OR (o.state = 'enqueued' AND o.enqueued_at < now() - make_interval(secs => $2::double precision / 1000))
             OR (o.state = 'retrying' AND greatest(o.next_attempt_at, o.enqueued_at)
                   < now() - make_interval(secs => $2::double precision / 1000))
             OR (o.state = 'inflight' AND greatest(o.lease_until, o.enqueued_at)
                   < now() - make_interval(secs => $2::double precision / 1000)))
        AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.dossier_code = o.dossier_code AND p.target = o.target
                         AND p.seq < o.seq AND p.state NOT IN ('delivered', 'discarded'))
      ORDER BY o.next_attempt_at
      LIMIT $3`,
    [targets, staleAfterMs, opts.batch ?? 500],
  );
  const toAdd: QueueHandoff[] = [];
  let revived = 0;
  for (const row of res.rows) {
    if (row.state !== 'pending' && (await queue.has(row.target, row.message_id))) continue;
    if (row.state !== 'pending') revived += 1;
    toAdd.push({ outboxId: row.id, messageId: row.message_id, target: row.target, delayMs: row.delay_ms });
  }
  if (res.rows.length > 0) {
    // Touch every checked row, found or not, so that a long but healthy backlog is not re-checked each sweep.
    await db.query(
      `UPDATE outbox SET enqueued_at = now(), state = CASE WHEN state = 'pending' THEN 'enqueued' ELSE state END
        WHERE id = ANY($1::bigint[]) AND state IN ('pending', 'enqueued', 'retrying', 'inflight')`,
      [res.rows.map((r) => r.id)],
    );
  }
  if (toAdd.length > 0) {
    await queue.add(toAdd);
    if (revived > 0)
      opts.logger.warn({ revived }, 'outbox sweep re-queued messages missing from their queue');
  }
  return { enqueued: toAdd.length - revived, revived };
}
