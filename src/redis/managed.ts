import fs from 'node:fs';
import path from 'node:path';
import { LtError } from '../errors';
import type { Logger } from '../observability/logger';
import { describeExit, redisServerArgs, spawnRedisServer, terminate, type RedisChild } from './child';
import { reclaimOrphan, removePidfile, writePidfile } from './pidfile';
import { freePort, probeRedis } from './probe';
import { Supervisor } from './supervisor';

/** A redis-server the gateway started for itself, and stops with itself. */
export interface ManagedRedis {
  readonly url: string;
  /** The current server process id. */
  readonly pid: number | undefined;
  /** SIGTERM, wait for exit, SIGKILL after 5 s. Idempotent. */
  stop(): Promise<void>;
}

export interface StartManagedRedisOptions {
  binary: string;
  /** The gateway data folder; Redis writes under `<dataDir>/redis`. */
  dataDir: string;
  logger: Logger;
  /** @defaultValue '127.0.0.1' */
  host?: string;
  /** Tried first; another free port when it is taken. @defaultValue 6379 */
  preferredPort?: number;
  /** Longest wait for the first PONG (a server still loading its AOF extends it). @defaultValue 10000 */
  readyTimeoutMs?: number;
  /** Between SIGTERM and SIGKILL on stop. @defaultValue 5000 */
  stopGraceMs?: number;
}

const START_ATTEMPTS = 3;

/**
 * Starts a private redis-server (loopback only, AOF persistence under `<dataDir>/redis`, noeviction) and
 * resolves when it answers PING.
 *
 * @throws LtError `LT_REDIS_START_FAILED` with the server's last output line when it exits or stays silent;
 *   `LT_REDIS_DATA_DIR_BUSY` when another running gateway's server owns the folder.
 */
export async function startManagedRedis(options: StartManagedRedisOptions): Promise<ManagedRedis> {
  const { binary, logger } = options;
  const host = options.host ?? '127.0.0.1';
  const graceMs = options.stopGraceMs ?? 5000;
  const dir = path.resolve(options.dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  await reclaimOrphan(dir, logger, graceMs);

  let failure = 'no attempt made';
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    // Between choosing a free port and the server binding it, another process may take it: try again then.
    const port = await freePort(host, attempt === 1 ? (options.preferredPort ?? 6379) : undefined);
    const args = redisServerArgs(host, port, dir);
    const child = spawnRedisServer(binary, args, logger);
    const outcome = await waitReady(child, host, port, options.readyTimeoutMs ?? 10000);
    if (outcome === 'ready') {
      const url = `redis://${host}:${port}`;
      const supervisor = new Supervisor({ binary, args, logger, graceMs, child });
      writePidfile(dir, { pid: child.process.pid ?? 0, parentPid: process.pid, port });
      supervisor.onRestart = (pid) => writePidfile(dir, { pid, parentPid: process.pid, port });
      return {
        url,
        get pid() {
          return supervisor.pid;
        },
        async stop() {
          const pid = supervisor.pid;
          await supervisor.stop();
          if (pid !== undefined) removePidfile(dir, pid);
        },
      };
    }
    await terminate(child, 0);
    failure =
      outcome === 'timeout' ? 'it did not answer PING in time' : describeExit(await child.exited, child.tail);
    if (!child.tail.some((line) => /address already in use/i.test(line))) break;
  }
  throw new LtError(
    'LT_REDIS_START_FAILED',
    'unavailable',
    `redis-server (${binary}) did not start: ${failure}`,
  );
}

async function waitReady(
  child: RedisChild,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!child.running()) return 'exited';
    const answer = await probeRedis(host, port, 200);
    if (answer === 'pong') return 'ready';
    if (answer !== 'loading' && Date.now() > deadline) return 'timeout';
    await new Promise((r) => setTimeout(r, 50));
  }
}
