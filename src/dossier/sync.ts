import { isDeepStrictEqual } from 'node:util';
import { LtError } from '../errors';
import type { Dossier, DossierEventData, DossierStatus, ProgressStep } from '../model';
import { DOSSIER_TRANSITIONS, validateDossier } from '../model';
import { prepareNewDossier } from './changes';

/**
 * Pure computation of a snapshot sync: a partner that owns the dossier (iGate polled or pushing, the
 * national portal submitting) tells us how the dossier looks now; we work out what changed against the
 * stored canonical copy. No I/O here.
 */

/** The partner's view of a dossier: the canonical fields its mapping produced (no progress, no version). */
export type DossierSnapshot = Partial<Dossier> & { code: string; status: DossierStatus };

export interface SyncInput {
  snapshot: DossierSnapshot;
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

/** Times stamped when a status is first reached, when the partner did not send them. */
const STAMPS: Partial<Record<DossierStatus, keyof Dossier['times']>> = {
  received: 'receivedAt',
  rejected: 'rejectedAt',
  resolved: 'finishedAt',
  returned: 'returnedAt',
};

/**
 * Whether `to` can be reached from `from` through allowed moves. A poll sees snapshots, not every step: a
 * dossier seen processing and then returned went through resolved in between. Such a jump is accepted; a
 * move the state machine cannot reach at all (out of a terminal status) is refused.
 */
export function reachable(from: DossierStatus, to: DossierStatus): boolean {
  const seen = new Set<DossierStatus>([from]);
  const queue: DossierStatus[] = [from];
  while (queue.length > 0) {
    const s = queue.shift() as DossierStatus;
    for (const next of DOSSIER_TRANSITIONS[s] ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

function stamp(times: Dossier['times'], status: DossierStatus, at: string): Dossier['times'] {
  const key = STAMPS[status];
  return key && times[key] === undefined ? { ...times, [key]: at } : times;
}

/** A dossier first seen by the gateway: its history starts with reception, as TD's first progress entry. */
export function syncNew(input: SyncInput): DossierEventData {
  const { snapshot, observedAt, note, actor } = input;
  const times = stamp({ ...(snapshot.times ?? {}) }, snapshot.status, observedAt);
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
  if (isDeepStrictEqual(comparable(merged), comparable(current))) return undefined;
  const moved = snapshot.status !== current.status;
  if (moved && !reachable(current.status, snapshot.status)) {
    throw new LtError(
      'LT_MODEL_INVALID_TRANSITION',
      'conflict',
      `dossier cannot move from ${current.status} to ${snapshot.status}; ${current.status} is terminal or cannot lead there`,
      { details: { from: current.status, to: snapshot.status } },
    );
  }
  const next: Dossier = { ...merged, version: current.version + 1 };
  if (moved) {
    next.times = stamp(next.times, snapshot.status, observedAt);
    next.progress = [
      ...current.progress,
      { status: snapshot.status, at: observedAt, note: note ?? `by ${actor}` },
    ];
  }
  const dossier = validateDossier(next);
  return {
    dossier,
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
