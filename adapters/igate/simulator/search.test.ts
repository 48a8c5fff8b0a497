import { IGATE_FIXTURE_TIME } from '../__fixtures__';
import { mulberry32 } from '../../../src/simulator/random';
import { generateIgateDossier } from './generate';
import type { RunningIgateSimulator } from './server';
import { manualClock } from '../../../src/simulator/__tests__/manual-clock';
import { call, login, start, stopAll } from './__tests__/test-support';
import type { IgateDossier } from './types';

afterEach(stopAll);

const HOUR = 3_600_000;
let sim: RunningIgateSimulator;
let token: string;
let stored: IgateDossier[];

/** 25 dossiers an hour apart, a third of them moved to processing. */
beforeEach(async () => {
  sim = await start({ now: manualClock(IGATE_FIXTURE_TIME).now });
  token = await login(sim);
  const rand = mulberry32(11);
  stored = Array.from({ length: 25 }, (_, i) => {
    const d = generateIgateDossier(rand, IGATE_FIXTURE_TIME - (25 - i) * HOUR, i + 1);
    return sim.simulator.upsertDossier(i % 3 === 0 ? { ...d, dossierStatus: 2 } : d);
  });
});

const search = async (query: string) => call(sim, 'GET', `/pa/dossier/search?${query}`, { token });
const codes = (page: { content: IgateDossier[] }) => page.content.map((d) => d.code);

describe('igate simulator: GET /pa/dossier/search paging', () => {
  it('pages (spec=page) by updatedDate desc by default, with Spring Data totals', async () => {
    const first = (await search('')).body;
    expect(first).toMatchObject({
      totalElements: 25,
      totalPages: 2,
      number: 0,
      size: 20,
      numberOfElements: 20,
      first: true,
      last: false,
      empty: false,
    });
    expect(first.pageable).toMatchObject({ pageNumber: 0, pageSize: 20, offset: 0 });
    expect(codes(first)[0]).toBe(stored[24].code);
    const second = (await search('page=1')).body;
    expect(second).toMatchObject({ number: 1, numberOfElements: 5, first: false, last: true });
    expect([...codes(first), ...codes(second)]).toEqual(stored.map((d) => d.code).reverse());
    expect((await search('page=9')).body).toMatchObject({
      content: [],
      empty: true,
      last: true,
      totalElements: 25,
    });
  });

  it('answers a slice (spec=slice) without totals', async () => {
    const slice = (await search('spec=slice&size=10&page=2')).body;
    expect(slice).not.toHaveProperty('totalElements');
    expect(slice).not.toHaveProperty('totalPages');
    expect(slice).toMatchObject({ number: 2, size: 10, numberOfElements: 5, last: true });
    expect((await search('spec=slice&size=10')).body.last).toBe(false);
  });

  it('sorts by id, code, updatedDate or acceptedDate, ascending or descending', async () => {
    const byCode = codes((await search('sort=code,asc&size=25')).body);
    expect(byCode).toEqual([...byCode].sort());
    const accepted = (await search('sort=acceptedDate,asc&size=25')).body.content.map(
      (d: IgateDossier) => d.acceptedDate,
    );
    expect(accepted).toEqual([...accepted].sort());
    const ids = (await search('sort=id,desc&size=25')).body.content.map((d: IgateDossier) => d.id);
    expect(ids).toEqual([...ids].sort().reverse());
  });
});

describe('igate simulator: GET /pa/dossier/search filters', () => {
  it('filters by status list, code, agency, ancestor agency, acceptance window and apply method', async () => {
    expect((await search('dossier-status=2&size=50')).body.totalElements).toBe(9);
    expect((await search('dossier-status=1, 2&size=50')).body.totalElements).toBe(25);
    expect(codes((await search(`code=${stored[4].code.slice(-11)}`)).body)).toEqual([stored[4].code]);
    const agency = stored[0].agency;
    const own = stored.filter((d) => d.agency.id === agency.id).length;
    expect((await search(`agency-id=${agency.id}&size=50`)).body.totalElements).toBe(own);
    // Every agency of the sample registry sits under UBND tỉnh Quảng Ngãi.
    expect((await search('ancestor-agency-id=000000000191c4e1bd300048&size=50')).body.totalElements).toBe(25);
    const from = stored[20].acceptedDate as string;
    expect((await search(`accepted-from=${encodeURIComponent(from)}`)).body.totalElements).toBe(5);
    expect((await search(`accepted-to=${from.replace('+0000', 'Z')}`)).body.totalElements).toBe(21);
    expect((await search('accepted-from=2026-03-02&accepted-to=2026-03-02')).body.totalElements).toBe(
      stored.filter((d) => (d.acceptedDate as string) >= '2026-03-01T17:00').length,
    );
    const online = stored.filter((d) => d.applyMethod.id === 1).length;
    expect((await search('apply-method-id=1&size=50')).body.totalElements).toBe(online);
  });

  it('ignores unknown and empty parameters, as real clients send dozens of them', async () => {
    const res = await search(
      'identity-number=&applicant-name=&dossier-status=&apply-method-id=&remove-status=0&task-status-id=x',
    );
    expect(res.status).toBe(200);
    expect(res.body.totalElements).toBe(25);
  });

  it.each([
    ['spec=list', 'spec'],
    ['page=abc', 'page'],
    ['page=-1', 'page'],
    ['size=501', 'size'],
    ['size=0', 'size'],
    ['size=1.5', 'size'],
    ['dossier-status=2,x', 'dossier-status'],
    ['sort=applicant,asc', 'sort'],
    ['sort=code,up', 'sort'],
    ['accepted-from=yesterday', 'accepted-from'],
    ['accepted-to=2026-13-45T00:00:00Z', 'accepted-to'],
    ['apply-method-id=online', 'apply-method-id'],
  ])('refuses %s with a Spring 400 naming the parameter', async (query, param) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      timestamp: expect.any(String),
      status: 400,
      error: 'Bad Request',
      message: expect.stringContaining(`'${param}'`),
      path: '/pa/dossier/search',
    });
  });
});

describe('igate simulator: dossier and agency reads', () => {
  it('GET /pa/dossier/{id}/--online returns the full object; 404 for a code or an unknown id', async () => {
    expect((await call(sim, 'GET', `/pa/dossier/${stored[3].id}/--online`, { token })).body).toEqual(
      stored[3],
    );
    expect((await call(sim, 'GET', `/pa/dossier/${stored[3].code}/--online`, { token })).status).toBe(404);
    const missing = await call(sim, 'GET', '/pa/dossier/000000000000000000000000/--online', { token });
    expect(missing.body).toMatchObject({ status: 404, error: 'Not Found' });
  });

  it('GET /ba/agency/{id} answers the registry agency with its parent; 404 otherwise', async () => {
    const res = await call(sim, 'GET', '/ba/agency/6716a2c1f5b1b47c066e2001', { token });
    expect(res.body).toMatchObject({
      id: '6716a2c1f5b1b47c066e2001',
      code: '000.01.53.H48',
      name: [{ languageId: 228, name: 'UBND xã Bình Sơn' }],
      parent: { id: '000000000191c4e1bd300048', code: '000.00.00.H48' },
      status: 1,
    });
    // Bình Sơn district closed on 2025-06-30: it still resolves, marked closed.
    expect((await call(sim, 'GET', '/ba/agency/62174f6c378b3c2a75639fcc', { token })).body.status).toBe(0);
    expect((await call(sim, 'GET', '/ba/agency/ffffffffffffffffffffffff', { token })).status).toBe(404);
    expect((await call(sim, 'GET', '/pa/nothing-here', { token })).status).toBe(404);
  });
});
