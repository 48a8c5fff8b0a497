import type { MountedInbound } from './routes/inbound';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

/**
 * What the HTTP edge needs from the rest of the gateway. The edge only translates HTTP to these calls
 * and their LtErrors to `{ code, detail }` bodies; it holds no business logic.
 */

export type Role = 'viewer' | 'operator';

export interface ApiKey {
  name: string;
  key: string;
  role: Role;
}

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface DossierListFilter {
  code?: string;
  agency?: string;
  status?: string;
  /** ISO date-times bounding the received time. */
  receivedFrom?: string;
  receivedTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface DossierSummary {
  code: string;
  status: string;
  version: number;
  agencyId?: string;
  procedureCode?: string;
  channel?: string;
  receivedAt?: string;
  dueAt?: string;
  updatedAt: string;
}

export interface DeliveryView {
  messageId: string;
  target: string;
  seq: number;
  eventType: string;
  state: 'pending' | 'retrying' | 'delivered' | 'dead';
  discarded: boolean;
  createdAt: string;
  deliveredAt?: string;
  lastError?: { code?: string; detail?: string };
  attempts: Array<{
    attempt: number;
    startedAt: string;
    finishedAt: string;
    outcome: string;
    httpStatus?: number;
    errorCode?: string;
    detail?: string;
    durationMs: number;
  }>;
}

export interface MessageLogView {
  id: number;
  direction: 'in' | 'out';
  system: string;
  verdict: string;
  detail?: string;
  messageId?: string;
  correlationId?: string;
  contentType?: string;
  bodySha256: string;
  createdAt: string;
}

export interface DossierTimeline {
  dossier: Record<string, unknown>;
  events: Array<Record<string, unknown>>;
  inbound: MessageLogView[];
  outbound: MessageLogView[];
  deliveries: DeliveryView[];
}

/**
 * Passed by the edge when the request carried an Idempotency-Key: the service records the key in the
 * same transaction as the change, so a retry after a lost answer (even on another gateway process)
 * gets the first answer back instead of making a second change.
 */
export interface ChangeOptions {
  idempotency?: { scope: string; key: string; requestSha256: string };
}

export interface ChangeResponse {
  dossier: object;
  eventId: string;
  /** HTTP status of the first answer (201 create, 200 transition). */
  status: number;
  /** True when the answer is a replay of an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
}

export interface DossierApi {
  list(filter: DossierListFilter): Promise<{ items: DossierSummary[]; nextCursor?: string }>;
  /** Rejects with LtError LT_DOSSIER_NOT_FOUND when unknown. */
  get(code: string): Promise<DossierTimeline>;
  /** Creates a dossier from a canonical document; rejects LT_MODEL_* on invalid input, LT_DOSSIER_EXISTS on duplicates. */
  create(input: unknown, actor: string, options?: ChangeOptions): Promise<ChangeResponse>;
  /** Moves a dossier to a new status; rejects LT_MODEL_INVALID_TRANSITION for impossible moves. */
  transition(code: string, input: unknown, actor: string, options?: ChangeOptions): Promise<ChangeResponse>;
  /** Records a transfer to another agency and queues it; rejects LT_TRANSFER_INVALID, LT_DOSSIER_NOT_FOUND. */
  requestTransfer(
    code: string,
    input: unknown,
    actor: string,
    options?: ChangeOptions,
  ): Promise<ChangeResponse>;
}

export interface DeadLetterView {
  id: number;
  messageId: string;
  dossierCode: string;
  target: string;
  attempts: number;
  errorCode?: string;
  error?: string;
  state: 'open' | 'replayed' | 'discarded';
  createdAt: string;
  resolvedAt?: string;
  resolvedBy?: string;
}

export interface DeadLetterFilter {
  state?: 'open' | 'replayed' | 'discarded';
  target?: string;
  dossierCode?: string;
  limit: number;
}

export interface DeadLetterApi {
  list(filter: DeadLetterFilter): Promise<DeadLetterView[]>;
  /** Puts the message back at the head of its (dossier, target) with a fresh attempt budget. */
  replay(id: number, actor: string): Promise<DeadLetterView>;
  /** Gives the message up for good; the next message of its (dossier, target) may then go. */
  discard(id: number, actor: string): Promise<DeadLetterView>;
  /** Bulk forms: by explicit ids, or every open dead letter matching target / dossier. Returns the count. */
  replayMany(
    selector: { ids?: number[]; target?: string; dossierCode?: string },
    actor: string,
  ): Promise<number>;
  discardMany(
    selector: { ids?: number[]; target?: string; dossierCode?: string },
    actor: string,
  ): Promise<number>;
}

/** On-time rate per agency over a period (finished dossiers), and dossiers open past their due date. */
export interface OnTimeRow {
  agencyId: string | null;
  finished: number;
  onTime: number;
  late: number;
  /** Finished without a due date: neither on time nor late. */
  undated: number;
  /** onTime / (onTime + late), null when nothing dated finished. */
  onTimeRate: number | null;
  /** Still open (not finished) and past their due date now. */
  overdueOpen: number;
}

export interface ReportApi {
  onTime(filter: { from: string; to: string; agencyId?: string }): Promise<OnTimeRow[]>;
}

export interface GatewayDeps {
  logger: Logger;
  http: { bodyLimit: string };
  auth: { apiKeys: ApiKey[]; anonymousRole?: Role };
  health: HealthCheck[];
  metrics: Registry;
  dossiers: DossierApi;
  deadLetters: DeadLetterApi;
  /** Adapters' pushed routes, mounted under /inbound/<system>. */
  inbound?: MountedInbound[];
  /** Reports (on-time rate, overdue dossiers). */
  reports?: ReportApi;
  /** Mounted under /sandbox when the gateway runs its simulators in-process. */
  sandboxRouters?: Array<{ path: string; router: Router }>;
  version: string;
}
