import fs from 'node:fs';
import path from 'node:path';
import { LtError } from '../errors';
import type { Logger } from '../observability/logger';

/**
 * A managed redis-server outlives its gateway only when the gateway is killed outright (SIGKILL, the OOM
 * killer). The pidfile lets the next start find such an orphan and stop it before a second server writes
 * the same append-only files; a server whose gateway is still running is refused instead (two gateways
 * must not share one data folder).
 */
export interface PidRecord {
  pid: number;
  parentPid: number;
  port: number;
}

const FILE = 'managed-redis.json';

export function writePidfile(dir: string, record: PidRecord): void {
  fs.writeFileSync(path.join(dir, FILE), JSON.stringify(record) + '\n');
}

export function removePidfile(dir: string, pid: number): void {
  if (readPidfile(dir)?.pid === pid) fs.rmSync(path.join(dir, FILE), { force: true });
}

function readPidfile(dir: string): PidRecord | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8')) as PidRecord;
    return Number.isInteger(record.pid) && Number.isInteger(record.parentPid) ? record : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // A zombie still answers signal 0; it is dead for our purpose.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

/** From /proc on Linux: whether `pid` is a redis-server and who its parent is; undefined elsewhere. */
function inspect(pid: number): { redis: boolean; ppid?: number } | undefined {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // stat: "pid (comm) state ppid ..."; comm may contain spaces and parentheses, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { redis: cmdline.includes('redis-server'), ppid };
  } catch {
    return undefined;
  }
}

/** Stops an orphaned managed redis-server left in `dir` by a gateway that died, or refuses a live one. */
export async function reclaimOrphan(dir: string, logger: Logger, graceMs: number): Promise<void> {
  const record = readPidfile(dir);
  if (!record) return;
  const gone = () => fs.rmSync(path.join(dir, FILE), { force: true });
  if (!alive(record.pid)) return gone();
  const info = inspect(record.pid);
  if (info && !info.redis) return gone(); // the pid was reused by something else
  if (!info || info.ppid === record.parentPid) {
    throw new LtError(
      'LT_REDIS_DATA_DIR_BUSY',
      'conflict',
      `${dir} is in use by redis-server (pid ${record.pid}) of gateway process ${record.parentPid}. ` +
        'Give each gateway process its own LIENTHONG_DATA_DIR, or set REDIS_URL. ' +
        `If no gateway is running, stop pid ${record.pid} and delete ${path.join(dir, FILE)}.`,
    );
  }
  logger.warn(
    { pid: record.pid, parentPid: record.parentPid },
    'stopping the redis-server left behind by a gateway process that is gone',
  );
  process.kill(record.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(record.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive(record.pid)) process.kill(record.pid, 'SIGKILL');
  for (let i = 0; i < 100 && alive(record.pid); i++) await new Promise((r) => setTimeout(r, 20));
  gone();
}
