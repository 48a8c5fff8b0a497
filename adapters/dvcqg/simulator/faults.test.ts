import { dossierFixture } from '../__fixtures__';
import { manualClock } from '../../../src/simulator/__tests__/manual-clock';
import { startPortal } from './__tests__/portal';
import type { Answer, Portal } from './__tests__/portal';
import { parseFaults } from './faults';
import { parseArgs } from './main';

let portal: Portal;
afterEach(async () => {
  await portal?.close();
});

const CODE = '000.00.53.H48-250701-0001';
const isProxyPage = (a: Answer): boolean => a.type.startsWith('text/html') && a.text.includes('nginx');

describe('dvcqg simulator faults', () => {
  it('outage: 503 with the proxy page on every portal route until healed; control routes stay up', async () => {
    portal = await startPortal({ outage: true });
    for (const answer of [
      await portal.post('/login', { username: 'lienthong', password: 'sandbox-password' }),
      await portal.call('any', 'TraCuuHoSo', { mahoso: CODE }),
      await portal.post('/v2/hoso/them-moi', [dossierFixture()]),
    ]) {
      expect(answer.status).toBe(503);
      expect(isProxyPage(answer)).toBe(true);
    }
    expect((await portal.get('/_sim/state')).json).toMatchObject({ faulted: { outage: 3 } });
    expect((await portal.post('/_faults', {})).json).toEqual({ seed: expect.any(Number) });
    expect(typeof (await portal.login())).toBe('string');
  });

  it('outages: 503 inside a window [from, to), normal outside', async () => {
    const clock = manualClock(Date.parse('2025-07-01T01:59:59Z'));
    const window = { from: '2025-07-01T02:00:00Z', to: '2025-07-01T03:00:00Z' };
    portal = await startPortal({ outages: [window], now: clock.now });
    const login = async (): Promise<number> =>
      (await portal.post('/login', { username: 'lienthong', password: 'sandbox-password' })).status;
    expect(await login()).toBe(200);
    clock.advance(1000);
    expect(await login()).toBe(503);
    clock.advance(3_599_999);
    expect(await login()).toBe(503);
    clock.advance(1);
    expect(await login()).toBe(200);
  });

  it('errorRate: 500/502/503 with an HTML page or nothing, storing nothing; the seed replays the run', async () => {
    const run = async (seed: number): Promise<string[]> => {
      portal = await startPortal({ seed, errorRate: 0.5 });
      const outcomes: string[] = [];
      for (let i = 1; i <= 30; i++) {
        const code = `000.00.53.H48-250701-${String(i).padStart(4, '0')}`;
        const answer = await portal.post('/v2/hoso/them-moi', [
          dossierFixture('new-dossier', { MaHoSo: code }),
        ]);
        const stored = (await portal.get(`/_sim/dossiers/${code}`)).status === 200;
        if (answer.status === 200) expect(stored).toBe(true);
        else {
          expect(stored).toBe(false);
          expect(answer.text === '' || isProxyPage(answer)).toBe(true);
        }
        outcomes.push(`${answer.status}${answer.text === '' ? '-empty' : ''}`);
      }
      await portal.close();
      return outcomes;
    };
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    expect(await run(43)).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(3);
  });

  it('rolls the dice only after authentication: refusals do not fail or shift the sequence', async () => {
    // The same seeded run of lookups, once alone and once with refused requests before each lookup.
    const run = async (refusals: boolean): Promise<string[]> => {
      portal = await startPortal({ seed: 1, errorRate: 0.5 });
      const session = await portal.login();
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i++) {
        if (refusals) {
          const bad = await portal.post('/login', { username: 'x', password: 'y' });
          expect(bad.json?.error_code).toBe('-1');
          expect((await portal.call('made-up', 'TraCuuHoSo', { mahoso: CODE })).json?.error_code).toBe('-2');
          const noHeader = await portal.post('/service', { session: 'x' });
          expect(noHeader.status).toBe(400);
        }
        const answer = await portal.call(session, 'TraCuuHoSo', { mahoso: CODE });
        outcomes.push(`${answer.status}${answer.text === '' ? '-empty' : ''}`);
      }
      await portal.close();
      return outcomes;
    };
    const alone = await run(false);
    expect(alone).toContain('200');
    expect(alone.some((o) => Number(o.slice(0, 3)) >= 500)).toBe(true);
    expect(await run(true)).toEqual(alone);
  });

  it('alreadyExistsRate: a new dossier is stored but answered -3; the update that follows succeeds', async () => {
    portal = await startPortal({ alreadyExistsRate: 1 });
    const session = await portal.login();
    expect((await portal.sync(session, [dossierFixture()])).json).toEqual({
      error_code: '-3',
      message: `Hồ sơ ${CODE} đã tồn tại`,
    });
    expect((await portal.get(`/_sim/dossiers/${CODE}`)).status).toBe(200);
    expect((await portal.sync(session, [dossierFixture()], 'True')).json?.error_code).toBe(0);
    const state = (await portal.get('/_sim/state')).json;
    expect(state).toMatchObject({ faulted: { alreadyExists: 1 }, rejections: {} });
  });

  it('latencyMs slows every portal answer', async () => {
    portal = await startPortal({ latencyMs: 120 });
    const started = Date.now();
    await portal.login();
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('refuses a bad fault set by name, at runtime and in options', async () => {
    portal = await startPortal();
    const bad = await portal.post('/_faults', { errorRate: 2 });
    expect([bad.status, bad.json]).toEqual([
      400,
      { code: 'LT_DVCQG_SIM_FAULTS', detail: 'faults.errorRate: a number from 0 to 1' },
    ]);
    expect(() =>
      parseFaults({ outages: [{ from: '2025-07-02T00:00:00Z', to: '2025-07-01T00:00:00Z' }] }),
    ).toThrow('faults.outages[0]: { from, to } ISO instants with from < to');
    expect(() => parseFaults({ failureRate: 0.1 })).toThrow(/faults.failureRate: unknown fault/);
    const set = await portal.post('/_faults', { outage: false, seed: 5, alreadyExistsRate: 0.5 });
    expect(set.json).toEqual({ outage: false, seed: 5, alreadyExistsRate: 0.5 });
    expect((await portal.get('/_faults')).json).toEqual(set.json);
  });
});

describe('dvcqg simulator command line', () => {
  it('reads options and faults from flags, the password from the environment', () => {
    const options = parseArgs(
      ['--port', '0', '--error-rate', '0.2', '--dstcode', 'LGSP', '--outage', '--seed', '7'],
      {
        LIENTHONG_DVCQG_PASSWORD: 'secret',
      },
    );
    expect(options).toEqual({
      port: 0,
      host: '127.0.0.1',
      dstcode: 'LGSP',
      errorRate: 0.2,
      outage: true,
      seed: 7,
      password: 'secret',
    });
    expect(parseArgs([], {})).toEqual({ port: 9091, host: '127.0.0.1' });
  });
});
