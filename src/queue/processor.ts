import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Adapter, AdapterError, DeliveryResult, RetryPolicy, WireRecord } from '../adapter/contract';
import type { BlobStore } from '../blob/store';
import { LtError, toLtError } from '../errors';
import type { GatewayMetrics } from '../observability/metrics';
import type { Db } from '../store/db';
import { appendMessage, messageEvidence } from '../store/message-log';
import type { MessageLogEntry } from '../store/message-log';
import { backoffDelay } from './backoff';
import type { CircuitBreaker } from './breaker';
import { completeDelivered, markDead, markRetrying, recordAttempt, takeLeases } from './lease';
import type { CompletionOutcome, CompletionRequest, LeaseOutcome, LeaseRequest } from './lease';
import { Batcher } from './batcher';
import type { LeasedMessage } from './lease';
import { handOver } from './outbox';
import type { QueueHandoff } from './outbox';

/**
 * What the queue layer must do after one run of the processor. The processor itself never touches
 * BullMQ, so it can be tested against the database alone.
 */
export type ProcessOutcome =
  | { kind: 'delivered'; next?: QueueHandoff }
  | { kind: 'dead' }
  | { kind: 'retry'; delayMs: number; error: LtError }
  | { kind: 'skipped'; reason: 'finished' | 'not_head' | 'lease_lost' }
  | { kind: 'wait'; untilMs: number; reason: 'busy' | 'circuit_open' };

export interface ProcessorDeps {
  db: Db;
  adapter: Adapter;
  policy: RetryPolicy;
  breaker: CircuitBreaker;
  metrics: GatewayMetrics;
  logger: Logger;
  /** Who ran the attempt (host-pid), stored with each attempt. */
  worker: string;
  /** Added to the per-attempt timeout to size the lease. */
  leaseMarginMs: number;
  /** Aborts in-flight requests on forced shutdown. */
  shutdownSignal?: AbortSignal;
  /** Where logged bodies larger than `inlineLimit` go; without it every body is stored inline. */
  blobs?: BlobStore;
  /** @defaultValue 65536 bytes */
  inlineLimit?: number;
}

function wireOf(err: unknown): WireRecord | undefined {
  return (err as AdapterError | undefined)?.wire;
}

function statusOf(err: LtError): number | undefined {
  const s = err.details?.httpStatus;
  return typeof s === 'number' ? s : undefined;
}

export class DeliveryProcessor {
  /** Controllers of the attempts on the wire, aborted together on a forced shutdown. */
  private readonly inflight = new Set<AbortController>();
  private readonly leases: Batcher<LeaseRequest, LeaseOutcome>;
  private readonly completions: Batcher<CompletionRequest, CompletionOutcome>;

  constructor(private readonly deps: ProcessorDeps) {
    // Relaxed: a lease lost in a database crash only means the message is attempted again.
    this.leases = new Batcher((reqs) => takeLeases(deps.db.relaxed, reqs), { maxBatch: 64, maxInFlight: 2 });
    // Flushed to disk: once it commits, the message counts as delivered.
    this.completions = new Batcher((reqs) => completeDelivered(deps.db, reqs), {
      maxBatch: 64,
      maxInFlight: 2,
    });
    deps.shutdownSignal?.addEventListener('abort', () => {
      for (const c of this.inflight) c.abort(new Error('gateway shutting down'));
    });
  }

  /** Large bodies go to the blob store, the log keeps their reference and digest. */
  private evidence(body: Buffer): Promise<Pick<MessageLogEntry, 'body' | 'blobRef' | 'bodySha256'>> {
    return messageEvidence(body, this.deps.blobs, this.deps.inlineLimit);
  }

  async process(outboxId: number): Promise<ProcessOutcome> {
    const { breaker, policy } = this.deps;
    const wait = breaker.acquire();
    if (wait > 0) return { kind: 'wait', untilMs: Date.now() + wait, reason: 'circuit_open' };

    const token = randomUUID();
    const lease = await this.leases
      .submit({ outboxId, token, leaseMs: policy.timeoutMs + this.deps.leaseMarginMs })
      .catch((err) => {
        breaker.release();
        throw err;
      });
    if (lease.kind !== 'leased') {
      breaker.release();
      if (lease.kind === 'busy') return { kind: 'wait', untilMs: lease.until.getTime() + 50, reason: 'busy' };
      this.deps.metrics.deliveries.inc({ target: this.deps.adapter.name, outcome: 'skipped' });
      return { kind: 'skipped', reason: lease.kind };
    }
    return this.attempt(lease.message, token);
  }

