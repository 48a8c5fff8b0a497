import pino from 'pino';
import type { AdapterDeps, DossierSink } from '../../src/adapter/contract';
import { testAdapterDeps } from '../../src/adapter/__fixtures__/deps';
import type { ChangeOptions, ChangeResult } from '../../src/dossier/service';
import type { SyncInput } from '../../src/dossier/sync';
import { LtError } from '../../src/errors';
import type { Dossier } from '../../src/model';
import { MemoryStateStore } from '../../src/store/state';
import { igateFixture } from './__fixtures__';
import type { IgateClient, IgateDossier, IgatePage } from './client';
import type { IgatePollConfig } from './config';
import type { PollCheckpoint } from './poller';
import { IgatePoller } from './poller';

/** A state store that remembers every checkpoint written, in order. */
class RecordingStore extends MemoryStateStore {
  readonly checkpoints: PollCheckpoint[] = [];
  override async write(key: string, value: unknown): Promise<void> {
    if (key === 'poll') this.checkpoints.push(JSON.parse(JSON.stringify(value)) as PollCheckpoint);
    await super.write(key, value);
  }
}

/** A DossierSink that records each sync and lets a test decide, per iGate id, to throw instead. */
class FakeSink implements DossierSink {
  readonly synced: Array<{ input: SyncInput; options: ChangeOptions }> = [];
  readonly failures = new Map<string, Error>();
  async sync(input: SyncInput, options: ChangeOptions): Promise<ChangeResult> {
    const igateId = input.snapshot.externalIds?.igate ?? '';
    const failure = this.failures.get(igateId);
    if (failure) throw failure;
    this.synced.push({ input, options });
    return {
      dossier: input.snapshot as Dossier,
      eventId: `ev-${this.synced.length}`,
      outcome: 'changed',
      status: 200,
    };
  }
  async find(): Promise<Dossier | undefined> {
    return undefined;
  }
  async amend(): Promise<ChangeResult> {
    throw new Error('the iGate poller never amends');
  }
  async findByTransfer(): Promise<Dossier | undefined> {
    return undefined;
  }
  codes(): string[] {
    return this.synced.map((s) => s.input.snapshot.code);
  }
}

/** iGate's search over fixed pages; `fail` makes one page throw instead; `gate` holds a page until released. */
class FakeSearch {
  readonly asked: Array<Record<string, string | number>> = [];
  readonly fail = new Map<number, Error>();
  readonly gate = new Map<number, Promise<void>>();
  constructor(public pages: IgateDossier[][]) {}
  client(): IgateClient {
    return {
      search: (params: Record<string, string | number>) => this.search(params),
    } as unknown as IgateClient;
  }
  private async search(params: Record<string, string | number>) {
    this.asked.push(params);
    const page = Number(params.page);
    await this.gate.get(page);
    const failure = this.fail.get(page);
    if (failure) throw failure;
    const data: IgatePage = {
      content: this.pages[page] ?? [],
      last: page >= this.pages.length - 1,
      number: page,
    };
    return {
      data,
      raw: Buffer.from(JSON.stringify(data)),
      wire: { method: 'GET', url: 'x', body: Buffer.alloc(0) },
    };
  }
  pagesAsked(): number[] {
    return this.asked.map((p) => Number(p.page));
  }
}

/** An iGate dossier in the shape search returns, with its own id and code. */
function record(n: number, updatedDate = '2026-03-02T02:15:00.000+0000'): IgateDossier {
  const d = igateFixture('received-dossier');
  return {
    ...d,
    id: `69a4f2a4d84661c8e451c${String(n).padStart(3, '0')}`,
    code: `000.01.53.H48-260302-${String(n).padStart(4, '0')}`,
    updatedDate,
  };
}

/** Three pages: 2 + 2 + 1 records. */
function threePages(): IgateDossier[][] {
  return [[record(1), record(2)], [record(3), record(4)], [record(5)]];
}

const CODES = [1, 2, 3, 4, 5].map((n) => `000.01.53.H48-260302-${String(n).padStart(4, '0')}`);

