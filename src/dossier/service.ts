import type { Logger } from 'pino';
import { LtError } from '../errors';
import type { DossierApi, DossierListFilter, DossierSummary, DossierTimeline } from '../http/deps';
import type { CloudEvent, Dossier, DossierEventData, DossierStatus } from '../model';
import {
  DOSSIER_EVENT_TYPES,
  INITIAL_STATUSES,
  assertTransition,
  createEvent,
  validateDossier,
} from '../model';
import { appendOutbox } from '../queue/outbox';
import { appendMessage } from '../store/message-log';
import type { QueueHandoff } from '../queue/outbox';
import type { Db, Queryable } from '../store/db';
import { claimKey, completeKey } from './idempotency';
import type { IdempotencyRequest } from './idempotency';
import { getTimeline, listDossiers } from './queries';
import { applyTransition, parseTransitionInput, prepareNewDossier } from './changes';

export interface Router {
  targetsFor(eventType: string): string[];
  handoff(handoffs: QueueHandoff[]): void;
}

export interface ChangeOptions {
  idempotency?: IdempotencyRequest;
  /** Who sent the change, for the message log and the inbound metric. @defaultValue 'api' */
  system?: string;
  /** CloudEvents source of the event; adapters name themselves (e.g. /lienthong/adapters/igate). */
  source?: string;
}

export interface ChangeResult {
  dossier: Dossier;
  eventId: string;
  /** True when an Idempotency-Key matched an earlier request and its answer is returned unchanged. */
  replayed?: boolean;
  status: number;
}

/**
 * The only way a dossier changes. One transaction writes the new dossier row, its event and one outbox
 * row per subscribed target; the queue hand-off happens after commit, so a crash in between loses nothing
 * (the outbox sweep finishes the job).
 */
/** Told about every inbound change request and its verdict (the inbound metric). */
export type InboundObserver = (system: string, verdict: 'accepted' | 'rejected' | 'duplicate') => void;

export class DossierService implements DossierApi {
  constructor(
    private readonly db: Db,
    private readonly router: Router,
    private readonly logger: Logger,
    private readonly onInbound: InboundObserver = () => undefined,
    private readonly defaultSource = '/lienthong/api/v1',
  ) {}

  list(filter: DossierListFilter): Promise<{ items: DossierSummary[]; nextCursor?: string }> {
    return listDossiers(this.db, filter);
  }

  get(code: string): Promise<DossierTimeline> {
    return getTimeline(this.db, code);
  }

  create(input: unknown, actor: string, options: ChangeOptions = {}): Promise<ChangeResult> {
    return this.recorded(input, codeOf(input), options, () => this.createNow(input, actor, options));
  }

  transition(
    code: string,
    input: unknown,
    actor: string,
    options: ChangeOptions = {},
  ): Promise<ChangeResult> {
    return this.recorded(input, code, options, () => this.transitionNow(code, input, actor, options));
  }

  /**
   * Every inbound change request is evidence: accepted ones are logged inside their own transaction (see
   * `change`), refused ones here, with the reason, and nothing else about them is stored.
   */
  private async recorded(
    input: unknown,
    code: string | undefined,
    options: ChangeOptions,
    work: () => Promise<ChangeResult>,
  ): Promise<ChangeResult> {
    const system = options.system ?? 'api';
    try {
      const result = await work();
      this.onInbound(system, result.replayed ? 'duplicate' : 'accepted');
      return result;
    } catch (err) {
      if (err instanceof LtError && ['validation', 'conflict', 'not_found'].includes(err.kind)) {
        this.onInbound(system, 'rejected');
        await appendMessage(this.db, {
          direction: 'in',
          system,
          verdict: 'rejected',
          dossierCode: code,
          detail: `${err.code}: ${err.message}`,
          contentType: 'application/json',
          body: Buffer.from(JSON.stringify(input) ?? ''),
        }).catch((logErr: Error) =>
          this.logger.warn({ err: logErr.message }, 'could not log a refused request'),
        );
      }
      throw err;
    }
  }

