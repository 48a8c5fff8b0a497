import { startWebhookSimulator } from '../../../adapters/webhook/simulator';
import type { RunningWebhookSimulator, StartOptions } from '../../../adapters/webhook/simulator';
import { OPERATOR_KEY, spawnGateway, writeConfig } from './gateway-process';
import type { GatewayProcess } from './gateway-process';
import { TEST_REDIS_URL, createTestDatabase, uniqueName } from './services';

/**
 * One delivery scenario: a fresh PostgreSQL database, a unique BullMQ prefix, a webhook receiver with
 * faults, and N gateway processes sharing them.
 */
export interface Scenario {
  receiver: RunningWebhookSimulator;
  gateways: GatewayProcess[];
  databaseUrl: string;
  prefix: string;
  configPath: string;
  env: Record<string, string>;
  addGateway(): Promise<GatewayProcess>;
  close(): Promise<void>;
}

export interface ScenarioOptions {
  processes: number;
  concurrency: number;
  faults: StartOptions;
  redisUrl?: string;
  attempts?: number;
  /** Per-attempt time limit; short by default so the receiver's late answers count as timeouts. */
  timeoutMs?: number;
}

export async function startScenario(o: ScenarioOptions): Promise<Scenario> {
  const db = await createTestDatabase();
  const receiver = await startWebhookSimulator(o.faults);
  const prefix = uniqueName('lt_it');
  const configPath = writeConfig({
    gateway: { shutdownTimeoutMs: 5000, logLevel: 'warn' },
    auth: { apiKeys: [{ name: 'integration', key: OPERATOR_KEY, role: 'operator' }] },
    delivery: {
      queuePrefix: prefix,
      concurrency: o.concurrency,
      sweepIntervalMs: 500,
      staleAfterMs: 3000,
      leaseMarginMs: 1000,
      lockDurationMs: Math.max(4000, (o.timeoutMs ?? 0) + 2000),
      policy: {
        attempts: o.attempts ?? 40,
        backoff: { initialMs: 50, maxMs: 800, factor: 2, jitter: 0.3 },
        timeoutMs: o.timeoutMs ?? 400,
        circuitBreaker: { failureThreshold: 25, openMs: 300 },
      },
    },
    systems: { webhook: { enabled: true, baseUrl: `${receiver.url}/events` } },
  });
  const env = { DATABASE_URL: db.url, REDIS_URL: o.redisUrl ?? TEST_REDIS_URL, LIENTHONG_CONFIG: configPath };
  const scenario: Scenario = {
    receiver,
    gateways: [],
    databaseUrl: db.url,
    prefix,
    configPath,
    env,
    async addGateway() {
      const g = await spawnGateway(env);
      scenario.gateways.push(g);
      return g;
    },
    async close() {
      await Promise.all(scenario.gateways.map((g) => g.kill9()));
      await receiver.close();
      await db.drop();
    },
  };
  // Started one after the other: both run migrations, the advisory lock makes the second wait.
  await Promise.all(Array.from({ length: o.processes }, () => scenario.addGateway()));
  return scenario;
}
