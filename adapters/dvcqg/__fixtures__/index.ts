import type { DvcqgDossier, DvcqgProgress } from '../wire';
import invalidDossier from './invalid-dossier.json';
import nationalSubmission from './national-submission.json';
import newDossier from './new-dossier.json';
import progressReceived from './progress-received.json';

/**
 * Scenario-named DVCQG wire payloads, shared by the validator tests, the simulator tests, the outbound
 * tests and the sandbox, so that all of them see the same objects. `new-dossier` and `progress-received`
 * are the webhook fixtures' dossier (000.00.53.H48-250701-0001) as the portal receives it;
 * `national-submission` is what a citizen files on the portal itself; `invalid-dossier` breaks several
 * rules at once (see `validate.test.ts` for the problems it must produce).
 */
export const DVCQG_FIXTURES = {
  'new-dossier': newDossier as DvcqgDossier,
  'national-submission': nationalSubmission as DvcqgDossier,
  'progress-received': progressReceived as DvcqgProgress,
  'invalid-dossier': invalidDossier as unknown,
} as const;

export type DvcqgScenario = keyof typeof DVCQG_FIXTURES;

/** A fresh copy of a valid dossier fixture, with overrides (tests change one thing at a time). */
export function dossierFixture(
  scenario: 'new-dossier' | 'national-submission' = 'new-dossier',
  overrides: Partial<DvcqgDossier> = {},
): DvcqgDossier {
  return { ...structuredClone(DVCQG_FIXTURES[scenario]), ...overrides };
}

/** A fresh copy of the progress fixture, with overrides. */
export function progressFixture(overrides: Partial<DvcqgProgress> = {}): DvcqgProgress {
  return { ...structuredClone(DVCQG_FIXTURES['progress-received']), ...overrides };
}

/** A fresh copy of the invalid dossier, as the untyped JSON it is. */
export function invalidDossierFixture(): Record<string, unknown> {
  return structuredClone(invalidDossier) as Record<string, unknown>;
}
