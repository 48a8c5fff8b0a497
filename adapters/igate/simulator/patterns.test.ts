import { IGATE_FIXTURE_TIME } from '../__fixtures__';
import type { RunningIgateSimulator } from './server';
import { manualClock } from '../../../src/simulator/__tests__/manual-clock';
import {
  BINH_HAI,
  BINH_SON,
  KET_HON,
  KHAI_SINH,
  allocate,
  call,
  login,
  start,
  stopAll,
} from './__tests__/test-support';

afterEach(stopAll);

let sim: RunningIgateSimulator;
let token: string;
let c: ReturnType<typeof manualClock>;

beforeEach(async () => {
  c = manualClock(IGATE_FIXTURE_TIME);
  // Tokens outlive the clock jumps of the day-boundary test.
  sim = await start({ now: c.now, tokenTtlSeconds: 86_400 });
  token = await login(sim);
});

describe('igate simulator: code pattern service', () => {
  it('answers the pattern of an agency and procedure; 404 unknown, 400 for a missing parameter', async () => {
    const pattern = await call(
      sim,
      'GET',
      `/bd/config/get-pattern?agency-id=${BINH_HAI}&procedure-id=${KHAI_SINH.id}`,
      { token },
    );
    expect(pattern.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      agencyId: BINH_HAI,
      procedureId: KHAI_SINH.id,
    });
    expect(
      (
        await call(sim, 'GET', `/bd/config/get-pattern?agency-id=${BINH_HAI}&procedure-id=${BINH_HAI}`, {
          token,
        })
      ).status,
    ).toBe(404);
    const missing = await call(sim, 'GET', `/bd/config/get-pattern?agency-id=${BINH_HAI}`, { token });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("'procedure-id'");
    const next = `/bt/pattern/${pattern.body.id}/--get-next-value`;
    expect((await call(sim, 'GET', `${next}?code=${KET_HON.code}`, { token })).status).toBe(400);
    expect((await call(sim, 'GET', `${next}`, { token })).body.message).toContain("'code'");
    expect(
      (await call(sim, 'GET', `/bt/pattern/${'0'.repeat(24)}/--get-next-value?code=x`, { token })).status,
    ).toBe(404);
  });

  it('counts <agency code>-<yyMMdd>-<seq> per agency per local (Vietnam) day', async () => {
    expect(await allocate(sim, token, BINH_HAI, KHAI_SINH)).toBe('000.02.53.H48-260302-0001');
    expect(await allocate(sim, token, BINH_HAI, KET_HON)).toBe('000.02.53.H48-260302-0002');
    expect(await allocate(sim, token, BINH_SON, KHAI_SINH)).toBe('000.01.53.H48-260302-0001');
    c.set(Date.parse('2026-03-02T16:59:59.999Z')); // 23:59:59 in Vietnam, still 2 March
    expect(await allocate(sim, token, BINH_HAI, KHAI_SINH)).toBe('000.02.53.H48-260302-0003');
    c.set(Date.parse('2026-03-02T17:00:00.000Z')); // midnight in Vietnam: a new day, a new sequence
    expect(await allocate(sim, token, BINH_HAI, KHAI_SINH)).toBe('000.02.53.H48-260303-0001');
  });

  it('starts each day after firstSequence, so a restarted sandbox does not reuse stored codes', async () => {
    const later = await start({ now: c.now, tokenTtlSeconds: 86_400, firstSequence: 4200 });
    const laterToken = await login(later);
    expect(await allocate(later, laterToken, BINH_HAI, KHAI_SINH)).toBe('000.02.53.H48-260302-4201');
    c.set(Date.parse('2026-03-02T17:00:00.000Z'));
    expect(await allocate(later, laterToken, BINH_HAI, KHAI_SINH)).toBe('000.02.53.H48-260303-4201');
  });
});
