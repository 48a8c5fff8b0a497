import type { Logger } from 'pino';
import type { ChangeOptions, ChangeResult } from '../dossier/service';
import type { PushedRequest } from './batch';
import type { SyncInput } from '../dossier/sync';
import type { LtError } from '../errors';
import type { MappingSet } from '../mapping';
import type { Dossier, DossierEventData } from '../model';
import type { BlobStore } from '../blob/store';
import type { Db } from '../store/db';
import type { TrustStore } from '../trust/store';

/**
 * The one typed contract between the delivery engine and an adapter. An adapter knows one external
 * system (transport, auth, signing, error classification); it never talks to another adapter.
 */

/** One message to deliver, as read from the outbox. The payload is a CloudEvents envelope. */
export interface OutboundMessage {
  /** Stable across retries and replays: receivers dedupe on it. */
  messageId: string;
  dossierCode: string;
  target: string;
  /** Position of this message among the messages of (dossierCode, target), from 1. */
  seq: number;
  eventType: string;
  payload: unknown;
  /** 1 for the first attempt. */
  attempt: number;
}

/** What was put on the wire, for the message log (evidence of what was sent when). */
export interface WireRecord {
  method: string;
  url: string;
  contentType?: string;
  body: Buffer;
}

export interface DeliveryResult {
  /** HTTP status (or the partner's own success code) of the accepted request. */
  status?: number;
  request: WireRecord;
  /** The partner's response body, logged as the verdict's evidence. */
  response?: { contentType?: string; body: Buffer };
  /** The partner's own id for what we sent (e.g. a docId), stored on the dossier by later steps. */
  externalId?: string;
}

export interface DeliveryContext {
  logger: Logger;
  /** Per-attempt time limit from the target's policy. */
  timeoutMs: number;
  /** Aborted on timeout or shutdown. */
  signal: AbortSignal;
}

export interface Adapter {
  readonly name: string;
  /**
   * Whether this target receives an event of this CloudEvents type. `data`, when given, is the event's
   * payload: an adapter that concerns few dossiers (the document exchange) declines the others here, so no
   * outbox row, queue job or delivery is made for them.
   */
  subscribes(eventType: string, data?: DossierEventData): boolean;
  /**
   * Sends one message. Resolves when the partner accepted it. Rejects with an LtError whose
   * `retryable` flag decides retry (transient, rate_limited) or dead letter (permanent); the
   * error's `wire` property, when present, is logged as what was sent.
   */
  deliver(message: OutboundMessage, ctx: DeliveryContext): Promise<DeliveryResult>;
  /**
   * The inbound side (pollers, pushed routes) of an adapter that receives dossiers. Built from the same
   * adapter, so both directions share one client (one token cache, one socket pool).
   */
  inbound?(dossiers: DossierSink): InboundSide;
  close?(): Promise<void>;
}

/**
 * An LtError raised by an adapter may carry what was sent, so that failed attempts are evidence too.
 * The partner's HTTP status travels in `details.httpStatus`.
 */
export type AdapterError = LtError & { wire?: WireRecord };

/** Retry policy of one target; every field has a default in the configuration. */
export interface RetryPolicy {
  /** Total attempts before the message becomes a dead letter. @defaultValue 8 */
  attempts: number;
  /** Backoff: delay = min(maxMs, initialMs * factor^(attempt-1)) with ±jitter. */
  backoff: { initialMs: number; maxMs: number; factor: number; jitter: number };
  /** Per-attempt time limit. @defaultValue 10000 */
  timeoutMs: number;
  /** Opens after `failureThreshold` consecutive retryable failures; stays open for `openMs`. */
  circuitBreaker: { failureThreshold: number; openMs: number };
}

/** Small durable state an adapter keeps between runs (poll checkpoints, allocated codes), in PostgreSQL. */
export interface StateStore {
  read<T>(key: string): Promise<T | undefined>;
  write(key: string, value: unknown): Promise<void>;
  /**
   * Takes or renews a lease on `key` for `holder` until `ttlMs` from now; false while another holder's
   * lease runs. For work that one process of several must do alone (a poll pass).
   */
  lease(key: string, holder: string, ttlMs: number): Promise<boolean>;
}

/** What every adapter may use besides its configuration. */
export interface AdapterDeps {
  logger: Logger;
  mappings: MappingSet;
  state: StateStore;
  /** Names this process, e.g. as the holder of a poll lease. @defaultValue `<hostname>-<pid>` */
  instanceId?: string;
  /**
   * The system of record, for adapters that keep evidence of their own (the edXML exchange logs each
   * package's signature verdict and remembers packages for replay detection). Absent in unit tests.
   */
  db?: Db;
  /** Content-addressed file store: attachments received or to send. */
  blobs?: BlobStore;
  /** The gateway's trust store (src/trust), for adapters that verify signatures at the edge. */
  trust?: TrustStore;
}

/** The dossier side an inbound adapter feeds: snapshot sync (see `src/dossier/sync.ts`) and lookups. */
export interface DossierSink {
  sync(input: SyncInput, options: ChangeOptions): Promise<ChangeResult>;
  find(code: string): Promise<Dossier | undefined>;
  /** A change computed from the stored dossier (see DossierService.amend). */
  amend(
    code: string,
    compute: (current: Dossier) => DossierEventData | undefined,
    options: ChangeOptions,
  ): Promise<ChangeResult>;
  /** The dossier holding the transfer carried by this edXML DocumentId. */
  findByTransfer(documentId: string): Promise<Dossier | undefined>;
}

/** One inbound HTTP route of an adapter, mounted at `/inbound/<adapter><path>` behind the operator role. */
export interface InboundRoute {
  path: string;
  /** `raw`: the body reaches the handler as bytes, unparsed (signed XML). @defaultValue 'json' */
  body?: 'json' | 'raw';
  /** Largest raw body. @defaultValue '64mb' */
  limit?: string;
  handle(request: PushedRequest): Promise<{ status: number; body: unknown }>;
}

/** An adapter's inbound side: pushed routes and background pollers. */
export interface InboundSide {
  routes?: InboundRoute[];
  start?(): void;
  stop?(): Promise<void>;
}

/** Builds an adapter from its configuration block. Registered explicitly in `registry.ts`. */
export interface AdapterFactory<C = Record<string, unknown>> {
  readonly name: string;
  /** JSON Schema of the adapter's own keys in `systems.<name>` (besides enabled/retry/subscribe). */
  readonly configSchema: Record<string, unknown>;
  create(config: C & { subscribe: string[] }, deps: AdapterDeps): Adapter;
}