  private async attempt(msg: LeasedMessage, token: string): Promise<ProcessOutcome> {
    const { adapter, policy, metrics } = this.deps;
    const startedAt = new Date();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('attempt timed out')), policy.timeoutMs);
    this.inflight.add(controller);
    let result: DeliveryResult | undefined;
    let failure: LtError | undefined;
    let failureWire: WireRecord | undefined;
    try {
      result = await adapter.deliver(
        {
          messageId: msg.message_id,
          dossierCode: msg.dossier_code,
          target: msg.target,
          seq: msg.seq,
          eventType: msg.event_type,
          payload: msg.payload,
          attempt: msg.attempts,
        },
        { logger: this.deps.logger, timeoutMs: policy.timeoutMs, signal: controller.signal },
      );
    } catch (err) {
      failure = toLtError(err, `LT_${adapter.name.toUpperCase()}_ERROR`);
      if (!(err instanceof LtError))
        failure = new LtError(failure.code, 'transient', failure.message, { cause: err });
      failureWire = wireOf(err);
    } finally {
      clearTimeout(timer);
      this.inflight.delete(controller);
    }
    const finishedAt = new Date();
    const seconds = (finishedAt.getTime() - startedAt.getTime()) / 1000;

    if (result) {
      this.deps.breaker.success();
      metrics.attemptDuration.observe({ target: adapter.name, outcome: 'delivered' }, seconds);
      return this.finishDelivered(msg, token, result, startedAt, finishedAt);
    }
    const error = failure as LtError;
    const exhausted = msg.attempts >= policy.attempts;
    if (error.retryable) this.deps.breaker.failure();
    else this.deps.breaker.release();
    if (error.retryable && !exhausted) {
      const delayMs = backoffDelay(policy, msg.attempts, error.retryAfterMs);
      metrics.attemptDuration.observe({ target: adapter.name, outcome: 'retry' }, seconds);
      // Both writes are relaxed: if a database crash loses them, the lease expires and the message is
      // simply attempted again.
      const mine = await markRetrying(this.deps.db.relaxed, msg.id, token, delayMs, {
        code: error.code,
        detail: error.message,
      });
      await recordAttempt(this.deps.db.relaxed, {
        outboxId: msg.id,
        attempt: msg.attempts,
        startedAt,
        finishedAt,
        outcome: 'retryable',
        httpStatus: statusOf(error),
        errorCode: error.code,
        detail: error.message,
        worker: this.deps.worker,
      });
      metrics.deliveries.inc({ target: adapter.name, outcome: 'retry' });
      // A lost lease means another attempt owns the message now; this job must not schedule a second one.
      return mine ? { kind: 'retry', delayMs, error } : { kind: 'skipped', reason: 'lease_lost' };
    }
    metrics.attemptDuration.observe({ target: adapter.name, outcome: 'dead' }, seconds);
    const detail =
      exhausted && error.retryable
        ? `gave up after ${msg.attempts} attempts: ${error.message}`
        : error.message;
    const sent = await this.evidence(failureWire?.body ?? Buffer.from(JSON.stringify(msg.payload)));
    const dead = await this.deps.db.transaction(async (tx) => {
      const mine = await markDead(tx, msg.id, token, { code: error.code, detail });
      await recordAttempt(tx, {
        outboxId: msg.id,
        attempt: msg.attempts,
        startedAt,
        finishedAt,
        outcome: error.retryable ? 'retryable' : 'permanent',
        httpStatus: statusOf(error),
        errorCode: error.code,
        detail: error.message,
        worker: this.deps.worker,
      });
      await appendMessage(tx, {
        direction: 'out',
        system: msg.target,
        // Without the lease the message is not ours to declare dead: another attempt owns it.
        verdict: mine ? 'dead' : 'sent_lease_lost',
        dossierCode: msg.dossier_code,
        messageId: msg.message_id,
        detail: `${error.code}: ${detail}`,
        contentType: failureWire?.contentType,
        ...sent,
      });
      return mine;
    });
    if (!dead) return { kind: 'skipped', reason: 'lease_lost' };
    metrics.deliveries.inc({ target: adapter.name, outcome: 'dead' });
    this.deps.logger.warn(
      { target: msg.target, dossier: msg.dossier_code, messageId: msg.message_id, code: error.code, detail },
      'message dead-lettered',
    );
    return { kind: 'dead' };
  }

  private async finishDelivered(
    msg: LeasedMessage,
    token: string,
    result: DeliveryResult,
    startedAt: Date,
    finishedAt: Date,
  ): Promise<ProcessOutcome> {
    const sent = await this.evidence(result.request.body);
    const done = await this.completions.submit({
      outboxId: msg.id,
      token,
      attempt: {
        outboxId: msg.id,
        attempt: msg.attempts,
        startedAt,
        finishedAt,
        outcome: 'delivered',
        httpStatus: result.status,
        worker: this.deps.worker,
      },
      sent: {
        direction: 'out',
        system: msg.target,
        verdict: 'delivered',
        dossierCode: msg.dossier_code,
        messageId: msg.message_id,
        correlationId: result.externalId,
        contentType: result.request.contentType,
        ...sent,
      },
    });
    // Only when a writer queued a row behind ours while we waited (see completeDelivered): a second
    // statement, with a fresh snapshot. Relaxed: if a database crash loses it, the outbox sweep hands over.
    const next = done.handOverDue
      ? await handOver(this.deps.db.relaxed, msg.dossier_code, msg.target)
      : done.next;
    const outcome: ProcessOutcome = done.mine
      ? { kind: 'delivered', next }
      : { kind: 'skipped', reason: 'lease_lost' };
    this.deps.metrics.deliveries.inc({
      target: msg.target,
      outcome: outcome.kind === 'delivered' ? 'delivered' : 'skipped',
    });
    return outcome;
  }
}
