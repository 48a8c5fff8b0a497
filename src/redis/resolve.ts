import { LtError } from '../errors';
import type { Logger } from '../observability/logger';
import { findRedisServer } from './binary';
import { startManagedRedis, type ManagedRedis } from './managed';
import { probeRedis } from './probe';

export interface ResolveRedisOptions {
  /** `REDIS_URL`; when set it is used as is. */
  redisUrl?: string;
  /** The gateway data folder; a managed server keeps its files in `<dataDir>/redis`. */
  dataDir: string;
  logger: Logger;
  /** Where a local Redis is looked for (tests move it). @defaultValue { host: '127.0.0.1', port: 6379 } */
  local?: { host: string; port: number };
  /** redis-server locations to try, in order. @defaultValue PATH entries, /usr/bin, /usr/local/bin, /usr/sbin */
  redisServerCandidates?: string[];
  /** @defaultValue 10000 */
  readyTimeoutMs?: number;
}

export interface ResolvedRedis {
  url: string;
  /** Present when the gateway started redis-server itself; stop it after the queues are closed. */
  managed?: ManagedRedis;
}

export const LOCAL_REDIS = { host: '127.0.0.1', port: 6379 };

/**
 * Finds a Redis for the queues, so that the gateway runs on a bare machine: `REDIS_URL`, else a Redis
 * answering on 127.0.0.1:6379, else a redis-server child the gateway starts and stops with itself.
 *
 * @throws LtError `LT_REDIS_UNAVAILABLE` when none of the three is possible (its message is meant to be printed
 *   as is), `LT_REDIS_START_FAILED`, `LT_REDIS_DATA_DIR_BUSY`.
 */
export async function resolveRedis(options: ResolveRedisOptions): Promise<ResolvedRedis> {
  const { logger } = options;
  if (options.redisUrl) return { url: options.redisUrl };

  const { host, port } = options.local ?? LOCAL_REDIS;
  const answer = await probeRedis(host, port);
  if (answer === 'pong') {
    logger.info(`REDIS_URL is unset; using the Redis answering on ${host}:${port}`);
    return { url: `redis://${host}:${port}` };
  }
  if (answer === 'auth') {
    logger.warn(
      `The Redis on ${host}:${port} requires a password: set REDIS_URL to use it. Starting a private one.`,
    );
  }

  const binary = findRedisServer(options.redisServerCandidates);
  if (!binary) {
    throw new LtError(
      'LT_REDIS_UNAVAILABLE',
      'unavailable',
      `No Redis: REDIS_URL is unset, nothing answers on ${host}:${port} and no redis-server binary was found. ` +
        'Install Redis (Debian/Ubuntu: apt-get install redis-server) or set REDIS_URL.',
    );
  }
  const managed = await startManagedRedis({
    binary,
    dataDir: options.dataDir,
    logger,
    host,
    preferredPort: port,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  logger.info({ pid: managed.pid, binary }, `REDIS_URL is unset; started redis-server at ${managed.url}`);
  return { url: managed.url, managed };
}
