import { createHash } from 'node:crypto';
import os from 'node:os';
import type { AdapterDeps, DossierSink } from '../../src/adapter/contract';
import { PollLoop } from '../../src/adapter/poll-loop';
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

const CHECKPOINT_KEY = 'poll';
const LEASE_KEY = 'poll-lease';

/**
 * Polls `/pa/dossier/search` (iGate has no webhooks, spec §5): pages through the configured filter, sorted
 * by id so that pages stay stable while dossiers change, and syncs each dossier against the stored
 * canonical copy. What did not change writes nothing and sends nothing, including after a restart (the
 * comparison is against the database, not memory). A fingerprint of each record seen in this process
 * skips even the database read for records that did not move. The checkpoint lets a restarted gateway
 * finish the pass where it stopped.
 *
 * With several gateway processes, one polls at a time: the pass runs under a lease (renewed at every page)
 * that another process takes over only once it has run out, so iGate is not searched N times and two
 * processes never move the same checkpoint.
 */
export class IgatePoller extends PollLoop {
  private readonly fingerprints = new Map<string, string>();
  private readonly holder: string;
  private readonly leaseMs: number;

  constructor(
    private readonly client: IgateClient,
    private readonly config: IgatePollConfig,
    private readonly deps: AdapterDeps & { dossiers: DossierSink },
  ) {
    super({ intervalMs: config.intervalMs ?? 30_000, logger: deps.logger, name: 'igate poll' });
    this.holder = deps.instanceId ?? `${os.hostname()}-${process.pid}`;
    // Outlives the pause between passes and a slow page, so a live poller keeps it.
    this.leaseMs = 2 * (config.intervalMs ?? 30_000) + 3 * (config.timeoutMs ?? 10_000);
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
    if (!(await this.deps.state.lease(LEASE_KEY, this.holder, this.leaseMs))) return;
    const saved = (await this.deps.state.read<PollCheckpoint>(CHECKPOINT_KEY)) ?? { page: 0, passes: 0 };
    let checkpoint: PollCheckpoint =
      saved.page === 0 ? { ...saved, passStartedAt: new Date().toISOString() } : saved;
    const firstPage = checkpoint.page;
    for (let page = firstPage; !this.stopped; page++) {
      // Renewed before every later page: a process that lost it (stalled past its lease) stops here.
      if (page > firstPage && !(await this.deps.state.lease(LEASE_KEY, this.holder, this.leaseMs))) return;
      const { data } = await this.client.search(this.params(page), {
        timeoutMs: this.config.timeoutMs ?? 10_000,
      });
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
    const json = JSON.stringify(record);
    const id = (record as { id?: unknown }).id;
    const fingerprint = createHash('sha256').update(json).digest('base64url');
    if (typeof id === 'string' && this.fingerprints.get(id) === fingerprint) return;
    try {
      await ingestIgateDossier(this.deps, record, {
        contentType: 'application/json',
        body: Buffer.from(json),
      });
      if (typeof id === 'string') this.fingerprints.set(id, fingerprint);
    } catch (err) {
      // A refused record is logged (by the dossier service, with its reason) and does not stop the pass;
      // an infrastructure failure does, and the pass is tried again.
      if (err instanceof LtError && !err.retryable) {
        this.deps.logger.warn({ code: err.code, detail: err.message, igateId: id }, 'igate dossier refused');
        if (typeof id === 'string') this.fingerprints.set(id, fingerprint);
        return;
      }
      throw err;
    }
  }
}
