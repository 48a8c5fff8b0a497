import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { freePort, scratchDatabase, waitFor } from '../../../bench/support';

// Shared with the benchmarks (bench/support.ts); the tests import them from here.
export { freePort, waitFor };

/** The real services of this machine; CI starts them before the tests (see .ci/run). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A fresh PostgreSQL database per test file, dropped afterwards, so tests never see each other's rows. */
export function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return scratchDatabase(TEST_DATABASE_URL, uniqueName('lt_it'));
}

/** A dedicated redis-server child (no persistence), for tests that restart Redis without disturbing others. */
export interface RedisChild {
  url: string;
  port: number;
  kill(): Promise<void>;
  start(): Promise<void>;
}

export async function startRedisChild(): Promise<RedisChild> {
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const ping = () =>
    new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('error', () => resolve(false));
      s.once('connect', () => s.write('PING\r\n'));
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
    });
  const child: RedisChild = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      await waitFor('redis child to answer', async () => ((await ping()) ? true : undefined), 10_000);
    },
    async kill() {
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise((r) => proc!.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
    },
  };
  await child.start();
  return child;
}
