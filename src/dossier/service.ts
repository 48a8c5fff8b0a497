import type { Logger } from 'pino';
import { LtError } from '../errors';
import type { DossierApi, DossierListFilter, DossierSummary, DossierTimeline } from '../http/deps';
import type { Dossier, DossierEventData, DossierStatus } from '../model';
import {
  DOSSIER_EVENT_TYPES,
  INITIAL_STATUSES,
  assertTransition,
  createEvent,
  validateDossier,
} from '../model';
import { isIdempotencyRace, writeChange } from './write';
import { appendMessage } from '../store/message-log';
import type { QueueHandoff } from '../queue/outbox';
import type { Db } from '../store/db';
import { replayOf } from './idempotency';
import type { IdempotencyRequest, StoredAnswer } from './idempotency';
import { getTimeline, listDossiers } from './queries';
import { applyTransition, parseTransitionInput, prepareNewDossier } from './changes';
import { syncExisting, syncNew } from './sync';
import type { SyncInput } from './sync';

export interface Router {
  targetsFor(eventType: string, origin?: string): string[];
  handoff(handoffs: QueueHandoff[]): void;
}

export interface ChangeOptions {
  idempotency?: IdempotencyRequest;
  /** Who sent the change, for the message log and the inbound metric. @defaultValue 'api' */
  system?: string;
  /** CloudEvents source of the event; adapters name themselves (e.g. /lienthong/adapters/igate). */
  source?: string;
  /** The native bytes as received, logged as evidence instead of the canonical input. */
  evidence?: { contentType: string; body: Buffer };
}

export interface ChangeResult {
  dossier: Dossier;
  eventId: string;
  /** True when an Idempotency-Key matched an earlier request and its answer is returned unchanged. */
  replayed?: boolean;
  /** True when a sync found nothing to change; `eventId` is then empty. */
  unchanged?: boolean;
  status: number;
}

/** Told about every inbound change request and its verdict (the inbound metric). */
export type InboundObserver = (system: string, verdict: 'accepted' | 'rejected' | 'duplicate') => void;

/**
 * Completes a dossier about to be written with what the gateway derives (due dates, supplement periods);
 * `previous` is the stored version, absent for a new dossier. Pure; see `deadlines.ts`.
 */
export type DossierEnricher = (next: Dossier, previous: Dossier | undefined) => Dossier;

export interface SyncResult extends ChangeResult {
  /** created, changed, or unchanged (nothing the partner owns moved, nothing written). */
  outcome: 'created' | 'changed' | 'unchanged';
}

/** How often a change is recomputed when another writer changed the dossier in between. */
const MAX_RACES = 8;

interface Prepared {
  mode: 'insert' | 'update';
  data: DossierEventData;
  /** The version the change was computed from (update mode). */
  expectedVersion?: number;
}

/**
 * The only way a dossier changes. A change is read, computed (state machine, schema) and then written by
 * one statement: the dossier row (guarded by the version it was computed from), its event, the inbound
 * evidence, one outbox row per subscribed target and the idempotency key. The queue hand-off happens after
 * commit, so a crash in between loses nothing (the outbox sweep finishes the job). Two round trips and one
 * disk flush per change.
 */
