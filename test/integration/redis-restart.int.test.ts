import { EVENTS_PER_DOSSIER, dossierCode, driveDossiers, orderProblems } from './support/driver';
import { startScenario } from './support/scenario';
import type { Scenario } from './support/scenario';
import { startRedisChild, waitFor } from './support/services';
import type { RedisChild } from './support/services';

describe('(d) Redis restarted empty in the middle of a run', () => {
  let s: Scenario | undefined;
  let redis: RedisChild | undefined;

  afterEach(async () => {
    await s?.close();
    await redis?.kill();
  });

  it('loses nothing and keeps order: the outbox puts back what Redis forgot', async () => {
    // A Redis of our own, without persistence: a restart really wipes every queue key.
    redis = await startRedisChild();
    const r = redis;
    s = await startScenario({
      processes: 2,
      concurrency: 4,
      redisUrl: r.url,
      faults: { failureRate: 0.1, timeoutRate: 0.05, timeoutMs: 700, seed: 3 },
    });
    const sc = s;
    const run = 'D' + Date.now().toString().slice(-5);
    const codes = Array.from({ length: 200 }, (_, i) => dossierCode(i, run));
    const driving = driveDossiers(() => sc.gateways.map((g) => g.url), codes, 16);
    await waitFor(
      'some traffic',
      () => (sc.receiver.state.received.length > 400 ? true : undefined),
      120_000,
    );
    await r.kill();
    await new Promise((res) => setTimeout(res, 1500));
    await r.start();
    await driving;
    const total = codes.length * EVENTS_PER_DOSSIER;
    await waitFor(
      `${total} unique messages`,
      () => (new Set(sc.receiver.state.received.map((x) => x.messageId)).size >= total ? true : undefined),
      180_000,
      250,
    );
    expect(orderProblems(sc.receiver.state.received, codes, EVENTS_PER_DOSSIER)).toEqual([]);
  });
});
