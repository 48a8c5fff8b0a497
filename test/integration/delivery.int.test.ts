import { Client } from 'pg';
import { EVENTS_PER_DOSSIER, dossierCode, driveDossiers, orderProblems } from './support/driver';
import { startScenario } from './support/scenario';
import type { Scenario } from './support/scenario';
import { waitFor } from './support/services';

const DOSSIERS = 500;

async function outboxStates(databaseUrl: string): Promise<Record<string, number>> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  const res = await c.query<{ state: string; n: string }>(
    'SELECT state, count(*) AS n FROM outbox GROUP BY state',
  );
  await c.end();
  return Object.fromEntries(res.rows.map((r) => [r.state, Number(r.n)]));
}

async function expectAllDeliveredInOrder(s: Scenario, codes: string[]): Promise<void> {
  const total = codes.length * EVENTS_PER_DOSSIER;
  await waitFor(
    `${total} unique messages at the receiver`,
    () => (new Set(s.receiver.state.received.map((r) => r.messageId)).size >= total ? true : undefined),
    180_000,
    250,
  );
  expect(orderProblems(s.receiver.state.received, codes, EVENTS_PER_DOSSIER)).toEqual([]);
  await waitFor('every outbox row delivered', async () => {
    const states = await outboxStates(s.databaseUrl);
    return states.delivered === total && Object.keys(states).length === 1 ? true : undefined;
  });
}

describe('delivery engine with 2 gateway processes and a faulty receiver', () => {
  let scenario: Scenario | undefined;

  afterEach(async () => {
    await scenario?.close();
    scenario = undefined;
  });

  it('(a) delivers 500 dossiers x 10 events in order, none missing, through 5xx and timeouts', async () => {
    scenario = await startScenario({
      processes: 2,
      concurrency: 4,
      faults: { failureRate: 0.15, timeoutRate: 0.08, timeoutMs: 700, seed: 42 },
    });
    const s = scenario;
    const run = 'A' + Date.now().toString().slice(-5);
    const codes = Array.from({ length: DOSSIERS }, (_, i) => dossierCode(i, run));
    await driveDossiers(() => s.gateways.map((g) => g.url), codes, 24);
    await expectAllDeliveredInOrder(s, codes);
    const { answers, received } = s.receiver.state;
    // The faults really happened: at least 20 % of requests failed (5xx) or timed out (recorded, answered late).
    const requests = received.length + answers.failed;
    expect((answers.failed + answers.delayed) / requests).toBeGreaterThanOrEqual(0.2);
    expect(answers.refused).toBe(0);
    // Every dossier carried a citizen ID number; none may reach a log line.
    for (const g of s.gateways) expect(g.output()).not.toContain('001099000001');
  });

  it('(b) loses nothing and keeps order when one gateway process is killed with SIGKILL mid-run', async () => {
    scenario = await startScenario({
      processes: 2,
      concurrency: 4,
      faults: { failureRate: 0.15, timeoutRate: 0.08, timeoutMs: 700, seed: 7 },
    });
    const s = scenario;
    const run = 'B' + Date.now().toString().slice(-5);
    const codes = Array.from({ length: DOSSIERS }, (_, i) => dossierCode(i, run));
    const victim = s.gateways[0];
    let alive = s.gateways.map((g) => g.url);
    const driving = driveDossiers(() => alive, codes, 24);
    await waitFor(
      'a quarter of the traffic',
      () => (s.receiver.state.received.length > 1200 ? true : undefined),
      120_000,
    );
    await victim.kill9();
    alive = alive.filter((u) => u !== victim.url);
    await driving;
    await expectAllDeliveredInOrder(s, codes);
    expect(victim.proc.signalCode).toBe('SIGKILL');
  });
});