  private async createNow(input: unknown, actor: string, options: ChangeOptions): Promise<ChangeResult> {
    const dossier = prepareNewDossier(input, actor);
    if (!INITIAL_STATUSES.includes(dossier.status)) {
      throw new LtError(
        'LT_MODEL_INVALID_INITIAL_STATUS',
        'validation',
        `a dossier is created as ${INITIAL_STATUSES.join(' or ')}, not ${dossier.status}`,
      );
    }
    return this.change(options, 201, input, async (tx) => {
      const ins = await tx.query(
        `INSERT INTO dossiers (code, version, status, agency_id, procedure_code, channel, received_at, due_at,
                               finished_at, returned_at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (code) DO NOTHING`,
        rowParams(dossier),
      );
      if (ins.rowCount === 0) {
        throw new LtError('LT_DOSSIER_EXISTS', 'conflict', `dossier ${dossier.code} already exists`);
      }
      return { dossier, change: { kind: 'created', to: dossier.status, actor } };
    });
  }

  private async transitionNow(
    code: string,
    input: unknown,
    actor: string,
    options: ChangeOptions,
  ): Promise<ChangeResult> {
    const request = parseTransitionInput(input);
    return this.change(options, 200, input, async (tx) => {
      const current = await lockDossier(tx, code);
      assertTransition(current.status, request.to);
      const dossier = validateDossier(applyTransition(current, request, actor));
      await tx.query(
        `UPDATE dossiers SET version = $2, status = $3, agency_id = $4, procedure_code = $5, channel = $6,
                received_at = $7, due_at = $8, finished_at = $9, returned_at = $10, data = $11, updated_at = now()
          WHERE code = $1`,
        rowParams(dossier),
      );
      return {
        dossier,
        change: { kind: 'status_changed', from: current.status, to: request.to, note: request.note, actor },
      };
    });
  }

  private async change(
    options: ChangeOptions,
    status: number,
    input: unknown,
    apply: (tx: Queryable) => Promise<DossierEventData>,
  ): Promise<ChangeResult> {
    const handoffs: QueueHandoff[] = [];
    const result = await this.db.transaction(async (tx): Promise<ChangeResult> => {
      if (options.idempotency) {
        const claim = await claimKey(tx, options.idempotency);
        if (claim.kind === 'replay') {
          const body = claim.body as { dossier: Dossier; eventId: string };
          return { ...body, status: claim.status, replayed: true };
        }
      }
      const data = await apply(tx);
      const type =
        data.change.kind === 'created' ? DOSSIER_EVENT_TYPES.created : DOSSIER_EVENT_TYPES.statusChanged;
      const event = createEvent<DossierEventData>({
        type,
        subject: data.dossier.code,
        data,
        source: options.source ?? this.defaultSource,
      });
      await recordEvent(tx, event, data.dossier.version);
      await appendMessage(tx, {
        direction: 'in',
        system: options.system ?? 'api',
        verdict: 'accepted',
        dossierCode: data.dossier.code,
        correlationId: event.id,
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify(input)),
      });
      for (const target of this.router.targetsFor(type)) {
        const h = await appendOutbox(tx, {
          dossierCode: data.dossier.code,
          target,
          eventId: event.id,
          eventType: type,
          payload: event,
        });
        if (h) handoffs.push(h);
      }
      const body = { dossier: data.dossier, eventId: event.id };
      if (options.idempotency) await completeKey(tx, options.idempotency, status, body);
      return { ...body, status };
    });
    this.router.handoff(handoffs);
    if (!result.replayed) {
      this.logger.debug({ dossier: result.dossier.code, version: result.dossier.version }, 'dossier changed');
    }
    return result;
  }
}

function codeOf(input: unknown): string | undefined {
  const code = (input as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code.slice(0, 64) : undefined;
}

async function lockDossier(tx: Queryable, code: string): Promise<Dossier> {
  const res = await tx.query<{ data: Dossier }>('SELECT data FROM dossiers WHERE code = $1 FOR UPDATE', [
    code,
  ]);
  const row = res.rows[0];
  if (!row) throw new LtError('LT_DOSSIER_NOT_FOUND', 'not_found', `no dossier with code ${code}`);
  return row.data;
}

async function recordEvent(
  tx: Queryable,
  event: CloudEvent<DossierEventData>,
  version: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO dossier_events (id, dossier_code, dossier_version, type, source, time, envelope)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [event.id, event.subject, version, event.type, event.source, event.time, JSON.stringify(event)],
  );
}

function rowParams(d: Dossier): unknown[] {
  return [
    d.code,
    d.version,
    d.status,
    d.agency.id,
    d.procedure.nationalCode ?? d.procedure.localCode ?? null,
    d.channel,
    d.times.receivedAt ?? null,
    d.times.dueAt ?? null,
    d.times.finishedAt ?? null,
    d.times.returnedAt ?? null,
    JSON.stringify(d),
  ];
}

export type { DossierStatus };
