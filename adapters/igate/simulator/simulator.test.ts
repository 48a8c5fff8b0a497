import { IGATE_FIXTURE_TIME, igateFixture } from '../__fixtures__';
import { parseArgs } from './main';
import { manualClock } from '../../../src/simulator/__tests__/manual-clock';
import { call, login, start, stopAll, tokenRequest } from './__tests__/test-support';

afterEach(stopAll);

describe('igate simulator: faults', () => {
  async function outcomes(seed: number, n = 30): Promise<number[]> {
    const sim = await start();
    const token = await login(sim);
    sim.simulator.setFaults({ errorRate: 0.4, seed });
    const statuses = [];
    for (let i = 0; i < n; i++)
      statuses.push((await call(sim, 'GET', '/pa/dossier/search', { token })).status);
    await sim.close();
    return statuses;
  }

  it('errorRate answers 500 (Spring JSON), 502 and 503 (nginx HTML); a seed replays the same run', async () => {
    const a = await outcomes(7);
    expect(await outcomes(7)).toEqual(a);
    expect(await outcomes(8)).not.toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 500, 502, 503]));
    const sim = await start({ errorRate: 1, seed: 1 });
    const seen = new Map<number, unknown>();
    for (let i = 0; i < 12; i++) {
      const res = await call(sim, 'GET', '/pa/dossier/search');
      seen.set(res.status, res.body);
    }
    expect(seen.get(500)).toMatchObject({
      status: 500,
      error: 'Internal Server Error',
      path: '/pa/dossier/search',
    });
    expect(seen.get(502)).toContain('502 Bad Gateway');
    expect(sim.simulator.state.answers.failed).toBe(12);
  });

  it('outage and outage windows answer 503 on every route but the control ones', async () => {
    const c = manualClock(Date.parse('2026-03-02T01:00:00Z'));
    const window = { from: '2026-03-02T02:00:00Z', to: '2026-03-02T03:00:00Z' };
    const sim = await start({ now: c.now, tokenTtlSeconds: 86_400, outages: [window] });
    const token = await login(sim);
    c.set(Date.parse('2026-03-02T02:30:00Z'));
    expect((await call(sim, 'GET', '/pa/dossier/search', { token })).status).toBe(503);
    expect((await tokenRequest(sim, { grant_type: 'client_credentials' })).status).toBe(503);
    expect((await call(sim, 'GET', '/_sim/state')).status).toBe(200);
    c.set(Date.parse('2026-03-02T03:00:00Z'));
    expect((await call(sim, 'GET', '/pa/dossier/search', { token })).status).toBe(200);
    sim.simulator.setFaults({ outage: true });
    expect((await call(sim, 'GET', '/pa/dossier/search', { token })).status).toBe(503);
    expect(sim.simulator.state.answers.outage).toBe(3);
  });

  it('latencyMs delays answers; faults change through POST /_faults and bad ones are refused by name', async () => {
    const sim = await start();
    expect((await call(sim, 'POST', '/_faults', { json: { latencyMs: 120, seed: 3 } })).body).toEqual({
      latencyMs: 120,
      seed: 3,
    });
    const t = Date.now();
    await call(sim, 'GET', '/pa/dossier/search');
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    const bad = await call(sim, 'POST', '/_faults', { json: { errorRate: 2 } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      code: 'LT_IGATE_SIM_FAULTS',
      detail: 'faults.errorRate: a number from 0 to 1',
    });
    const window = await call(sim, 'POST', '/_faults', {
      json: { outages: [{ from: '2026-01-02', to: '2026-01-01' }] },
    });
    expect(window.body.detail).toBe('faults.outages[0]: to must be after from');
    expect((await call(sim, 'GET', '/_faults')).body).toEqual({ latencyMs: 120, seed: 3 });
  });
});

describe('igate simulator: control routes', () => {
  it('upserts, reads by id or code, patches (bumping updatedDate and the task status) and resets', async () => {
    const c = manualClock(IGATE_FIXTURE_TIME);
    const sim = await start({ now: c.now });
    const dossier = igateFixture('received-dossier');
    expect((await call(sim, 'POST', '/_sim/dossiers', { json: dossier })).body).toEqual(dossier);
    expect((await call(sim, 'GET', `/_sim/dossiers/${dossier.code}`)).body.id).toBe(dossier.id);
    c.advance(60_000);
    const patched = await call(sim, 'PATCH', `/_sim/dossiers/${dossier.id}`, { json: { dossierStatus: 2 } });
    expect(patched.body).toMatchObject({ dossierStatus: 2, updatedDate: '2026-03-02T02:16:00.000+0000' });
    expect(patched.body.dossierTaskStatus.name[0].name).toBe('Đang xử lý');
    expect((await call(sim, 'PATCH', '/_sim/dossiers/nope', { json: {} })).status).toBe(404);
    expect((await call(sim, 'PATCH', `/_sim/dossiers/${dossier.id}`, { json: { code: 'X' } })).status).toBe(
      400,
    );
    expect((await call(sim, 'POST', '/_sim/dossiers', { json: { ...dossier, id: 'short' } })).body.code).toBe(
      'LT_IGATE_SIM_DOSSIER',
    );
    expect((await call(sim, 'GET', '/_sim/state')).body).toMatchObject({ dossiers: 1, byStatus: { 2: 1 } });
    expect((await call(sim, 'POST', '/_reset')).body.dossiers).toBe(0);
    expect((await call(sim, 'GET', '/_sim/dossiers')).body).toEqual([]);
  });
});

describe('igate simulator: standalone command line', () => {
  it('reads faults and trickle from flags, credentials from the environment', () => {
    const options = parseArgs(
      [
        '--port',
        '0',
        '--error-rate',
        '0.2',
        '--outage-window',
        '2026-03-02T02:00:00Z/2026-03-02T03:00:00Z',
        '--seed',
        '7',
        '--trickle-ms',
        '500',
        '--token-ttl',
        '60',
      ],
      { LIENTHONG_IGATE_CLIENT_ID: 'gw', LIENTHONG_IGATE_CLIENT_SECRET: 's3' },
    );
    expect(options).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      errorRate: 0.2,
      seed: 7,
      outages: [{ from: '2026-03-02T02:00:00Z', to: '2026-03-02T03:00:00Z' }],
      tokenTtlSeconds: 60,
      clients: [{ clientId: 'gw', clientSecret: 's3' }],
      trickle: { intervalMs: 500 },
    });
    expect(parseArgs([], {})).toEqual({ port: 9091, host: '127.0.0.1' });
  });

  it('refuses a rate outside 0..1', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => parseArgs(['--error-rate', '1.5'], {})).toThrow(/a number from 0 to 1/);
    } finally {
      stderr.mockRestore();
    }
  });
});
