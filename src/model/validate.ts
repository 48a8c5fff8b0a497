import { LtError } from '../errors/lt-error';
import type { Dossier } from './dossier';
import { DOSSIER_SCHEMA_ID, validatorFor } from './schemas';
import { describeProblems, toProblems } from './schema-errors';
import type { SchemaProblem } from './schema-errors';

export { DOSSIER_SCHEMA, DOSSIER_SCHEMA_ID } from './schemas';
export type { SchemaProblem } from './schema-errors';

/** Lists whose entries other records point at by `id`, so an id must be unique within its list. */
const ID_LISTS = ['documents', 'supplements', 'payments', 'shipments', 'transfers'] as const;

/**
 * What JSON Schema cannot say: ids unique within each list, and supplement answers that name real
 * documents. Runs only on schema-valid input, so the shapes are known.
 */
function crossFieldProblems(d: Dossier): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const list of ID_LISTS) {
    const seen = new Set<string>();
    (d[list] ?? []).forEach((item, i) => {
      if (seen.has(item.id))
        problems.push({ path: `/${list}/${i}/id`, message: 'must be unique in the list' });
      seen.add(item.id);
    });
  }
  const documentIds = new Set(d.documents.map((doc) => doc.id));
  (d.supplements ?? []).forEach((s, i) =>
    (s.documentIds ?? []).forEach((id, j) => {
      if (!documentIds.has(id)) {
        problems.push({
          path: `/supplements/${i}/documentIds/${j}`,
          message: 'must name an entry of /documents',
        });
      }
    }),
  );
  return problems;
}

/** All problems of a candidate dossier; empty when it is valid. Never includes input values. */
export function dossierProblems(input: unknown): SchemaProblem[] {
  const validate = validatorFor(DOSSIER_SCHEMA_ID);
  if (!validate(input)) return toProblems(validate.errors);
  return crossFieldProblems(input as Dossier);
}

/**
 * Checks a candidate against the canonical dossier schema (v1) and returns it typed. Throws
 * LT_MODEL_INVALID_DOSSIER (kind validation) whose detail names the first few JSON pointer paths and
 * whose `details.errors` lists every `{ path, message }`. The input is not copied or modified.
 */
export function validateDossier(input: unknown): Dossier {
  const problems = dossierProblems(input);
  if (problems.length > 0) {
    throw new LtError('LT_MODEL_INVALID_DOSSIER', 'validation', describeProblems('dossier', problems), {
      details: { errors: problems },
    });
  }
  return input as Dossier;
}

/** Type guard variant of {@link validateDossier} for callers that branch instead of throwing. */
export function isValidDossier(input: unknown): input is Dossier {
  return dossierProblems(input).length === 0;
}
