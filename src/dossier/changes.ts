import { LtError } from '../errors';
import type { Dossier, DossierStatus, ProgressStep } from '../model';
import { DOSSIER_STATUSES, validateDossier } from '../model';

/**
 * Pure functions that compute a dossier's next state. No I/O here: the service wraps them in the
 * transaction, so they can be unit-tested on their own.
 */

export interface TransitionRequest {
  to: DossierStatus;
  /** When the step happened (ISO date-time); defaults to now. */
  at: string;
  note?: string;
  actor?: { name?: string; title?: string; department?: string };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Completes a submitted dossier with what the gateway owns (schema and dossier versions, empty lists). */
export function prepareNewDossier(input: unknown, actor: string): Dossier {
  if (!isObject(input)) {
    throw new LtError(
      'LT_MODEL_INVALID_DOSSIER',
      'validation',
      'dossier is invalid: the body must be a JSON object',
    );
  }
  const now = new Date().toISOString();
  const status = input.status as DossierStatus;
  const progress =
    Array.isArray(input.progress) && input.progress.length > 0
      ? input.progress
      : [
          {
            status,
            at:
              isObject(input.times) && typeof input.times.receivedAt === 'string'
                ? input.times.receivedAt
                : now,
            note: `created by ${actor}`,
          },
        ];
  return validateDossier({
    documents: [],
    fees: [],
    payments: [],
    shipments: [],
    transfers: [],
    externalIds: {},
    ...input,
    schemaVersion: 1,
    version: 1,
    progress,
  });
}

export function parseTransitionInput(input: unknown): TransitionRequest {
  if (!isObject(input)) {
    throw new LtError(
      'LT_MODEL_INVALID_TRANSITION_REQUEST',
      'validation',
      'the body must be a JSON object with "to"',
    );
  }
  const { to, at, note, actor } = input;
  if (typeof to !== 'string' || !(DOSSIER_STATUSES as readonly string[]).includes(to)) {
    throw new LtError(
      'LT_MODEL_INVALID_TRANSITION_REQUEST',
      'validation',
      `"to" must be one of ${DOSSIER_STATUSES.join(', ')}`,
    );
  }
  if (at !== undefined && (typeof at !== 'string' || Number.isNaN(Date.parse(at)))) {
    throw new LtError(
      'LT_MODEL_INVALID_TRANSITION_REQUEST',
      'validation',
      '"at" must be an ISO 8601 date-time',
    );
  }
  if (note !== undefined && (typeof note !== 'string' || note.length > 4000)) {
    throw new LtError(
      'LT_MODEL_INVALID_TRANSITION_REQUEST',
      'validation',
      '"note" must be a string of at most 4000 characters',
    );
  }
  if (actor !== undefined && !isObject(actor)) {
    throw new LtError(
      'LT_MODEL_INVALID_TRANSITION_REQUEST',
      'validation',
      '"actor" must be an object {name, title, department}',
    );
  }
  return {
    to: to as DossierStatus,
    at: at === undefined ? new Date().toISOString() : new Date(at as string).toISOString(),
    note: note as string | undefined,
    actor: actor as TransitionRequest['actor'],
  };
}

/** The times a status stamps when it is reached (the first time only, except re-opened dossiers). */
const STAMPS: Partial<Record<DossierStatus, keyof Dossier['times']>> = {
  received: 'receivedAt',
  rejected: 'rejectedAt',
  resolved: 'finishedAt',
  returned: 'returnedAt',
};

/**
 * The times a status stamps when it is reached, unless already set; `resolved` always, because a re-opened
 * dossier finishes again later. Shared by every path that moves a status (API transitions, partner syncs).
 */
export function stampTimes(times: Dossier['times'], to: DossierStatus, at: string): Dossier['times'] {
  const key = STAMPS[to];
  if (!key || (times[key] !== undefined && to !== 'resolved')) return times;
  return { ...times, [key]: at };
}

export function applyTransition(current: Dossier, req: TransitionRequest, actor: string): Dossier {
  const step: ProgressStep = { status: req.to, at: req.at };
  if (req.actor) step.actor = req.actor;
  step.note = req.note ?? `by ${actor}`;
  return {
    ...current,
    status: req.to,
    version: current.version + 1,
    times: stampTimes(current.times, req.to, req.at),
    progress: [...current.progress, step],
  };
}
