import net from 'node:net';
import type { RedisOptions } from 'ioredis';
import { LtError } from '../errors';

/**
 * ioredis options from a `redis://` or `rediss://` URL (`[user[:password]@]host[:port][/db]`).
 * `maxRetriesPerRequest: null` is what BullMQ requires of its connections: a command waits for the
 * connection to come back instead of failing after some retries, so a Redis restart does not fail jobs.
 *
 * @throws LtError `LT_REDIS_URL_INVALID` (the message never repeats the URL: it may hold a password).
 */
export function redisConnectionOptions(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badUrl('is not a URL');
  }
  const tls = parsed.protocol === 'rediss:';
  if (!tls && parsed.protocol !== 'redis:') throw badUrl('must start with redis:// or rediss://');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const dbText = parsed.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) throw badUrl('has a database part that is not a number');

  const options: RedisOptions = {
    host,
    port,
    db: dbText === '' ? 0 : Number(dbText),
    maxRetriesPerRequest: null,
    // Wait for a loading Redis (after a restart it replays its AOF) before sending commands.
    enableReadyCheck: true,
    connectTimeout: 10000,
  };
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  if (tls) options.tls = net.isIP(host) ? {} : { servername: host };
  return options;
}

function badUrl(reason: string): LtError {
  return new LtError('LT_REDIS_URL_INVALID', 'validation', `REDIS_URL ${reason}`);
}
