import fs from 'node:fs';
import path from 'node:path';

/** Where distribution packages put redis-server when PATH does not include it (e.g. /usr/sbin for a non-root user). */
export const REDIS_SERVER_LOCATIONS = [
  '/usr/bin/redis-server',
  '/usr/local/bin/redis-server',
  '/usr/sbin/redis-server',
];

/** The default search list: every PATH entry, then the usual install locations. */
export function redisServerCandidates(envPath = process.env.PATH ?? ''): string[] {
  const fromPath = envPath
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => path.join(dir, 'redis-server'));
  return [...new Set([...fromPath, ...REDIS_SERVER_LOCATIONS])];
}

/** The first candidate that is an executable file. */
export function findRedisServer(candidates: readonly string[] = redisServerCandidates()): string | undefined {
  return candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}
