import { LtError } from '../../errors';
import type { DeadLetterApi, DeadLetterFilter, DeadLetterView } from '../deps';

type Selector = { ids?: number[]; target?: string; dossierCode?: string };

/** In-memory twin of the dead-letter service, with a call log. */
export class FakeDeadLetters implements DeadLetterApi {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  readonly rows: DeadLetterView[] = [
    {
      id: 1,
      messageId: 'm-1',
      dossierCode: 'D-1',
      target: 'dvcqg',
      attempts: 8,
      state: 'open',
      createdAt: '2025-07-01T00:00:00.000Z',
    },
    {
      id: 2,
      messageId: 'm-2',
      dossierCode: 'D-2',
      target: 'igate',
      attempts: 8,
      state: 'open',
      createdAt: '2025-07-01T00:00:00.000Z',
    },
    {
      id: 3,
      messageId: 'm-3',
      dossierCode: 'D-1',
      target: 'dvcqg',
      attempts: 8,
      state: 'discarded',
      createdAt: '2025-07-01T00:00:00.000Z',
    },
  ];

  async list(filter: DeadLetterFilter): Promise<DeadLetterView[]> {
    this.calls.push({ method: 'list', args: [filter] });
    return this.rows
      .filter((r) => (filter.state ?? 'open') === r.state)
      .filter((r) => filter.target === undefined || r.target === filter.target)
      .filter((r) => filter.dossierCode === undefined || r.dossierCode === filter.dossierCode)
      .slice(0, filter.limit);
  }

  async replay(id: number, actor: string): Promise<DeadLetterView> {
    return this.resolve('replay', id, actor, 'replayed');
  }

  async discard(id: number, actor: string): Promise<DeadLetterView> {
    return this.resolve('discard', id, actor, 'discarded');
  }

  async replayMany(selector: Selector, actor: string): Promise<number> {
    return this.resolveMany('replayMany', selector, actor, 'replayed');
  }

  async discardMany(selector: Selector, actor: string): Promise<number> {
    return this.resolveMany('discardMany', selector, actor, 'discarded');
  }

  private resolve(method: string, id: number, actor: string, state: DeadLetterView['state']): DeadLetterView {
    this.calls.push({ method, args: [id, actor] });
    const row = this.rows.find((r) => r.id === id);
    if (!row) throw new LtError('LT_DEAD_LETTER_NOT_FOUND', 'not_found', `dead letter ${id} not found`);
    if (row.state !== 'open')
      throw new LtError('LT_DEAD_LETTER_RESOLVED', 'conflict', `dead letter ${id} is ${row.state}`);
    Object.assign(row, { state, resolvedBy: actor, resolvedAt: '2025-07-02T00:00:00.000Z' });
    return { ...row };
  }

  private resolveMany(
    method: string,
    selector: Selector,
    actor: string,
    state: DeadLetterView['state'],
  ): number {
    this.calls.push({ method, args: [selector, actor] });
    const hits = this.rows.filter(
      (r) =>
        r.state === 'open' &&
        (selector.ids === undefined || selector.ids.includes(r.id)) &&
        (selector.target === undefined || r.target === selector.target) &&
        (selector.dossierCode === undefined || r.dossierCode === selector.dossierCode),
    );
    for (const r of hits) Object.assign(r, { state, resolvedBy: actor });
    return hits.length;
  }
}