function rig(
  options: {
    store?: MemoryStateStore;
    instanceId?: string;
    search?: FakeSearch;
    sink?: FakeSink;
    config?: IgatePollConfig;
  } = {},
) {
  const logger = pino({ level: 'silent' });
  const warn = jest.spyOn(logger, 'warn');
  const base = testAdapterDeps(logger);
  const store = options.store ?? new RecordingStore();
  const sink = options.sink ?? new FakeSink();
  const search = options.search ?? new FakeSearch(threePages());
  const deps: AdapterDeps & { dossiers: DossierSink } = {
    ...base,
    state: store,
    instanceId: options.instanceId ?? 'gw-1',
    dossiers: sink,
  };
  const poller = new IgatePoller(
    search.client(),
    { pageSize: 2, filters: { 'dossier-status': '2,3' }, ...options.config },
    deps,
  );
  return { poller, store, sink, search, warn };
}

describe('IgatePoller', () => {
  it('syncs every record of a pass over 3 pages and saves the checkpoint after each page', async () => {
    const { poller, store, sink, search } = rig();
    await poller.pass();
    expect(sink.codes()).toEqual(CODES);
    expect(sink.synced.every((s) => s.options.system === 'igate' && s.input.actor === 'igate')).toBe(true);
    expect(search.pagesAsked()).toEqual([0, 1, 2]);
    expect(search.asked[0]).toMatchObject({
      size: 2,
      spec: 'slice',
      sort: 'id,asc',
      'dossier-status': '2,3',
    });
    const checkpoints = (store as RecordingStore).checkpoints;
    expect(checkpoints.map((c) => [c.page, c.passes])).toEqual([
      [1, 0],
      [2, 0],
      [0, 1],
    ]);
    expect(checkpoints[0].passStartedAt).toEqual(expect.any(String));
    expect(checkpoints[2].lastPassCompletedAt).toEqual(expect.any(String));
  });

  it('a new poller resumes at the page where a failed pass stopped', async () => {
    const search = new FakeSearch(threePages());
    search.fail.set(2, new LtError('LT_IGATE_UNAVAILABLE', 'transient', 'igate: 503'));
    const first = rig({ search });
    await expect(first.poller.pass()).rejects.toMatchObject({ code: 'LT_IGATE_UNAVAILABLE' });
    expect(first.sink.codes()).toEqual(CODES.slice(0, 4));
    const saved = await first.store.read<PollCheckpoint>('poll');
    expect(saved).toMatchObject({ page: 2, passes: 0 });

    search.fail.clear();
    search.asked.length = 0;
    const restarted = rig({ search, store: first.store });
    await restarted.poller.pass();
    expect(search.pagesAsked()).toEqual([2]);
    expect(restarted.sink.codes()).toEqual(CODES.slice(4));
    expect(await restarted.store.read<PollCheckpoint>('poll')).toMatchObject({
      page: 0,
      passes: 1,
    });
  });

  it('does not sync a record seen unchanged again in the same process, but does one that moved', async () => {
    const { poller, sink, search } = rig();
    await poller.pass();
    await poller.pass();
    expect(sink.codes()).toEqual(CODES);
    expect(search.pagesAsked()).toEqual([0, 1, 2, 0, 1, 2]);

    search.pages[1][1] = record(4, '2026-03-02T03:00:00.000+0000');
    await poller.pass();
    expect(sink.codes()).toEqual([...CODES, CODES[3]]);
  });

  it('syncs everything again in a new process (the database, not memory, decides what changed)', async () => {
    const search = new FakeSearch(threePages());
    const first = rig({ search });
    await first.poller.pass();
    const second = rig({ search, store: first.store });
    await second.poller.pass();
    expect(second.sink.codes()).toEqual(CODES);
  });

  it('logs a refused record and goes on with the pass', async () => {
    const sink = new FakeSink();
    sink.failures.set(
      record(2).id,
      new LtError('LT_MODEL_INVALID_TRANSITION', 'conflict', 'returned is terminal'),
    );
    const search = new FakeSearch(threePages());
    search.pages[1].unshift({ code: 'no-id' } as unknown as IgateDossier);
    const { poller, store, warn } = rig({ sink, search });
    await poller.pass();
    expect(sink.codes()).toEqual([CODES[0], CODES[2], CODES[3], CODES[4]]);
    expect(await store.read<PollCheckpoint>('poll')).toMatchObject({ page: 0, passes: 1 });
    const refusals = warn.mock.calls.map((c) => (c[0] as unknown as { code: string }).code);
    expect(refusals).toEqual(['LT_MODEL_INVALID_TRANSITION', 'LT_IGATE_INVALID_DOSSIER']);
  });

  it.each([
    ['a retryable LtError', new LtError('LT_STORE_UNAVAILABLE', 'unavailable', 'database down')],
    ['an error that is not an LtError', new Error('connection terminated')],
  ])('stops the pass on an infrastructure failure (%s) and keeps the checkpoint', async (_name, failure) => {
    const sink = new FakeSink();
    sink.failures.set(record(3).id, failure);
    const { poller, store, search } = rig({ sink });
    await expect(poller.pass()).rejects.toBe(failure);
    expect(sink.codes()).toEqual(CODES.slice(0, 2));
    expect(search.pagesAsked()).toEqual([0, 1]);
    expect(await store.read<PollCheckpoint>('poll')).toMatchObject({ page: 1, passes: 0 });

    // Not remembered as seen: the next pass tries the record again.
    sink.failures.clear();
    await poller.pass();
    expect(sink.codes()).toEqual(CODES);
  });

  it('lets one of two pollers sharing a store pass while it holds the lease', async () => {
    const store = new RecordingStore();
    const firstSearch = new FakeSearch(threePages());
    let release!: () => void;
    firstSearch.gate.set(1, new Promise<void>((r) => (release = r)));
    const first = rig({ store, instanceId: 'gw-1', search: firstSearch });
    const second = rig({ store, instanceId: 'gw-2' });

    const running = first.poller.pass();
    // Wait until the first poller is inside its pass, holding the lease, blocked on page 1.
    while (firstSearch.asked.length < 2) await new Promise((r) => setImmediate(r));

    await second.poller.pass();
    expect(second.search.asked).toHaveLength(0);
    expect(second.sink.synced).toHaveLength(0);

    release();
    await running;
    expect(first.sink.codes()).toEqual(CODES);
    // The lease outlives the pass (it covers the pause until the next one): the second still stays out.
    await second.poller.pass();
    expect(second.search.asked).toHaveLength(0);
    expect(store.checkpoints.map((c) => c.page)).toEqual([1, 2, 0]);
  });

  it('renews its lease at every page of a pass', async () => {
    const store = new MemoryStateStore();
    const lease = jest.spyOn(store, 'lease');
    const { poller } = rig({ store });
    await poller.pass();
    // Once to start the pass, then before each further page (the class comment: "renewed at every page").
    expect(lease.mock.calls.map((c) => c[1])).toEqual(['gw-1', 'gw-1', 'gw-1']);
  });

  it('stops a pass whose lease ran out and was taken over by another poller', async () => {
    const store = new MemoryStateStore();
    const firstSearch = new FakeSearch(threePages());
    let release!: () => void;
    firstSearch.gate.set(1, new Promise<void>((r) => (release = r)));
    const first = rig({ store, instanceId: 'gw-1', search: firstSearch });
    const second = rig({ store, instanceId: 'gw-2' });
    const clock = jest.spyOn(Date, 'now');
    try {
      const running = first.poller.pass();
      while (firstSearch.asked.length < 2) await new Promise((r) => setImmediate(r));
      // The first poller hangs on page 1 past its lease (2 × 30 s interval + 3 × 10 s timeout by default).
      const later = Date.now() + 90_001;
      clock.mockImplementation(() => later);
      await second.poller.pass();
      // It takes over the half-done pass where the first one's checkpoint says.
      expect(second.search.pagesAsked()).toEqual([1, 2]);
      expect(second.sink.codes()).toEqual(CODES.slice(2));

      release();
      await running;
      // Page 1 was already asked for; page 2 must not be: the lease belongs to gw-2 now.
      expect(firstSearch.pagesAsked()).toEqual([0, 1]);
    } finally {
      clock.mockRestore();
    }
  });

  it('start() polls in the background: a failed pass is logged with its code and tried again', async () => {
    const search = new FakeSearch(threePages());
    search.fail.set(0, new LtError('LT_IGATE_UNAVAILABLE', 'transient', 'igate: 503'));
    const { poller, warn } = rig({ search, config: { intervalMs: 100 } });
    poller.start();
    try {
      while (search.asked.length < 2) await new Promise((r) => setTimeout(r, 5));
    } finally {
      await poller.stop();
    }
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'LT_IGATE_UNAVAILABLE' }),
      'igate poll pass failed; retrying at the next interval',
    );
  });

  it('stop() ends the pass under way before its next page, and waits for it', async () => {
    const search = new FakeSearch(threePages());
    let release!: () => void;
    search.gate.set(1, new Promise<void>((r) => (release = r)));
    const { poller, sink } = rig({ search });
    poller.start();
    while (search.asked.length < 2) await new Promise((r) => setImmediate(r));
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(search.pagesAsked()).toEqual([0, 1]);
    expect(sink.codes()).toEqual(CODES.slice(0, 4));
  });
});
