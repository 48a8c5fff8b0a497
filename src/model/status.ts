import { LtError } from '../errors/lt-error';

/**
 * Canonical dossier statuses, in the DVCQG TrangThaiHoSo code order (spec §1.4: the code of a status is its
 * index + 1). The codes themselves are data, in `mappings/dvcqg/status.yaml`; a test holds the two together.
 */
export const DOSSIER_STATUSES = [
  'registered',
  'received',
  'rejected',
  'processing',
  'supplement_requested',
  'payment_requested',
  'withdrawn',
  'stopped',
  'resolved',
  'returned',
] as const;

/** A dossier's status (trạng thái hồ sơ). */
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** Statuses a dossier may be created in: online submissions start registered, counter ones already received. */
export const INITIAL_STATUSES: readonly DossierStatus[] = Object.freeze(['registered', 'received'] as const);

/**
 * Allowed moves. A refused move is a conflict, never silently applied, because the national portal and
 * iGate would disagree afterwards. Reasons per row:
 * - registered: reception accepts it, refuses it (code 3) or the citizen withdraws before reception.
 * - received: work starts, or reception-stage requests (supplement, fees) come first; simple procedures are
 *   resolved at the counter; the agency may still refuse or stop, the citizen may withdraw.
 * - processing: the classic loop with supplement and payment requests, ending resolved or stopped.
 * - supplement_requested: the citizen supplements (back to processing, or to received when the request was
 *   made at reception); or withdraws; or the agency stops waiting.
 * - payment_requested: payment unblocks processing or, when the fee was the last step, the result.
 * - resolved: the result is returned; or the dossier is re-opened. Besides re-opening into processing (an
 *   internal finding), received and registered are allowed because Hà Giang's system reports a re-open as
 *   code 2 or 1 (spec §1.4); refusing those would strand the dossier on the first such push.
 * - rejected, withdrawn, stopped, returned: terminal; a new request is a new dossier.
 */
export const DOSSIER_TRANSITIONS: Readonly<Record<DossierStatus, readonly DossierStatus[]>> = Object.freeze({
  registered: ['received', 'rejected', 'withdrawn'],
  received: [
    'processing',
    'supplement_requested',
    'payment_requested',
    'resolved',
    'withdrawn',
    'stopped',
    'rejected',
  ],
  processing: ['supplement_requested', 'payment_requested', 'resolved', 'stopped', 'withdrawn'],
  supplement_requested: ['processing', 'received', 'withdrawn', 'stopped'],
  payment_requested: ['processing', 'withdrawn', 'stopped', 'resolved'],
  resolved: ['returned', 'processing', 'received', 'registered'],
  rejected: [],
  withdrawn: [],
  stopped: [],
  returned: [],
});

/** Statuses with no way out. */
export const TERMINAL_STATUSES: readonly DossierStatus[] = Object.freeze(
  DOSSIER_STATUSES.filter((s) => DOSSIER_TRANSITIONS[s].length === 0),
);

export function isDossierStatus(value: unknown): value is DossierStatus {
  return typeof value === 'string' && (DOSSIER_STATUSES as readonly string[]).includes(value);
}

export function isTerminal(status: DossierStatus): boolean {
  return allowedNext(status).length === 0;
}

/** The statuses `from` may move to. An unknown status (untyped input) has none, rather than crashing. */
export function allowedNext(from: DossierStatus): readonly DossierStatus[] {
  // hasOwn: a status read from JSON could be "toString", which a plain lookup would find on the prototype.
  return Object.hasOwn(DOSSIER_TRANSITIONS, from) ? DOSSIER_TRANSITIONS[from] : [];
}

/** Whether `from` may move to `to`. Staying in the same status is not a transition and is refused. */
export function canTransition(from: DossierStatus, to: DossierStatus): boolean {
  return allowedNext(from).includes(to);
}

/** Throws LT_MODEL_INVALID_TRANSITION (kind conflict) naming the allowed next statuses. */
export function assertTransition(from: DossierStatus, to: DossierStatus): void {
  if (canTransition(from, to)) return;
  const allowed = [...allowedNext(from)];
  const next = allowed.length === 0 ? `${from} is terminal` : `allowed next: ${allowed.join(', ')}`;
  const why = from === to ? ' (already in that status)' : '';
  throw new LtError(
    'LT_MODEL_INVALID_TRANSITION',
    'conflict',
    `dossier cannot move from ${from} to ${to}${why}; ${next}`,
    { details: { from, to, allowed } },
  );
}