export class DossierService implements DossierApi {
  constructor(
    private readonly db: Db,
    private readonly router: Router,
    private readonly logger: Logger,
    private readonly onInbound: InboundObserver = () => undefined,
    private readonly defaultSource = '/lienthong/api/v1',
    private readonly enrich: DossierEnricher = (next) => next,
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
   * Applies a partner's snapshot of a dossier it owns (iGate polled or pushed, a national submission): creates
   * the dossier, changes it, or writes nothing when nothing the partner owns moved. A restart or a repeated
   * poll therefore sends nothing new to anyone.
   */
  async sync(input: SyncInput, options: ChangeOptions = {}): Promise<SyncResult> {
    const result = await this.recorded(input.snapshot, input.snapshot.code, options, () =>
      this.change('sync', input.snapshot.code, options, 200, input.snapshot, (current) => {
        const data = current ? syncExisting(current, input) : syncNew(input);
        if (!data) return undefined;
        return current
          ? { mode: 'update', expectedVersion: current.version, data }
          : { mode: 'insert', data };
      }),
    );
    const outcome = result.unchanged ? 'unchanged' : result.dossier.version === 1 ? 'created' : 'changed';
    return { ...result, outcome, status: outcome === 'created' ? 201 : 200 };
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
      this.onInbound(system, result.replayed || result.unchanged ? 'duplicate' : 'accepted');
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
    return this.change('create', dossier.code, options, 201, input, () => ({
      mode: 'insert',
      data: { dossier, change: { kind: 'created', to: dossier.status, actor, progressFrom: 0 } },
    }));
  }

  private async transitionNow(
    code: string,
    input: unknown,
    actor: string,
    options: ChangeOptions,
  ): Promise<ChangeResult> {
    const request = parseTransitionInput(input);
    return this.change('transition', code, options, 200, input, (current) => {
      if (!current) throw new LtError('LT_DOSSIER_NOT_FOUND', 'not_found', `no dossier with code ${code}`);
      assertTransition(current.status, request.to);
      const dossier = validateDossier(applyTransition(current, request, actor));
      return {
        mode: 'update',
        expectedVersion: current.version,
        data: {
          dossier,
          change: {
            kind: 'status_changed',
            from: current.status,
            to: request.to,
            note: request.note,
            actor,
            progressFrom: current.progress.length,
          },
        },
      };
    });
  }

  private async change(
    kind: 'create' | 'transition' | 'sync',
    code: string,
    options: ChangeOptions,
    status: number,
    input: unknown,
    prepare: (current: Dossier | undefined) => Prepared | undefined,
  ): Promise<ChangeResult> {
    for (let race = 1; ; race++) {
      // A create without an Idempotency-Key has nothing to read: the insert itself finds a taken code.
      const read: { current?: Dossier; stored?: StoredAnswer } =
        kind === 'create' && !options.idempotency
          ? {}
          : await readForChange(this.db, code, options.idempotency);
      if (read.stored && options.idempotency) return replayed(options.idempotency, read.stored);
      const prepared = prepare(read.current);
      if (!prepared) return { dossier: read.current as Dossier, eventId: '', status: 200, unchanged: true };
      const { mode, expectedVersion } = prepared;
      const data = { ...prepared.data, dossier: this.enrich(prepared.data.dossier, read.current) };
      const type = EVENT_TYPE_OF[data.change.kind];
      const event = createEvent<DossierEventData>({
        type,
        subject: data.dossier.code,
        data,
        source: options.source ?? this.defaultSource,
      });
      const body = { dossier: data.dossier, eventId: event.id };
      let written: Awaited<ReturnType<typeof writeChange>>;
      try {
        written = await writeChange(this.db, {
          mode,
          expectedVersion,
          dossier: data.dossier,
          event,
          targets: this.router.targetsFor(type, options.system),
          inbound: {
            direction: 'in',
            system: options.system ?? 'api',
            verdict: 'accepted',
            dossierCode: data.dossier.code,
            correlationId: event.id,
            contentType: options.evidence?.contentType ?? 'application/json',
            body: options.evidence?.body ?? Buffer.from(JSON.stringify(input)),
          },
          idempotency: options.idempotency && { ...options.idempotency, status, response: body },
        });
      } catch (err) {
        if (isIdempotencyRace(err) && race < MAX_RACES) continue;
        throw err;
      }
      if (written.written) {
        this.router.handoff(written.handoffs);
        this.logger.debug({ dossier: code, version: data.dossier.version }, 'dossier changed');
        return { ...body, status };
      }
      // Nothing was written. A create found the code taken: by another request, or by a racing retry of
      // this one (same Idempotency-Key), whose answer is then replayed.
      if (mode === 'insert' && kind === 'sync' && race < MAX_RACES) continue;
      if (mode === 'insert') {
        const idem = options.idempotency;
        const again = idem && (await readForChange(this.db, code, idem));
        if (idem && again?.stored) return replayed(idem, again.stored);
        throw new LtError('LT_DOSSIER_EXISTS', 'conflict', `dossier ${code} already exists`);
      }
      // An update found that another writer changed the dossier since we read it: read and compute again.
      if (race >= MAX_RACES) {
        throw new LtError(
          'LT_DOSSIER_CONCURRENT_CHANGE',
          'conflict',
          `dossier ${code} kept changing while this change was computed; try again`,
          { retryable: true },
        );
      }
    }
  }
}

const EVENT_TYPE_OF = {
  created: DOSSIER_EVENT_TYPES.created,
  status_changed: DOSSIER_EVENT_TYPES.statusChanged,
  updated: DOSSIER_EVENT_TYPES.updated,
} as const;

function replayed(idem: IdempotencyRequest, stored: StoredAnswer): ChangeResult {
  const replay = replayOf(idem, stored);
  const body = replay.body as { dossier: Dossier; eventId: string };
  return { ...body, status: replay.status, replayed: true };
}

async function readForChange(
  db: Db,
  code: string,
  idem: IdempotencyRequest | undefined,
): Promise<{ current?: Dossier; stored?: StoredAnswer }> {
  const res = await db.query<{ data: Dossier | null; stored: StoredAnswer | null }>(
    `SELECT (SELECT data FROM dossiers WHERE code = $1) AS data,
            (SELECT json_build_object('hash', request_sha256, 'status', status, 'response', response)
               FROM idempotency_keys WHERE scope = $2 AND key = $3) AS stored`,
    [code, idem?.scope ?? null, idem?.key ?? null],
  );
  const row = res.rows[0];
  return { current: row.data ?? undefined, stored: row.stored ?? undefined };
}

function codeOf(input: unknown): string | undefined {
  const code = (input as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code.slice(0, 64) : undefined;
}

export type { DossierStatus };
