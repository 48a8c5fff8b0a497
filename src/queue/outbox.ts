import { createHash } from 'node:crypto';
import type { Queryable } from '../store/db';

/**
 * The outbox: messages to deliver, written in the same transaction as the state change that caused
 * them. Order per (dossier, target) is kept by `seq`; only the oldest unfinished row of a pair ever sits
 * on a queue, and finishing it hands over to the next.
 */

/** A row that must be put on its target's queue once the surrounding transaction commits. */
export interface QueueHandoff {
  outboxId: number;
  messageId: string;
  target: string;
  /** Milliseconds to wait before the attempt (retries after a lost queue). */
  delayMs?: number;
}

/**
 * The message id is derived from (event, target): stable across retries, replays and re-sends, so a
 * receiver can dedupe on it, and the same event can never be queued twice for one target.
 */
export function messageIdFor(eventId: string, target: string): string {
  const h = createHash('sha256').update(`${eventId}\n${target}`).digest('hex');
  // Formatted as a UUID (version nibble 5, RFC 4122 variant) because receivers often store ids in uuid columns.
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Hands the turn of a (dossier, target) to its next pending row, if any. Called in the transaction that
 * finished the previous head (delivered or discarded), after that row's update.
 */
export async function handOver(
  tx: Queryable,
  dossierCode: string,
  target: string,
): Promise<QueueHandoff | undefined> {
  const next = await tx.query<{ id: number; message_id: string }>(
    `UPDATE outbox SET state = 'enqueued', enqueued_at = now()
      WHERE id = (SELECT id FROM outbox WHERE dossier_code = $1 AND target = $2 AND state = 'pending'
                   ORDER BY seq LIMIT 1)
        -- Re-checked against the row's latest version if it changed since our snapshot (the sweep or a
        -- worker may have taken it meanwhile): only a still-pending row is handed the turn.
        AND state = 'pending'
        AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.dossier_code = $1 AND p.target = $2
                         AND p.state NOT IN ('delivered', 'discarded', 'pending'))
      RETURNING id, message_id`,
    [dossierCode, target],
  );
  const row = next.rows[0];
  return row ? { outboxId: row.id, messageId: row.message_id, target } : undefined;
}
