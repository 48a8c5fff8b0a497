import { mulberry32 } from '../../../src/simulator/random';
import { createDossier } from '../simulator/create';
import { generateIgateDossier } from '../simulator/generate';
import { PatternService } from '../simulator/patterns';
import { igateReference } from '../simulator/reference';
import { call, login, start, stopAll, tokenRequest } from '../simulator/__tests__/test-support';
import type { IgateDossier } from '../simulator/types';
import { IGATE_FIXTURES, IGATE_FIXTURE_TIME, igateFixture } from '.';

afterEach(stopAll);

const ref = igateReference();

/** Every key path with its JSON type (`string` and `null` count as one, as dates are null until they happen). */
function paths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    out.add(`${prefix}:array`);
    for (const item of value) paths(item, `${prefix}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    out.add(`${prefix}:object`);
    for (const [k, v] of Object.entries(value)) paths(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.add(`${prefix}:${value === null || typeof value === 'string' ? 'string' : typeof value}`);
  }
  return out;
}

/** What the simulator produces: many generated dossiers, moved through every status. */
const produced = new Set<string>();
for (let i = 0; i < 40; i++)
  paths(generateIgateDossier(mulberry32(i), IGATE_FIXTURE_TIME, i + 1), '', produced);

describe('igate fixtures', () => {
  it.each(['received-dossier', 'processing-dossier', 'returned-dossier'] as const)(
    '%s has only keys and types the simulator produces, and the status its name says',
    (name) => {
      const fixture = igateFixture(name);
      expect([...paths(fixture)].filter((p) => !produced.has(p))).toEqual([]);
      expect(ref.statusCanonical(fixture.dossierStatus)).toBe(name.replace('-dossier', ''));
      expect(fixture.applicant.data.email).toMatch(/@example\.com$/);
    },
  );

  it('search-page has the keys of a live search answer, and holds produced dossiers', async () => {
    const sim = await start();
    const live = (await call(sim, 'GET', '/pa/dossier/search', { token: await login(sim) })).body;
    const page = igateFixture('search-page');
    expect(Object.keys(page).sort()).toEqual(Object.keys(live).sort());
    expect(Object.keys(page.pageable).sort()).toEqual(Object.keys(live.pageable).sort());
    expect(page.content.map((d: IgateDossier) => d.code)).toEqual(
      [IGATE_FIXTURES['processing-dossier'], IGATE_FIXTURES['received-dossier']]
        .sort((a, b) => b.updatedDate.localeCompare(a.updatedDate))
        .map((d) => d.code),
    );
  });

  it('token-response has the keys of a live token answer', async () => {
    const sim = await start();
    const live = await tokenRequest(sim, {
      grant_type: 'client_credentials',
      client_id: 'lienthong',
      client_secret: 'sandbox-secret',
    });
    const fixture = igateFixture('token-response');
    expect(Object.keys(fixture).sort()).toEqual(Object.keys(live.body).sort());
    expect(String(fixture.access_token).split('.')).toHaveLength(3);
  });

  it('create-body is accepted once its code is allocated on the fixture day', () => {
    const patterns = new PatternService(ref);
    const body = igateFixture('create-body');
    const pattern = patterns.patternFor('6716a2c1f5b1b47c066e2002', '6716a2c1f5b1b47c066e3001');
    expect(pattern?.id).toBe((body.codePattern as { id: string }).id);
    expect(patterns.nextValue(pattern!, IGATE_FIXTURE_TIME)).toBe(body.code);
    const created = createDossier(body, {
      ref,
      patterns,
      now: IGATE_FIXTURE_TIME,
      newId: () => 'a'.repeat(24),
    });
    expect(ref.statusCanonical(created.dossierStatus)).toBe('registered');
    expect([...paths(created)].filter((p) => !produced.has(p) && !p.startsWith('dossierFormFile'))).toEqual(
      [],
    );
  });
});
