import os from 'node:os';
import { DelayedError, Queue, Worker } from 'bullmq';
import type { ConnectionOptions, Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Adapter, RetryPolicy } from '../adapter/contract';
import type { BlobStore } from '../blob/store';
import type { DossierEventData } from '../model';
import type { GatewayMetrics } from '../observability/metrics';
import type { Db } from '../store/db';
import { sealMessageLog } from '../store/message-log';
import { Batcher } from './batcher';
import { CircuitBreaker } from './breaker';
import type { QueueHandoff } from './outbox';
import { DeliveryProcessor } from './processor';
import { sweepOnce } from './relay';

export interface EngineTarget {
  adapter: Adapter;
  policy: RetryPolicy;
}

export interface EngineOptions {
  db: Db;
  connection: ConnectionOptions;
  /** BullMQ key prefix; hash-tag it ({lt}) for Redis Cluster. */
  prefix: string;
  targets: EngineTarget[];
  metrics: GatewayMetrics;
  logger: Logger;
  /** Concurrent deliveries per target queue in this process. @defaultValue 8 */
  concurrency?: number;
  lockDurationMs?: number;
  sweepIntervalMs?: number;
  staleAfterMs?: number;
  leaseMarginMs?: number;
  /** Content-addressed store for logged bodies larger than 64 KiB. */
  blobs?: BlobStore;
  /** Run workers, sweeper and sealer here (false: produce only). @defaultValue true */
  consume?: boolean;
  instanceId?: string;
}

interface JobData {
  outboxId: number;
  messageId: string;
}

/** Raised by the processor wrapper so BullMQ schedules the retry with the delay we computed. */
class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The delivery engine: one BullMQ queue per target system, workers that run the DeliveryProcessor, the
 * outbox sweep and the message-log sealer. The database decides what is delivered; Redis only holds
 * whose turn it is, so losing Redis loses no message.
 */
export class DeliveryEngine {
  private readonly queues = new Map<string, Queue<JobData>>();
  private readonly workers: Worker<JobData>[] = [];
  private readonly targets = new Map<string, EngineTarget>();
  private readonly shutdown = new AbortController();
  private timers: NodeJS.Timeout[] = [];
  private sweeping = false;
  private sealing = false;
  readonly instanceId: string;

  constructor(private readonly opts: EngineOptions) {
    this.instanceId = opts.instanceId ?? `${os.hostname()}-${process.pid}`;
    for (const t of opts.targets) {
      this.targets.set(t.adapter.name, t);
      const queue = new Queue<JobData>(t.adapter.name, { connection: opts.connection, prefix: opts.prefix });
      queue.on('error', (err) =>
        opts.logger.warn({ target: t.adapter.name, err: err.message }, 'queue error'),
      );
      this.queues.set(t.adapter.name, queue);
    }
  }

  /** Names of the targets that receive this event (its type, and its payload when given). */
  targetsFor(eventType: string, data?: DossierEventData): string[] {
    return [...this.targets.values()]
      .filter((t) => t.adapter.subscribes(eventType, data))
      .map((t) => t.adapter.name);
  }

  get targetNames(): string[] {
    return [...this.targets.keys()];
  }

  /**
   * Puts heads on their queues after the transaction that made them heads has committed. Never throws:
   * a failure here is repaired by the sweep, and the caller's change is already safe in the database.
   */
  handoff(handoffs: QueueHandoff[]): void {
    for (const h of handoffs) {
      this.enqueuer
        .submit(h)
        .catch((err: Error) =>
          this.opts.logger.warn(
            { err: err.message, target: h.target },
            'enqueue failed; the outbox sweep will retry',
          ),
        );
    }
  }

  /** Hand-offs arriving together go to Redis in one round trip per target (see Batcher). */
  private readonly enqueuer = new Batcher<QueueHandoff, void>(
    async (items) => {
      await this.addJobs(items);
      return items.map(() => undefined);
    },
    { maxBatch: 200, maxInFlight: 2 },
  );

  private async addJobs(handoffs: QueueHandoff[]): Promise<void> {
    const byTarget = new Map<string, QueueHandoff[]>();
    for (const h of handoffs) byTarget.set(h.target, [...(byTarget.get(h.target) ?? []), h]);
    await Promise.all(
      [...byTarget].map(async ([target, list]) => {
        const queue = this.queues.get(target);
        const t = this.targets.get(target);
        if (!queue || !t) return; // a target disabled since the row was written: the row waits for it
        await queue.addBulk(
          list.map((h) => ({
            name: 'deliver',
            data: { outboxId: h.outboxId, messageId: h.messageId },
            opts: {
              jobId: h.messageId,
              delay: h.delayMs && h.delayMs > 0 ? h.delayMs : undefined,
              // BullMQ's count is a backstop only: the database's attempt count decides dead letters.
              attempts: t.policy.attempts + 3,
              backoff: { type: 'lienthong' },
              removeOnComplete: true,
              removeOnFail: true,
            },
          })),
        );
      }),
    );
  }

