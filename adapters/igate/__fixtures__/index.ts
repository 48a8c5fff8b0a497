import type { IgateDossier, IgatePage } from '../simulator/types';
import createBody from './create-body.json';
import processingDossier from './processing-dossier.json';
import receivedDossier from './received-dossier.json';
import returnedDossier from './returned-dossier.json';
import searchPage from './search-page.json';
import tokenResponse from './token-response.json';

/**
 * Scenario-named iGate payloads, made by the simulator's own generator (fake people, sandbox ids, fixed
 * dates around 2026-03-02) and checked against what the simulator produces by `fixtures.test.ts`, so that
 * the client's unit tests, the contract suite and the simulator all see the same wire format.
 *
 * - `received-dossier`: full object as search returns it, status 1 (received), applied online.
 * - `processing-dossier`: status 2 (processing), taken in at the counter, one fee paid.
 * - `returned-dossier`: status 5 (returned) by post, with completed and returned dates.
 * - `search-page`: a `spec=page` answer holding the received and processing dossiers.
 * - `create-body`: a valid `POST /pa/dossier` body; its code is the first one the pattern service hands
 *   out for xã Bình Hải on 2026-03-02 (local), so a test must allocate it with the clock on that day.
 * - `token-response`: a Keycloak client_credentials answer (tokens signed with a throwaway key).
 */
export const IGATE_FIXTURES = {
  'received-dossier': receivedDossier as IgateDossier,
  'processing-dossier': processingDossier as IgateDossier,
  'returned-dossier': returnedDossier as IgateDossier,
  'search-page': searchPage as IgatePage<IgateDossier>,
  'create-body': createBody as Record<string, unknown>,
  'token-response': tokenResponse as Record<string, unknown>,
} as const;

export type IgateScenario = keyof typeof IGATE_FIXTURES;

/** A fresh copy of one fixture, safe to change in a test. */
export function igateFixture<S extends IgateScenario>(scenario: S): (typeof IGATE_FIXTURES)[S] {
  return structuredClone(IGATE_FIXTURES[scenario]);
}

/** The instant the fixtures were made at (a Monday, 09:15 in Vietnam). */
export const IGATE_FIXTURE_TIME = Date.parse('2026-03-02T02:15:00.000Z');
