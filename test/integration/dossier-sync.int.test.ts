import { DossierService } from '../../src/dossier/service';
import type { Router } from '../../src/dossier/service';
import type { DossierSnapshot, SyncInput } from '../../src/dossier/sync';
import type { DossierStatus } from '../../src/model';
import { silentLogger } from '../../src/observability/logger';
import type { QueueHandoff } from '../../src/queue/outbox';
import { openDb } from '../../src/store';
import type { Db } from '../../src/store';
import { newDossier } from './support/driver';
import { createTestDatabase } from './support/services';

/** Subscribes every target to every event and records what the service asked it. */
class RecordingRouter implements Router {
  readonly asked: string[] = [];
  readonly handoffs: QueueHandoff[] = [];
  constructor(private readonly targets: string[]) {}
  targetsFor(eventType: string): string[] {
    this.asked.push(eventType);
    return [...this.targets];
  }
  handoff(handoffs: QueueHandoff[]): void {
    this.handoffs.push(...handoffs);
  }
}

const T0 = Date.parse('2026-03-02T02:00:00.000Z');
/** The n-th minute after T0, as the partner's clock says. */
const at = (n: number): string => new Date(T0 + n * 60_000).toISOString();

function snapshot(
  code: string,
  status: DossierStatus,
  extra: Partial<DossierSnapshot> = {},
): DossierSnapshot {
  const base = newDossier(code) as unknown as DossierSnapshot;
  return {
    ...base,
    status,
    times: { submittedAt: at(0), ...(status === 'registered' ? {} : { receivedAt: at(1) }) },
    externalIds: { igate: `ig-${code}` },
    ...extra,
  };
}

function input(s: DossierSnapshot, observedAt: string, extra: Partial<SyncInput> = {}): SyncInput {
  return { snapshot: s, observedAt, actor: 'igate', ...extra };
}

