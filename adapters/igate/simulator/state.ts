import { LtError } from '../../../src/errors';
import type { IgateReference } from './reference';
import { PatternService } from './patterns';
import type { IgateDossier } from './types';
import { igateTime, taskStatus } from './wire';

/** How requests were answered, for `GET /_sim/state` and tests. */
export interface IgateAnswerCounts {
  ok: number;
  /** 400 on search parameters or a create body. */
  badRequest: number;
  /** 401 for a missing, unknown or expired bearer token. */
  unauthorized: number;
  notFound: number;
  /** Token requests refused (bad client, bad user, unsupported grant). */
  tokenRefused: number;
  /** 500/502/503 from the errorRate fault. */
  failed: number;
  /** 503 from the outage and outages faults. */
  outage: number;
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * Everything the simulated iGate holds, in memory: dossiers by id (with a code index), the code pattern
 * service, and answer counts. Dossiers are stored and handed out as copies, so a caller cannot change the
 * store by editing what it got.
 */
export class IgateSimulatorState {
  private readonly dossiers = new Map<string, IgateDossier>();
  private readonly byCode = new Map<string, string>();
  readonly patterns: PatternService;
  readonly answers: IgateAnswerCounts = emptyCounts();

  constructor(
    private readonly ref: IgateReference,
    private readonly now: () => number,
    firstSequence = 0,
  ) {
    this.patterns = new PatternService(ref, firstSequence);
  }

  /** Every dossier, in insertion order. */
  all(): IgateDossier[] {
    return [...this.dossiers.values()].map((d) => structuredClone(d));
  }

  /**
   * The stored dossiers themselves, without copies, for scans over many (search, the trickle). Callers only
   * read them; changes go through {@link upsert} or {@link update}.
   */
  scan(): IterableIterator<Readonly<IgateDossier>> {
    return this.dossiers.values();
  }

  get size(): number {
    return this.dossiers.size;
  }

  /** Forgets one dossier (the trickle's retention); its code stays used. */
  remove(id: string): void {
    const d = this.dossiers.get(id);
    if (!d) return;
    this.dossiers.delete(id);
    this.byCode.delete(d.code);
  }

  /** A dossier by its id or its code. */
  find(idOrCode: string): IgateDossier | undefined {
    const d = this.dossiers.get(idOrCode) ?? this.dossiers.get(this.byCode.get(idOrCode) ?? '');
    return d && structuredClone(d);
  }

  /** Stores a full dossier object (new or replacing the one with its id); its code counts as used. */
  upsert(dossier: IgateDossier): IgateDossier {
    if (typeof dossier !== 'object' || dossier === null) throw simError('a dossier object is required');
    if (typeof dossier.id !== 'string' || !OBJECT_ID.test(dossier.id))
      throw simError('id: a 24-hex ObjectId');
    if (typeof dossier.code !== 'string' || dossier.code === '') throw simError('code: a non-empty string');
    if (!Number.isInteger(dossier.dossierStatus)) throw simError('dossierStatus: an integer');
    const other = this.byCode.get(dossier.code);
    if (other && other !== dossier.id) throw simError(`code ${dossier.code} belongs to dossier ${other}`);
    const previous = this.dossiers.get(dossier.id);
    if (previous && previous.code !== dossier.code) this.byCode.delete(previous.code);
    const stored = structuredClone(dossier);
    this.dossiers.set(stored.id, stored);
    this.byCode.set(stored.code, stored.id);
    this.patterns.markUsed(stored.code);
    return structuredClone(stored);
  }

  /**
   * Sets fields of a dossier and bumps `updatedDate`, as an officer's action in iGate does. A new
   * `dossierStatus` that the status table knows also moves `dossierTaskStatus`, unless the patch sets it.
   */
  update(idOrCode: string, patch: Partial<IgateDossier>): IgateDossier | undefined {
    const current = this.find(idOrCode);
    if (!current) return undefined;
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      throw simError('patch: a JSON object');
    for (const key of ['id', 'code'] as const) {
      if (key in patch && patch[key] !== current[key]) throw simError(`${key} cannot be changed`);
    }
    const next: IgateDossier = {
      ...current,
      ...patch,
      updatedDate: patch.updatedDate ?? igateTime(this.now()),
    };
    const canonical = this.ref.statusCanonical(next.dossierStatus);
    if (patch.dossierStatus !== undefined && !patch.dossierTaskStatus && canonical)
      next.dossierTaskStatus = taskStatus(canonical);
    return this.upsert(next);
  }

  /** Counts for `GET /_sim/state`. */
  summary(): Record<string, unknown> {
    const byStatus: Record<string, number> = {};
    for (const d of this.dossiers.values()) byStatus[d.dossierStatus] = (byStatus[d.dossierStatus] ?? 0) + 1;
    return {
      dossiers: this.dossiers.size,
      byStatus,
      codesAllocated: this.patterns.allocatedCount,
      answers: { ...this.answers },
    };
  }

  /** Forgets dossiers, codes and counts. */
  reset(): void {
    this.dossiers.clear();
    this.byCode.clear();
    this.patterns.reset();
    Object.assign(this.answers, emptyCounts());
  }
}

function simError(detail: string): LtError {
  return new LtError('LT_IGATE_SIM_DOSSIER', 'validation', detail);
}

function emptyCounts(): IgateAnswerCounts {
  return { ok: 0, badRequest: 0, unauthorized: 0, notFound: 0, tokenRefused: 0, failed: 0, outage: 0 };
}
