import type { Logger } from 'pino';
import { LtError } from '../errors';
import type { DossierApi, DossierListFilter, DossierSummary, DossierTimeline } from '../http/deps';
import type { Dossier, DossierEventData, DossierStatus } from '../model';
import { INITIAL_STATUSES, assertTransition, createDossierEvent, validateDossier } from '../model';
import { isIdempotencyRace, writeChange } from './write';
import { appendMessage } from '../store/message-log';
import type { QueueHandoff } from '../queue/outbox';
import type { Db } from '../store/db';
import { replayOf } from './idempotency';
import type { IdempotencyRequest, StoredAnswer } from './idempotency';
import { findByTransferDocument, getTimeline, listDossiers } from './queries';
import { addTransfer, parseTransferRequest, routeTransfer } from './transfers';
import type { AgencyLookup } from './transfers';
import { applyTransition, parseTransitionInput, prepareNewDossier } from './changes';
import { syncExisting, syncNew } from './sync';
import type { SyncInput } from './sync';

export interface Router {
  targetsFor(eventType: string, data?: DossierEventData): string[];
  handoff(handoffs: QueueHandoff[]): void;
}

export interface ChangeOptions {
  idempotency?: IdempotencyRequest;
  /**
   * Who sent the change: named in the message log and the inbound metric, and never sent the change back
   * (iGate told us, iGate knows; echoing it would loop). @defaultValue 'api'
   */
  system?: string;
  /** CloudEvents source of the event; adapters name themselves (e.g. /lienthong/adapters/igate). */
  source?: string;
  /** The native bytes as received, logged as evidence (accepted or refused) instead of the canonical input. */
  evidence?: { contentType: string; body: Buffer };
}

/** What a change did: `unchanged` wrote nothing; `replayed` answered an Idempotency-Key seen before. */
export type ChangeOutcome = 'created' | 'changed' | 'unchanged' | 'replayed';

export interface ChangeResult {
  dossier: Dossier;
  /** The event written; empty when nothing was. */
  eventId: string;
  outcome: ChangeOutcome;
  /** outcome === 'replayed', for the HTTP edge's Idempotent-Replayed header. */
  replayed?: boolean;
  /** HTTP status of the answer (201 for a created dossier; a replay repeats the first answer's). */
  status: number;
}

/** Told about every inbound change request and its verdict (the inbound metric). */
export type InboundObserver = (system: string, verdict: 'accepted' | 'rejected' | 'duplicate') => void;

/**
 * Completes a dossier about to be written with what the gateway derives (due dates, supplement periods);
 * `previous` is the stored version, absent for a new dossier. Pure; see `deadlines.ts`.
 */
export type DossierEnricher = (next: Dossier, previous: Dossier | undefined) => Dossier;

/** How often a change is recomputed when another writer changed the dossier in between. */
const MAX_RACES = 8;

interface Prepared {
  mode: 'insert' | 'update';
  data: DossierEventData;
  /** The version the change was computed from (update mode). */
  expectedVersion?: number;
}

