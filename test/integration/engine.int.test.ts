import type { ConnectionOptions } from 'bullmq';
import { createWebhookAdapter } from '../../adapters/webhook/client';
import { startWebhookSimulator } from '../../adapters/webhook/simulator';
import type { RunningWebhookSimulator } from '../../adapters/webhook/simulator';
import type { RetryPolicy } from '../../src/adapter/contract';
import { DossierService } from '../../src/dossier/service';
import { silentLogger } from '../../src/observability/logger';
import { createMetrics } from '../../src/observability/metrics';
import { DeliveryEngine } from '../../src/queue/engine';
import { redisConnectionOptions } from '../../src/redis';
import { openDb } from '../../src/store';
import type { Db } from '../../src/store';
import { sealMessageLog, verifyMessageLog } from '../../src/store/message-log';
import { takeLeases } from '../../src/queue/lease';
import { newDossier } from './support/driver';
import { TEST_REDIS_URL, createTestDatabase, uniqueName, waitFor } from './support/services';

const policy: RetryPolicy = {
  attempts: 3,
  backoff: { initialMs: 50, maxMs: 200, factor: 2, jitter: 0 },
  timeoutMs: 500,
  circuitBreaker: { failureThreshold: 100, openMs: 200 },
};

interface Rig {
  db: Db;
  engine: DeliveryEngine;
  service: DossierService;
  receiver: RunningWebhookSimulator;
  metrics: ReturnType<typeof createMetrics>;
  close(): Promise<void>;
}

async function rig(p: RetryPolicy = policy, staleAfterMs = 500): Promise<Rig> {
  const t = await createTestDatabase();
  const db = await openDb({ databaseUrl: t.url, dataDir: '/tmp' });
  const receiver = await startWebhookSimulator({ seed: 1 });
  const metrics = createMetrics({ defaultMetrics: false });
  const engine = new DeliveryEngine({
    db,
    connection: redisConnectionOptions(TEST_REDIS_URL) as ConnectionOptions,
    prefix: uniqueName('lt_eng'),
    targets: [
      {
        adapter: createWebhookAdapter(
          { baseUrl: `${receiver.url}/events`, subscribe: ['vn.lienthong.dossier.*'] },
          {
            logger: silentLogger,
          },
        ),
        policy: p,
      },
    ],
    metrics,
    logger: silentLogger,
    concurrency: 4,
    sweepIntervalMs: 200,
    staleAfterMs,
    leaseMarginMs: 300,
    lockDurationMs: 3000,
  });
  const service = new DossierService(db, engine, silentLogger);
  return {
    db,
    engine,
    service,
    receiver,
    metrics,
    async close() {
      await engine.obliterate();
      await engine.stop(2000);
      await db.close();
      await receiver.close();
      await t.drop();
    },
  };
}

