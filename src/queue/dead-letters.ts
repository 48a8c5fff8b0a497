import { LtError } from '../errors';
import type { DeadLetterApi, DeadLetterFilter, DeadLetterView } from '../http/deps';
import type { Db, Queryable } from '../store/db';
import type { QueueHandoff } from './outbox';
import { handOver } from './outbox';

interface DeadLetterRow {
  id: number;
  outbox_id: number;
  message_id: string;
  dossier_code: string;
  target: string;
  attempts: number;
  error_code: string | null;
  error: string | null;
  state: 'open' | 'replayed' | 'discarded';
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
}

function view(r: DeadLetterRow): DeadLetterView {
  return {
    id: r.id,
    messageId: r.message_id,
    dossierCode: r.dossier_code,
    target: r.target,
    attempts: r.attempts,
    errorCode: r.error_code ?? undefined,
    error: r.error ?? undefined,
    state: r.state,
    createdAt: r.created_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString(),
    resolvedBy: r.resolved_by ?? undefined,
  };
}

type Selector = { ids?: number[]; target?: string; dossierCode?: string };

/**
 * Dead letters: messages that exhausted their attempts or were refused for good. A dead message still
 * holds back the later messages of its (dossier, target), so order is never broken silently: an operator
 * replays it (it goes again, with a fresh attempt budget) or discards it (the next message may then go).
 */
export class DeadLetterService implements DeadLetterApi {
  constructor(
    private readonly db: Db,
    private readonly handoff: (h: QueueHandoff[]) => void,
  ) {}

  async list(filter: DeadLetterFilter): Promise<DeadLetterView[]> {
    const res = await this.db.query<DeadLetterRow>(
      `SELECT * FROM dead_letters
        WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR target = $2)
          AND ($3::text IS NULL OR dossier_code = $3)
        ORDER BY id DESC LIMIT $4`,
      [filter.state ?? null, filter.target ?? null, filter.dossierCode ?? null, filter.limit],
    );
    return res.rows.map(view);
  }

  async replay(id: number, actor: string): Promise<DeadLetterView> {
    return this.resolveOne(id, actor, 'replayed');
  }

  async discard(id: number, actor: string): Promise<DeadLetterView> {
    return this.resolveOne(id, actor, 'discarded');
  }

  async replayMany(selector: Selector, actor: string): Promise<number> {
    return this.resolveMany(selector, actor, 'replayed');
  }

  async discardMany(selector: Selector, actor: string): Promise<number> {
    return this.resolveMany(selector, actor, 'discarded');
  }

  private async resolveOne(id: number, actor: string, to: 'replayed' | 'discarded'): Promise<DeadLetterView> {
    const { row, handoffs } = await this.db.transaction(async (tx) => {
      const found = await tx.query<DeadLetterRow>('SELECT * FROM dead_letters WHERE id = $1 FOR UPDATE', [
        id,
      ]);
      const dl = found.rows[0];
      if (!dl) throw new LtError('LT_DEAD_LETTER_NOT_FOUND', 'not_found', `no dead letter with id ${id}`);
      if (dl.state !== 'open') {
        throw new LtError(
          'LT_DEAD_LETTER_RESOLVED',
          'conflict',
          `dead letter ${id} was already ${dl.state}${dl.resolved_by ? ` by ${dl.resolved_by}` : ''}`,
        );
      }
      const h = await this.resolve(tx, dl, actor, to);
      const after = await tx.query<DeadLetterRow>('SELECT * FROM dead_letters WHERE id = $1', [id]);
      return { row: after.rows[0], handoffs: h };
    });
    this.handoff(handoffs);
    return view(row);
  }

  private async resolveMany(
    selector: Selector,
    actor: string,
    to: 'replayed' | 'discarded',
  ): Promise<number> {
    if (!selector.ids?.length && !selector.target && !selector.dossierCode) {
      throw new LtError(
        'LT_DEAD_LETTER_NO_SELECTOR',
        'validation',
        'name the dead letters: ids, target or dossierCode (refusing to act on every dead letter at once)',
      );
    }
    const { count, handoffs } = await this.db.transaction(async (tx) => {
      const found = await tx.query<DeadLetterRow>(
        `SELECT * FROM dead_letters
          WHERE state = 'open' AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))
            AND ($2::text IS NULL OR target = $2) AND ($3::text IS NULL OR dossier_code = $3)
          ORDER BY id FOR UPDATE`,
        [selector.ids?.length ? selector.ids : null, selector.target ?? null, selector.dossierCode ?? null],
      );
      const all: QueueHandoff[] = [];
      for (const dl of found.rows) all.push(...(await this.resolve(tx, dl, actor, to)));
      return { count: found.rows.length, handoffs: all };
    });
    this.handoff(handoffs);
    return count;
  }

  private async resolve(
    tx: Queryable,
    dl: DeadLetterRow,
    actor: string,
    to: 'replayed' | 'discarded',
  ): Promise<QueueHandoff[]> {
    await tx.query(
      `UPDATE dead_letters SET state = $2, resolved_at = now(), resolved_by = $3 WHERE id = $1`,
      [dl.id, to, actor],
    );
    if (to === 'replayed') {
      const res = await tx.query(
        `UPDATE outbox SET state = 'enqueued', attempts = 0, enqueued_at = now(), next_attempt_at = now(),
                last_error_code = NULL, last_error = NULL
          WHERE id = $1 AND state = 'dead'`,
        [dl.outbox_id],
      );
      return res.rowCount > 0
        ? [{ outboxId: dl.outbox_id, messageId: dl.message_id, target: dl.target }]
        : [];
    }
    await tx.query(`UPDATE outbox SET state = 'discarded' WHERE id = $1 AND state = 'dead'`, [dl.outbox_id]);
    const next = await handOver(tx, dl.dossier_code, dl.target);
    return next ? [next] : [];
  }
}