/** Computes a change from the stored dossier (absent: none yet); undefined = nothing to write. */
type Prepare = (current: Dossier | undefined) => Prepared | undefined;

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
    /** The agency registry, for routing transfers; absent = any well-formed agency id is taken. */
    private readonly agencies?: AgencyLookup,
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
  sync(input: SyncInput, options: ChangeOptions = {}): Promise<ChangeResult> {
    const code = input.snapshot.code;
    return this.recorded(input.snapshot, code, options, () =>
      this.change(code, options, input.snapshot, (current) => {
        // A partner that only announces new dossiers (a national submission) changes nothing once we have it.
        if (current && input.ifAbsent) return undefined;
        const data = current ? syncExisting(current, input) : syncNew(input);
        if (!data) return undefined;
        return current
          ? { mode: 'update', expectedVersion: current.version, data }
          : { mode: 'insert', data };
      }),
    );
  }

  /**
   * Asks for a transfer of the dossier to another agency (liên thông): the transfer is recorded as `sent`
   * and the exchange adapter, subscribed to dossier updates, carries it as an edXML package.
   */
  requestTransfer(
    code: string,
    input: unknown,
    actor: string,
    options: ChangeOptions = {},
  ): Promise<ChangeResult> {
    const parsed = parseTransferRequest(input);
    const request = this.agencies ? routeTransfer(parsed, this.agencies) : parsed;
    return this.amend(code, (current) => addTransfer(current, request, actor), {
      ...options,
      evidenceOf: input,
    });
  }

  /**
   * A change the gateway computes from the stored dossier and what a partner reported about it (another
   * agency's status message, a document it sent): `compute` returns the next dossier and what changed, or
   * undefined when there is nothing to write (a repeat).
   */
  amend(
    code: string,
    compute: (current: Dossier) => DossierEventData | undefined,
    options: ChangeOptions & { evidenceOf?: unknown } = {},
  ): Promise<ChangeResult> {
    const input = options.evidenceOf ?? { code };
    return this.recorded(input, code, options, () =>
      this.change(code, options, input, (current) => {
        if (!current) throw new LtError('LT_DOSSIER_NOT_FOUND', 'not_found', `no dossier with code ${code}`);
        const data = compute(current);
        return data && { mode: 'update', expectedVersion: current.version, data };
      }),
    );
  }

  /** The dossier that holds a transfer carried by this edXML DocumentId, if any. */
  findByTransfer(documentId: string): Promise<Dossier | undefined> {
    return findByTransferDocument(this.db, documentId);
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
      const duplicate = result.outcome === 'replayed' || result.outcome === 'unchanged';
      this.onInbound(system, duplicate ? 'duplicate' : 'accepted');
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
          contentType: options.evidence?.contentType ?? 'application/json',
          body: options.evidence?.body ?? Buffer.from(JSON.stringify(input) ?? ''),
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
    return this.change(
      dossier.code,
      options,
      input,
      (current) => {
        if (current)
          throw new LtError('LT_DOSSIER_EXISTS', 'conflict', `dossier ${dossier.code} already exists`);
        return {
          mode: 'insert',
          data: { dossier, change: { kind: 'created', to: dossier.status, actor, progressFrom: 0 } },
        };
      },
      // Nothing to read first: the insert itself finds a taken code (and then the loop reads).
      { blindInsert: true },
    );
  }

  private async transitionNow(
    code: string,
    input: unknown,
    actor: string,
    options: ChangeOptions,
  ): Promise<ChangeResult> {
    const request = parseTransitionInput(input);
    return this.change(code, options, input, (current) => {
      if (!current) throw new LtError('LT_DOSSIER_NOT_FOUND', 'not_found', `no dossier with code ${code}`);
      assertTransition(current.status, request.to);
      const dossier = applyTransition(current, request, actor);
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

  /**
   * Reads, computes (`prepare`), completes (`enrich`) and writes one change, recomputing when another writer
   * got there first: an insert that finds the code taken reads and prepares again (a create then refuses
   * or replays its Idempotency-Key; a sync updates), an update that finds a newer version does the same.
   */
  private async change(
    code: string,
    options: ChangeOptions,
    input: unknown,
    prepare: Prepare,
    how: { blindInsert?: boolean } = {},
  ): Promise<ChangeResult> {
    for (let race = 1; ; race++) {
      const read: { current?: Dossier; stored?: StoredAnswer } =
        how.blindInsert && race === 1 && !options.idempotency
          ? {}
          : await readForChange(this.db, code, options.idempotency);
      if (read.stored && options.idempotency) return replayed(options.idempotency, read.stored);
      const prepared = prepare(read.current);
      if (!prepared)
        return { dossier: read.current as Dossier, eventId: '', outcome: 'unchanged', status: 200 };
      const { mode, expectedVersion } = prepared;
      const dossier = validateDossier(this.enrich(prepared.data.dossier, read.current));
      const event = createDossierEvent({
        dossier,
        change: prepared.data.change,
        source: options.source ?? this.defaultSource,
      });
      const outcome: ChangeOutcome = mode === 'insert' ? 'created' : 'changed';
      const status = outcome === 'created' ? 201 : 200;
      const body = { dossier, eventId: event.id };
      const origin = options.system ?? 'api';
      let written: Awaited<ReturnType<typeof writeChange>>;
      try {
        written = await writeChange(this.db, {
          mode,
          expectedVersion,
          dossier,
          event,
          targets: this.router.targetsFor(event.type, event.data).filter((target) => target !== origin),
          inbound: {
            direction: 'in',
            system: origin,
            verdict: 'accepted',
            dossierCode: dossier.code,
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
        this.logger.debug({ dossier: code, version: dossier.version }, 'dossier changed');
        return { ...body, outcome, status };
      }
      // Nothing was written: another writer took the code or moved the version since we read.
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

function replayed(idem: IdempotencyRequest, stored: StoredAnswer): ChangeResult {
  const replay = replayOf(idem, stored);
  const body = replay.body as { dossier: Dossier; eventId: string };
  return { ...body, status: replay.status, outcome: 'replayed', replayed: true };
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
