import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { Logger } from '../observability/logger';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/** A running redis-server child: its process, the last lines it printed, and a promise of its exit. */
export interface RedisChild {
  readonly process: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  /** The last lines of its output, for error messages when it fails. */
  readonly tail: string[];
  running(): boolean;
}

const TAIL_LINES = 20;

/** The server flags: loopback only, AOF persistence fsynced every second, no RDB snapshots, never evict. */
export function redisServerArgs(host: string, port: number, dir: string): string[] {
  // prettier-ignore
  return [
    '--port', String(port),
    '--bind', host,
    '--dir', dir,
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    '--save', '',
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'no',
  ];
}

/**
 * Starts redis-server in the foreground. It runs in its own process group (`detached`, but never
 * `unref`'d) so that a Ctrl-C in the terminal reaches only the gateway, which drains its queue workers and
 * then stops Redis itself; the owner kills it on every exit path.
 */
export function spawnRedisServer(binary: string, args: string[], logger: Logger): RedisChild {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const tail: string[] = [];
  let done = false;
  const onLine = (line: string) => {
    if (line.trim() === '') return;
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    logger.debug({ redisServerPid: child.pid }, line);
  };
  if (child.stdout) readline.createInterface({ input: child.stdout }).on('line', onLine);
  if (child.stderr) readline.createInterface({ input: child.stderr }).on('line', onLine);
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  }).finally(() => {
    done = true;
  });
  return { process: child, exited, tail, running: () => !done };
}

/** SIGTERM (Redis then fsyncs its AOF and exits), SIGKILL if it is still there after `graceMs`. */
export async function terminate(child: RedisChild, graceMs: number): Promise<void> {
  if (!child.running()) return;
  child.process.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  const outcome = await Promise.race([child.exited, late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    child.process.kill('SIGKILL');
    await child.exited;
  }
}

export function describeExit(info: ExitInfo, tail: readonly string[]): string {
  const how = info.error
    ? info.error.message
    : info.signal
      ? `killed by ${info.signal}`
      : `exited with code ${String(info.code)}`;
  const last = tail.length > 0 ? `: ${tail[tail.length - 1]}` : '';
  return `${how}${last}`;
}