describe('DossierService.sync over PostgreSQL', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let db: Db;
  let router: RecordingRouter;
  let verdicts: Array<[string, string]>;
  let service: DossierService;

  beforeAll(async () => {
    scratch = await createTestDatabase();
    db = await openDb({ databaseUrl: scratch.url, dataDir: '/tmp' });
  });

  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  beforeEach(() => {
    router = new RecordingRouter(['igate', 'dvcqg', 'webhook']);
    verdicts = [];
    service = new DossierService(db, router, silentLogger, (system, verdict) =>
      verdicts.push([system, verdict]),
    );
  });

  const row = async (code: string) =>
    (
      await db.query<{ version: number; status: string }>(
        'SELECT version, status FROM dossiers WHERE code = $1',
        [code],
      )
    ).rows[0];
  const eventCount = async (code: string) =>
    (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossier_events WHERE dossier_code = $1', [
        code,
      ])
    ).rows[0].n;
  const outboxTargets = async (eventId: string) =>
    (
      await db.query<{ target: string }>('SELECT target FROM outbox WHERE event_id = $1 ORDER BY target', [
        eventId,
      ])
    ).rows.map((r) => r.target);

  it('creates, changes, then writes nothing for a snapshot that did not move', async () => {
    const code = 'SYNC-OUTCOMES-1';
    const created = await service.sync(input(snapshot(code, 'registered'), at(0)), { system: 'igate' });
    expect(created).toMatchObject({ outcome: 'created', status: 201 });
    expect(created.dossier.version).toBe(1);
    expect(created.eventId).not.toBe('');
    expect(await row(code)).toEqual({ version: 1, status: 'registered' });

    const changed = await service.sync(input(snapshot(code, 'received'), at(5)), { system: 'igate' });
    expect(changed).toMatchObject({ outcome: 'changed', status: 200 });
    expect(changed.dossier.version).toBe(2);
    expect(changed.dossier.progress.map((p) => p.status)).toEqual(['registered', 'received']);
    expect(await row(code)).toEqual({ version: 2, status: 'received' });

    const handoffsBefore = router.handoffs.length;
    const again = await service.sync(input(snapshot(code, 'received'), at(9)), { system: 'igate' });
    expect(again).toMatchObject({ outcome: 'unchanged', eventId: '', status: 200 });
    expect(again.dossier.version).toBe(2);
    expect(await row(code)).toEqual({ version: 2, status: 'received' });
    expect(await eventCount(code)).toBe(2);
    expect(router.handoffs.length).toBe(handoffsBefore);
    expect(verdicts).toEqual([
      ['igate', 'accepted'],
      ['igate', 'accepted'],
      ['igate', 'duplicate'],
    ]);
  });

  it('with ifAbsent, leaves an existing dossier alone', async () => {
    const code = 'SYNC-IFABSENT-1';
    await service.sync(input(snapshot(code, 'received'), at(0)), { system: 'igate' });
    const before = await eventCount(code);
    const result = await service.sync(
      input(snapshot(code, 'processing', { summary: 'would change' }), at(10), {
        ifAbsent: true,
        actor: 'dvcqg',
      }),
      { system: 'dvcqg' },
    );
    expect(result.outcome).toBe('unchanged');
    expect(result.dossier.version).toBe(1);
    expect(result.dossier.status).toBe('received');
    expect(await row(code)).toEqual({ version: 1, status: 'received' });
    expect(await eventCount(code)).toBe(before);
  });

  it('with ifAbsent, still creates a dossier it does not have', async () => {
    const code = 'SYNC-IFABSENT-2';
    const result = await service.sync(input(snapshot(code, 'received'), at(0), { ifAbsent: true }), {
      system: 'dvcqg',
    });
    expect(result.outcome).toBe('created');
    expect(await row(code)).toEqual({ version: 1, status: 'received' });
  });

  it('does not route a change back to the system it came from', async () => {
    const fromIgate = await service.sync(input(snapshot('SYNC-ROUTE-1', 'received'), at(0)), {
      system: 'igate',
    });
    expect(await outboxTargets(fromIgate.eventId)).toEqual(['dvcqg', 'webhook']);
    expect(router.handoffs.map((h) => h.target).sort()).toEqual(['dvcqg', 'webhook']);

    const fromDvcqg = await service.sync(input(snapshot('SYNC-ROUTE-2', 'received'), at(0)), {
      system: 'dvcqg',
    });
    expect(await outboxTargets(fromDvcqg.eventId)).toEqual(['igate', 'webhook']);
  });

  it('logs the accepted evidence bytes given in options.evidence', async () => {
    const code = 'SYNC-EVIDENCE-1';
    const body = Buffer.from('{"id":"ig-1","code":"SYNC-EVIDENCE-1","raw":"native bytes"}');
    const result = await service.sync(input(snapshot(code, 'received'), at(0)), {
      system: 'igate',
      evidence: { contentType: 'application/json; charset=utf-8', body },
    });
    const logged = await db.query<{
      verdict: string;
      system: string;
      content_type: string;
      body: Buffer;
      correlation_id: string;
    }>(
      `SELECT verdict, system, content_type, body, correlation_id FROM message_log WHERE dossier_code = $1`,
      [code],
    );
    expect(logged.rows).toHaveLength(1);
    expect(logged.rows[0]).toMatchObject({
      verdict: 'accepted',
      system: 'igate',
      content_type: 'application/json; charset=utf-8',
      correlation_id: result.eventId,
    });
    expect(Buffer.compare(logged.rows[0].body, body)).toBe(0);
  });

  it('refuses a move out of a terminal status and logs the refusal with the evidence bytes', async () => {
    const code = 'SYNC-TERMINAL-1';
    await service.sync(input(snapshot(code, 'processing'), at(0)), { system: 'igate' });
    await service.sync(input(snapshot(code, 'returned'), at(10)), { system: 'igate' });
    expect(await row(code)).toEqual({ version: 2, status: 'returned' });

    const body = Buffer.from('{"id":"ig-SYNC-TERMINAL-1","dossierStatus":2}');
    await expect(
      service.sync(input(snapshot(code, 'processing'), at(20)), {
        system: 'igate',
        evidence: { contentType: 'application/json', body },
      }),
    ).rejects.toMatchObject({ code: 'LT_MODEL_INVALID_TRANSITION', kind: 'conflict' });

    expect(await row(code)).toEqual({ version: 2, status: 'returned' });
    expect(verdicts[verdicts.length - 1]).toEqual(['igate', 'rejected']);
    const refused = await db.query<{ system: string; detail: string; content_type: string; body: Buffer }>(
      `SELECT system, detail, content_type, body FROM message_log
        WHERE dossier_code = $1 AND verdict = 'rejected'`,
      [code],
    );
    expect(refused.rows).toHaveLength(1);
    expect(refused.rows[0].system).toBe('igate');
    expect(refused.rows[0].detail).toMatch(/^LT_MODEL_INVALID_TRANSITION: /);
    expect(refused.rows[0].content_type).toBe('application/json');
    expect(Buffer.compare(refused.rows[0].body, body)).toBe(0);
  });
});
