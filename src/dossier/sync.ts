import { isDeepStrictEqual } from 'node:util';
import { LtError } from '../errors';
import type { Dossier, DossierEventData, DossierStatus, ProgressStep } from '../model';
import { isTerminal } from '../model';
import { prepareNewDossier, stampTimes } from './changes';

/**
 * Pure computation of a snapshot sync: a partner that owns the dossier (iGate polled or pushing, the
 * national portal submitting) tells us how the dossier looks now; we work out what changed against the
 * stored canonical copy. No I/O here.
 */

/** The partner's view of a dossier: the canonical fields its mapping produced (no progress, no version). */
export type DossierSnapshot = Partial<Dossier> & { code: string; status: DossierStatus };

export interface SyncInput {
  snapshot: DossierSnapshot;
  /** Only create: a dossier we already have is left as it is (a partner that announces new dossiers only). */
  ifAbsent?: boolean;
  /** When the partner's state was observed (the progress step's time when the status moved). */
  observedAt: string;
  /** What the partner says was done (e.g. iGate's task status name), for the progress step. */
  note?: string;
  actor: string;
}

/** Fields the gateway owns; a snapshot never overwrites them. */
const GATEWAY_OWNED = [
  'schemaVersion',
  'version',
  'progress',
  'payments',
  'shipments',
  'transfers',
  'supplements',
];

/**
 * A partner's snapshot older than the newest step we hold is stale (a push overtaken by a later poll, or the
 * other way round): applying it would move the dossier back to where it was. Steps from one partner carry its
 * own clock (iGate's updatedDate), so the comparison is between its times.
 */
function isStale(current: Dossier, observedAt: string): boolean {
  const newest = newestMove(current.progress)?.at;
  return newest !== undefined && Date.parse(observedAt) < Date.parse(newest);
}

/**
 * The newest step that moved the status. Steps that keep it (another agency's status message about a
 * transfer, the transfer request itself) carry other clocks and are not the owner's word: a snapshot the
 * owner took before such a note is not stale.
 */
function newestMove(progress: ProgressStep[]): ProgressStep | undefined {
  for (let i = progress.length - 1; i >= 0; i--) {
    if (i === 0 || progress[i].status !== progress[i - 1].status) return progress[i];
  }
  return undefined;
}

/** A dossier first seen by the gateway: its history starts with reception, as TD's first progress entry. */
export function syncNew(input: SyncInput): DossierEventData {
  const { snapshot, observedAt, note, actor } = input;
  const times = stampTimes({ ...(snapshot.times ?? {}) }, snapshot.status, observedAt);
  const progress: ProgressStep[] = [];
  if (times.receivedAt && snapshot.status !== 'registered') {
    progress.push({ status: 'received', at: times.receivedAt, note: 'Tiếp nhận hồ sơ' });
  }
  if (progress.length === 0 || snapshot.status !== 'received') {
    progress.push({ status: snapshot.status, at: observedAt, note: note ?? `first seen by ${actor}` });
  }
  const dossier = prepareNewDossier({ ...snapshot, times, progress }, actor);
  return { dossier, change: { kind: 'created', to: dossier.status, actor, progressFrom: 0 } };
}

function comparable(d: Partial<Dossier>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...d };
  for (const key of GATEWAY_OWNED) delete copy[key];
  return JSON.parse(JSON.stringify(copy)) as Record<string, unknown>;
}

/** The change a snapshot makes to a stored dossier, or undefined when nothing the partner owns moved. */
export function syncExisting(current: Dossier, input: SyncInput): DossierEventData | undefined {
  const { snapshot, observedAt, note, actor } = input;
  const merged: Dossier = {
    ...current,
    ...snapshot,
    // Times and ids merge: a partner that does not send a time (or another system's id) does not erase it.
    times: { ...current.times, ...(snapshot.times ?? {}) },
    externalIds: { ...current.externalIds, ...(snapshot.externalIds ?? {}) },
  };
  for (const key of GATEWAY_OWNED)
    (merged as unknown as Record<string, unknown>)[key] = current[key as keyof Dossier];
  if (isDeepStrictEqual(comparable(merged), comparable(current)) || isStale(current, observedAt))
    return undefined;
  const moved = snapshot.status !== current.status;
  // The owner's word goes, steps it took between two looks included; only a closed dossier cannot move.
  if (moved && isTerminal(current.status)) {
    throw new LtError(
      'LT_MODEL_INVALID_TRANSITION',
      'conflict',
      `dossier cannot move from ${current.status} to ${snapshot.status}: ${current.status} is terminal; a new request is a new dossier`,
      { details: { from: current.status, to: snapshot.status } },
    );
  }
  const next: Dossier = { ...merged, version: current.version + 1 };
  if (moved) {
    next.times = stampTimes(next.times, snapshot.status, observedAt);
    next.progress = [
      ...current.progress,
      { status: snapshot.status, at: observedAt, note: note ?? `by ${actor}` },
    ];
  }
  // Validated by the service once the gateway's own fields are filled in.
  return {
    dossier: next,
    change: moved
      ? {
          kind: 'status_changed',
          from: current.status,
          to: snapshot.status,
          actor,
          progressFrom: current.progress.length,
        }
      : { kind: 'updated', actor, progressFrom: current.progress.length },
  };
}
