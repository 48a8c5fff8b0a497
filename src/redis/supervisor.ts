import type { Logger } from '../observability/logger';
import { describeExit, spawnRedisServer, terminate, type RedisChild } from './child';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const RESTART_DELAY_MS = 1000;
const MAX_RESTARTS_PER_MINUTE = 5;

/**
 * Keeps a managed redis-server alive while the gateway runs and makes sure it does not outlive it:
 * - an unexpected exit is logged and the server restarted on the same port and folder (a few times a minute
 *   at most; BullMQ connections reconnect on their own);
 * - on process exit (normal, `process.exit`, uncaught exception) it is sent SIGTERM;
 * - on SIGINT/SIGTERM/SIGHUP with no other handler installed, it is stopped and the signal's default action
 *   then ends the gateway. When the gateway has its own handler, that handler drains and calls `stop()`, so
 *   Redis outlives the drain.
 */
export class Supervisor {
  onRestart?: (pid: number) => void;
  private child: RedisChild;
  private stopping?: Promise<void>;
  private restarts: number[] = [];
  private restartTimer?: NodeJS.Timeout;
  private readonly onExit = () => {
    if (this.child.running()) this.child.process.kill('SIGTERM');
  };
  private readonly onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    this.detach();
    this.onExit();
    process.kill(process.pid, signal);
  };

  constructor(
    private readonly options: {
      binary: string;
      args: string[];
      logger: Logger;
      graceMs: number;
      child: RedisChild;
    },
  ) {
    this.child = options.child;
    this.watch(this.child);
    process.on('exit', this.onExit);
    for (const s of SIGNALS) process.on(s, this.onSignal);
  }

  get pid(): number | undefined {
    return this.child.process.pid;
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      clearTimeout(this.restartTimer);
      await terminate(this.child, this.options.graceMs);
      this.detach();
    })();
    return this.stopping;
  }

  private detach(): void {
    process.off('exit', this.onExit);
    for (const s of SIGNALS) process.off(s, this.onSignal);
  }

  private watch(child: RedisChild): void {
    void child.exited.then((info) => {
      if (this.stopping || child !== this.child) return;
      const now = Date.now();
      this.restarts = this.restarts.filter((t) => now - t < 60000);
      const detail = describeExit(info, child.tail);
      if (this.restarts.length >= MAX_RESTARTS_PER_MINUTE) {
        this.options.logger.error({ detail }, 'managed redis-server keeps exiting; not restarting it again');
        return;
      }
      this.options.logger.error({ detail }, 'managed redis-server exited unexpectedly; restarting it');
      this.restarts.push(now);
      this.restartTimer = setTimeout(() => this.respawn(), RESTART_DELAY_MS);
    });
  }

  private respawn(): void {
    if (this.stopping) return;
    this.child = spawnRedisServer(this.options.binary, this.options.args, this.options.logger);
    this.watch(this.child);
    if (this.child.process.pid !== undefined) this.onRestart?.(this.child.process.pid);
  }
}