describe('delivery engine (in process, real PostgreSQL and Redis)', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  it('the sweep finds rows whose queue job was lost and delivers them in order', async () => {
    r = await rig();
    const { service, db, engine, receiver } = r;
    // Producing without the engine running, then wiping the queue: what a crash after commit, or Redis
    // restarted empty, leaves behind.
    await service.create(newDossier('SWEEP-1'), 'test');
    await service.transition('SWEEP-1', { to: 'received' }, 'test');
    await engine.obliterate();
    const states = await db.query<{ state: string }>('SELECT state FROM outbox ORDER BY seq');
    expect(states.rows.map((x) => x.state)).toEqual(['enqueued', 'pending']);
    engine.start();
    await waitFor(
      'both delivered',
      () => (receiver.state.byDossier('SWEEP-1').length === 2 ? true : undefined),
      20_000,
    );
    expect(receiver.state.received.map((x) => x.seq)).toEqual([1, 2]);
  });

  it('honours Retry-After, gives up after the policy attempts and dead-letters with the reason', async () => {
    r = await rig();
    const { service, db, engine, receiver } = r;
    receiver.setFaults({ rateLimitRate: 1 });
    engine.start();
    await service.create(newDossier('RL-1'), 'test');
    await waitFor(
      'dead letter',
      async () => {
        const res = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM dead_letters WHERE dossier_code = 'RL-1'`,
        );
        return res.rows[0].n === 1 ? true : undefined;
      },
      30_000,
    );
    const attempts = await db.query<{ started_at: Date; finished_at: Date; http_status: number }>(
      'SELECT started_at, finished_at, http_status FROM delivery_attempts ORDER BY id',
    );
    expect(attempts.rows).toHaveLength(3);
    expect(attempts.rows.every((a) => a.http_status === 429)).toBe(true);
    // The simulator asks for Retry-After: 1; the policy alone would wait at most 200 ms.
    const gap = attempts.rows[1].started_at.getTime() - attempts.rows[0].finished_at.getTime();
    expect(gap).toBeGreaterThanOrEqual(900);
    const dl = await db.query<{ error: string; attempts: number }>(
      'SELECT error, attempts FROM dead_letters',
    );
    expect(dl.rows[0]).toMatchObject({ attempts: 3 });
    expect(dl.rows[0].error).toMatch(/^gave up after 3 attempts/);
  });

  it('gives the lease of a message to one of two duplicate jobs in the same batch; the other waits', async () => {
    r = await rig();
    const { service, db } = r;
    await service.create(newDossier('LEASE-1'), 'test');
    const row = await db.query<{ id: number }>(`SELECT id FROM outbox WHERE dossier_code = 'LEASE-1'`);
    const id = row.rows[0].id;
    const out = await takeLeases(db, [
      { outboxId: id, token: 'first', leaseMs: 5000 },
      { outboxId: id, token: 'second', leaseMs: 5000 },
    ]);
    expect(out.map((o) => o.kind).sort()).toEqual(['busy', 'leased']);
    const holder = await db.query<{ lease_token: string; attempts: number }>(
      'SELECT lease_token, attempts FROM outbox WHERE id = $1',
      [id],
    );
    const winner = out[0].kind === 'leased' ? 'first' : 'second';
    expect(holder.rows[0]).toEqual({ lease_token: winner, attempts: 1 });
    // While the lease runs, a third job is told to wait too.
    expect((await takeLeases(db, [{ outboxId: id, token: 'third', leaseMs: 5000 }]))[0].kind).toBe('busy');
  });

  it('an Idempotency-Key replays the first answer and makes no second change', async () => {
    r = await rig();
    const { service, db } = r;
    const idem = { scope: 'POST /api/v1/dossiers', key: 'k-1', requestSha256: 'a'.repeat(64) };
    const first = await service.create(newDossier('IDEM-1'), 'test', { idempotency: idem });
    const again = await service.create(newDossier('IDEM-1'), 'test', { idempotency: idem });
    expect(again).toMatchObject({ replayed: true, eventId: first.eventId, status: 201 });
    await expect(
      service.create(newDossier('IDEM-1'), 'test', {
        idempotency: { ...idem, requestSha256: 'b'.repeat(64) },
      }),
    ).rejects.toMatchObject({ code: 'LT_HTTP_IDEMPOTENCY_MISMATCH' });
    const events = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossier_events');
    expect(events.rows[0].n).toBe(1);
  });

  it('serialises racing writers of one dossier: the loser re-reads and is judged on the new state', async () => {
    r = await rig();
    const { service, db } = r;
    await service.create(newDossier('RACE-1'), 'test');
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => service.transition('RACE-1', { to: 'received' }, 'test')),
    );
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    for (const x of results.filter((y) => y.status === 'rejected')) {
      expect((x as PromiseRejectedResult).reason).toMatchObject({ code: 'LT_MODEL_INVALID_TRANSITION' });
    }
    const rows = await db.query<{ version: number; seqs: number[] }>(
      `SELECT (SELECT version FROM dossiers WHERE code = 'RACE-1') AS version,
              (SELECT array_agg(seq ORDER BY seq) FROM outbox WHERE dossier_code = 'RACE-1') AS seqs`,
    );
    expect(rows.rows[0]).toEqual({ version: 2, seqs: [1, 2] });
  });

  it('one Idempotency-Key raced by two different creates: one is applied, the other refused', async () => {
    r = await rig();
    const { service, db } = r;
    const key = { scope: 'POST /api/v1/dossiers', key: 'shared-key' };
    const results = await Promise.allSettled([
      service.create(newDossier('IK-A'), 'test', { idempotency: { ...key, requestSha256: 'a'.repeat(64) } }),
      service.create(newDossier('IK-B'), 'test', { idempotency: { ...key, requestSha256: 'b'.repeat(64) } }),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'LT_HTTP_IDEMPOTENCY_MISMATCH' });
    const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
    expect(n.rows[0].n).toBe(1);
  });

  it('refuses an impossible transition and stores nothing', async () => {
    r = await rig();
    const { service, db } = r;
    await service.create(newDossier('SM-1'), 'test');
    await expect(service.transition('SM-1', { to: 'returned' }, 'test')).rejects.toMatchObject({
      code: 'LT_MODEL_INVALID_TRANSITION',
    });
    const counts = await db.query<{ e: number; o: number; v: number }>(
      `SELECT (SELECT count(*)::int FROM dossier_events) AS e, (SELECT count(*)::int FROM outbox) AS o,
              (SELECT version FROM dossiers WHERE code = 'SM-1') AS v`,
    );
    expect(counts.rows[0]).toEqual({ e: 1, o: 1, v: 1 });
    // Only the refusal itself is kept, as evidence, with its reason.
    const log = await db.query<{ direction: string; verdict: string; detail: string | null }>(
      'SELECT direction, verdict, detail FROM message_log ORDER BY id',
    );
    expect(log.rows.map((x) => x.verdict)).toEqual(['accepted', 'rejected']);
    expect(log.rows[1].detail).toMatch(/^LT_MODEL_INVALID_TRANSITION: /);
  });

  it('seals the message log into a hash chain that shows tampering', async () => {
    r = await rig();
    const { service, db, engine, receiver } = r;
    engine.start();
    await service.create(newDossier('LOG-1'), 'test');
    await service.transition('LOG-1', { to: 'received' }, 'test');
    await waitFor('delivered', () => (receiver.state.byDossier('LOG-1').length === 2 ? true : undefined));
    await waitFor('logged', async () => {
      const n = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM message_log WHERE direction = 'out'`,
      );
      return n.rows[0].n === 2 ? true : undefined;
    });
    while ((await sealMessageLog(db)) > 0);
    // Two accepted API requests (inbound) and two deliveries (outbound).
    expect(await verifyMessageLog(db)).toEqual({ ok: true, checked: 4 });
    await db.query(`UPDATE message_log SET body = convert_to('{"forged":true}', 'UTF8') WHERE chain_seq = 2`);
    expect(await verifyMessageLog(db)).toMatchObject({ ok: false, brokenAt: 2 });
    await db.query(`UPDATE message_log SET verdict = 'rejected' WHERE chain_seq = 1`);
    expect(await verifyMessageLog(db)).toMatchObject({ ok: false, brokenAt: 1 });
  });
});
