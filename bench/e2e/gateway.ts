import path from 'node:path';
import { Redis } from 'ioredis';
import { spawnGateway, writeConfig } from '../gateway-process';
import { scratchDatabase } from '../support';
import { CONCURRENCY, DATABASE_URL, DVCQG_LOGIN, OPERATOR_KEY, REDIS_URL } from './config';
import { onCleanup, scratchDir } from './cleanup';

/**
 * The compiled gateway on a scratch PostgreSQL database and a scratch Redis prefix, taking iGate pushes and
 * delivering to the portal at `dvcqgUrl`; everything it made is removed at cleanup.
 */
export async function startGateway(
  igateUrl: string,
  dvcqgUrl: string,
): Promise<{ url: string; pid?: number }> {
  const stamp = Date.now().toString(36);
  const db = await scratchDatabase(DATABASE_URL, `lt_bench_e2e_${stamp}`);
  onCleanup(() => db.drop());
  const prefix = `ltbenche2e${stamp}`;
  onCleanup(() => dropRedisKeys(prefix));
  const dir = scratchDir('lt-bench-e2e-');
  const config = writeConfig(
    {
      gateway: { dataDir: path.join(dir, 'data'), logLevel: 'warn', shutdownTimeoutMs: 5000 },
      auth: { apiKeys: [{ name: 'bench', key: OPERATOR_KEY, role: 'operator' }] },
      delivery: {
        queuePrefix: prefix,
        concurrency: CONCURRENCY,
        policy: { backoff: { initialMs: 200, maxMs: 2000 } },
      },
      systems: {
        igate: {
          baseUrl: igateUrl,
          clientId: 'lienthong',
          clientSecret: 'sandbox-secret',
          poll: { enabled: false },
        },
        dvcqg: { baseUrl: dvcqgUrl, ...DVCQG_LOGIN },
      },
    },
    dir,
  );
  const gw = await spawnGateway(
    { DATABASE_URL: db.url, REDIS_URL, LIENTHONG_CONFIG: config },
    { readyTimeoutMs: 60_000 },
  );
  onCleanup(() => gw.stop(5000));
  return { url: gw.url, pid: gw.proc.pid };
}

async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