  start(): void {
    if (this.opts.consume === false) return;
    const lockDuration = this.opts.lockDurationMs ?? 30_000;
    for (const t of this.targets.values()) this.startWorker(t, lockDuration);
    const sweepMs = this.opts.sweepIntervalMs ?? 1000;
    this.timers.push(setInterval(() => void this.sweep(), sweepMs));
    this.timers.push(setInterval(() => void this.seal(), Math.max(250, sweepMs)));
    this.opts.metrics.circuitOpen.reset();
  }

  private startWorker(t: EngineTarget, lockDuration: number): void {
    const { metrics, logger } = this.opts;
    const name = t.adapter.name;
    const breaker = new CircuitBreaker({
      ...t.policy.circuitBreaker,
      onChange: (state) => {
        metrics.circuitOpen.set({ target: name }, state === 'open' ? 1 : 0);
        logger.warn({ target: name, state }, 'circuit breaker changed state');
      },
    });
    const processor = new DeliveryProcessor({
      db: this.opts.db,
      adapter: t.adapter,
      policy: t.policy,
      breaker,
      metrics,
      logger: logger.child({ target: name }),
      worker: this.instanceId,
      leaseMarginMs: this.opts.leaseMarginMs ?? 5000,
      shutdownSignal: this.shutdown.signal,
      blobs: this.opts.blobs,
    });
    const worker: Worker<JobData> = new Worker<JobData>(
      name,
      async (job: Job<JobData>, token?: string) => {
        const outcome = await processor.process(job.data.outboxId);
        switch (outcome.kind) {
          case 'delivered':
            if (outcome.next) this.handoff([outcome.next]);
            return outcome.kind;
          case 'retry':
            throw new RetryLater(outcome.delayMs, `${outcome.error.code}: ${outcome.error.message}`);
          case 'wait':
            if (outcome.reason === 'circuit_open') {
              await worker.rateLimit(Math.max(1, outcome.untilMs - Date.now()));
              throw Worker.RateLimitError();
            }
            await job.moveToDelayed(outcome.untilMs, token);
            throw new DelayedError();
          default:
            return outcome.kind;
        }
      },
      {
        connection: this.opts.connection,
        prefix: this.opts.prefix,
        concurrency: this.opts.concurrency ?? 8,
        lockDuration,
        stalledInterval: lockDuration,
        maxStalledCount: 100,
        settings: {
          backoffStrategy: (_attempts: number, _type?: string, err?: Error) =>
            err instanceof RetryLater ? err.delayMs : 1000,
        },
      },
    );
    worker.on('error', (err) => logger.warn({ target: name, err: err.message }, 'worker error'));
    worker.on('failed', (job, err) => {
      if (!(err instanceof RetryLater))
        logger.warn({ target: name, jobId: job?.id, err: err.message }, 'job failed');
    });
    this.workers.push(worker);
  }

  /** One sweep of the outbox; exposed for tests and the CLI. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await sweepOnce({
        db: this.opts.db,
        logger: this.opts.logger,
        staleAfterMs: this.opts.staleAfterMs ?? 30_000,
        targets: this.targetNames,
        queue: {
          has: (target, messageId) => this.hasJob(target, messageId),
          add: (handoffs) => this.addJobs(handoffs),
        },
      });
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message }, 'outbox sweep failed; will try again');
    } finally {
      this.sweeping = false;
    }
  }

  private async hasJob(target: string, messageId: string): Promise<boolean> {
    const queue = this.queues.get(target);
    if (!queue) return true;
    const job = await queue.getJob(messageId);
    if (!job) return false;
    if (await job.isFailed()) {
      await job.retry('failed');
    }
    return true;
  }

  async seal(): Promise<void> {
    if (this.sealing) return;
    this.sealing = true;
    try {
      while ((await sealMessageLog(this.opts.db, 2000)) === 2000);
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message }, 'message log sealing failed; will try again');
    } finally {
      this.sealing = false;
    }
  }

  /** Job counts per target queue, for the queue-depth gauge. */
  async queueDepth(): Promise<Array<{ target: string; state: string; count: number }>> {
    const out: Array<{ target: string; state: string; count: number }> = [];
    for (const [target, queue] of this.queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
      for (const [state, count] of Object.entries(counts)) out.push({ target, state, count });
    }
    return out;
  }

  /**
   * Stops taking jobs and waits for running attempts up to `timeoutMs`; past that, in-flight requests are
   * aborted. An attempt cut short keeps its lease and is retried by whichever process holds the queue next.
   */
  async stop(timeoutMs = 15_000): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const first = await Promise.race([graceful.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (first === 'timeout') {
      this.shutdown.abort();
      await Promise.all(this.workers.map((w) => w.close(true)));
    }
    await this.seal();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await Promise.all([...this.targets.values()].map((t) => t.adapter.close?.()));
  }

  /** Removes every key of this engine's queues (tests and `lienthong queues reset`). */
  async obliterate(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.obliterate({ force: true })));
  }
}
