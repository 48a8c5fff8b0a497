import { createHash } from 'node:crypto';
import type { AdapterDeps, DossierSink } from '../../src/adapter/contract';
import { LtError } from '../../src/errors';
import type { IgateClient } from './client';
import type { IgatePollConfig } from './config';
import { ingestIgateDossier } from './ingest';

/** Where a pass over the search stands, saved after every page. */
export interface PollCheckpoint {
  /** Page to read next in the current pass (0 = a new pass). */
  page: number;
  passStartedAt?: string;
  lastPassCompletedAt?: string;
  passes: number;
}

export interface PollStats {
  seen: number;
  skipped: number;
  created: number;
  changed: number;
  unchanged: number;
  refused: number;
}

const CHECKPOINT_KEY = 'poll';

/**
 * Polls `/pa/dossier/search` (iGate has no webhooks, spec §5): pages through the configured filter, sorted
 * by id so that pages stay stable while dossiers change, and syncs each dossier against the stored
 * canonical copy. What did not change writes nothing and sends nothing, including after a restart (the
 * comparison is against the database, not memory). A fingerprint of each record seen in this process
 * skips even the database read for records that did not move. The checkpoint lets a restarted gateway
 * finish the pass where it stopped.
 */
export class IgatePoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly fingerprints = new Map<string, string>();
  readonly stats: PollStats = { seen: 0, skipped: 0, created: 0, changed: 0, unchanged: 0, refused: 0 };

  constructor(
    private readonly client: IgateClient,
    private readonly config: IgatePollConfig,
    private readonly deps: AdapterDeps & { dossiers: DossierSink },
    private readonly timeoutMs = 10_000,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .catch((err: Error) =>
          this.deps.logger.warn(
            { err: err.message, code: (err as LtError).code },
            'igate poll pass failed; retrying at the next interval',
          ),
        )
        .finally(() => this.schedule(this.config.intervalMs ?? 30_000));
    }, ms);
    this.timer.unref?.();
  }

  private params(page: number): Record<string, string | number> {
    const params: Record<string, string | number> = {
      page,
      size: this.config.pageSize ?? 50,
      spec: 'slice',
      sort: 'id,asc',
      ...(this.config.filters ?? {}),
    };
    if (this.config.acceptedWithinDays) {
      params['accepted-from'] = new Date(
        Date.now() - this.config.acceptedWithinDays * 86_400_000,
      ).toISOString();
    }
    return params;
  }

  /** One full pass over the search; resumes a pass a previous process left half done. */
  async pass(): Promise<void> {
    const saved = (await this.deps.state.read<PollCheckpoint>(CHECKPOINT_KEY)) ?? { page: 0, passes: 0 };
    let checkpoint: PollCheckpoint =
      saved.page === 0 ? { ...saved, passStartedAt: new Date().toISOString() } : saved;
    for (let page = checkpoint.page; !this.stopped; page++) {
      const { data } = await this.client.search(this.params(page), { timeoutMs: this.timeoutMs });
      const content = Array.isArray(data.content) ? data.content : [];
      for (const record of content) await this.one(record);
      const last = data.last !== false || content.length === 0;
      checkpoint = last
        ? { page: 0, passes: checkpoint.passes + 1, lastPassCompletedAt: new Date().toISOString() }
        : { ...checkpoint, page: page + 1 };
      await this.deps.state.write(CHECKPOINT_KEY, checkpoint);
      if (last) break;
    }
  }

  private async one(record: unknown): Promise<void> {
    this.stats.seen++;
    const json = JSON.stringify(record);
    const id = (record as { id?: unknown }).id;
    const fingerprint = createHash('sha256').update(json).digest('base64url');
    if (typeof id === 'string' && this.fingerprints.get(id) === fingerprint) {
      this.stats.skipped++;
      return;
    }
    try {
      const result = await ingestIgateDossier(this.deps, record, {
        contentType: 'application/json',
        body: Buffer.from(json),
      });
      this.stats[result.outcome]++;
      if (typeof id === 'string') this.fingerprints.set(id, fingerprint);
    } catch (err) {
      // A refused record is logged (by the dossier service, with its reason) and does not stop the pass;
      // an infrastructure failure does, and the pass is tried again.
      if (err instanceof LtError && !err.retryable && err.kind !== 'transient') {
        this.stats.refused++;
        this.deps.logger.warn({ code: err.code, detail: err.message, igateId: id }, 'igate dossier refused');
        if (typeof id === 'string') this.fingerprints.set(id, fingerprint);
        return;
      }
      throw err;
    }
  }
}
