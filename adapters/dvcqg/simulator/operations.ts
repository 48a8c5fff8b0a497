import { dossierProblems, progressProblems } from '../validate';
import type { DvcqgDossier, DvcqgProgress } from '../wire';
import type { DvcqgSimulatorState } from './state';

/*
 * The portal's rules for storing dossiers and progress, shared by both API generations (which differ
 * only in how they wrap requests and word answers). Every operation is all-or-nothing: one bad item in
 * a batch and nothing of the batch is stored, so a retry after fixing it does not meet half a batch.
 */

/**
 * How a create or update ends. `exists` with `injected`: the dossiers were new and have been stored, but
 * the alreadyExistsRate fault answers as if another system had pushed them first.
 */
export type SyncOutcome =
  | { kind: 'ok' }
  | { kind: 'invalid'; problems: string[] }
  | { kind: 'exists'; code: string; injected: boolean }
  | { kind: 'unknown'; code: string };

export interface SyncRequest {
  /** The request's dossiers, not yet validated. */
  items: unknown;
  isUpdating: boolean;
  /** How problems name the list: `data` (gen1 envelope) or '' (gen2 bare array). */
  label: string;
  knownProcedures: ReadonlySet<string>;
  /** The alreadyExistsRate dice said yes for this request. */
  alreadyExists: boolean;
  at: number;
}

/** Validates every dossier, checks that each exists (update) or does not (create), then stores them all. */
export function syncDossiers(state: DvcqgSimulatorState, request: SyncRequest): SyncOutcome {
  const { items, label, knownProcedures } = request;
  const problems = listProblems(items, label, (d) => dossierProblems(d, { knownProcedures }));
  if (problems.length > 0) return { kind: 'invalid', problems };
  const dossiers = items as DvcqgDossier[];
  const repeated = dossiers.findIndex((d, i) => dossiers.findIndex((e) => e.MaHoSo === d.MaHoSo) !== i);
  if (repeated >= 0)
    return { kind: 'invalid', problems: [`${label}[${repeated}].MaHoSo: repeats an earlier dossier`] };
  if (request.isUpdating) {
    const missing = dossiers.find((d) => !state.has(d.MaHoSo));
    if (missing) return { kind: 'unknown', code: missing.MaHoSo };
  } else {
    const existing = dossiers.find((d) => state.has(d.MaHoSo));
    if (existing) return { kind: 'exists', code: existing.MaHoSo, injected: false };
  }
  state.store(dossiers, request.isUpdating, request.at);
  if (!request.isUpdating && request.alreadyExists) {
    state.faulted.alreadyExists += 1;
    return { kind: 'exists', code: dossiers[0].MaHoSo, injected: true };
  }
  return { kind: 'ok' };
}

export type ProgressOutcome =
  { kind: 'ok' } | { kind: 'invalid'; problems: string[] } | { kind: 'not_synced'; code: string };

/** Validates every entry, checks that each dossier has been synced, then appends them in order. */
export function appendProgress(state: DvcqgSimulatorState, items: unknown, label: string): ProgressOutcome {
  const problems = listProblems(items, label, progressProblems);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const entries = items as DvcqgProgress[];
  const orphan = entries.find((p) => !state.has(p.MaHoSo));
  if (orphan) return { kind: 'not_synced', code: orphan.MaHoSo };
  state.appendProgress(entries);
  return { kind: 'ok' };
}

/** Problems of every item, each prefixed with its place: `data[1].NgayHenTra: …`. */
function listProblems(items: unknown, label: string, check: (item: unknown) => string[]): string[] {
  if (!Array.isArray(items) || items.length === 0) return [`${label || 'body'}: must be a non-empty array`];
  return items.flatMap((item, i) =>
    // "dossier: must be an object" becomes "data[0]: must be an object".
    check(item).map(
      (p) => `${label}[${i}]${/^(dossier|progress): /.test(p) ? p.replace(/^\w+/, '') : `.${p}`}`,
    ),
  );
}
