import { dossierFixture, invalidDossierFixture, progressFixture } from '../__fixtures__';
import { isDvcqgAlreadyExists } from '../wire';
import { manualClock } from '../../../src/simulator/__tests__/manual-clock';
import { AGENCY, PORTAL_TIME, startPortal } from './__tests__/portal';
import type { Portal } from './__tests__/portal';

// Real loopback HTTP: the simulator on port 0, driven with fetch.
let portal: Portal;
afterEach(async () => {
  await portal?.close();
});

const CODE = '000.00.53.H48-250701-0001';

describe('dvcqg simulator, generation 1: login and envelope', () => {
  it('opens a session for the right credentials only', async () => {
    portal = await startPortal();
    const ok = await portal.post('/login', { username: 'lienthong', password: 'sandbox-password' });
    expect(ok.json).toEqual({ error_code: 0, message: 'Thành công', session: expect.any(String) });
    const bad = await portal.post('/login', { username: 'lienthong', password: 'nope' });
    expect([bad.status, bad.json]).toEqual([
      200,
      { error_code: '-1', message: 'Sai tên đăng nhập hoặc mật khẩu' },
    ]);
    expect((await portal.get('/_sim/state')).json).toMatchObject({
      logins: 1,
      rejections: { credentials: 1 },
    });
  });

  it('answers -2 to an unknown, expired or ended session', async () => {
    const clock = manualClock(PORTAL_TIME);
    portal = await startPortal({ sessionTtlMs: 1000, now: clock.now });
    const expectSession = async (session: string, code: number | string): Promise<void> => {
      const answer = await portal.call(session, 'TraCuuHoSo', { mahoso: CODE });
      expect(answer.json?.error_code).toBe(code);
    };
    await expectSession('made-up', '-2');
    const session = await portal.login();
    clock.advance(999);
    await expectSession(session, 0);
    clock.advance(1);
    await expectSession(session, '-2');
    expect((await portal.call('x', 'TraCuuHoSo')).json?.message).toBe(
      'Phiên đăng nhập không hợp lệ hoặc đã hết hạn',
    );
    const next = await portal.login();
    expect((await portal.post('/_sim/expire-sessions', {})).json).toEqual({ expired: 1 });
    await expectSession(next, '-2');
  });

  it('refuses a missing or wrong dstcode, and a body that is not JSON, with HTTP 400', async () => {
    portal = await startPortal();
    const session = await portal.login();
    const envelope = { session, madonvi: AGENCY, service: 'TraCuuHoSo', mahoso: CODE };
    for (const headers of [{}, { dstcode: 'OTHER' }] as Record<string, string>[]) {
      const answer = await portal.post('/service', envelope, headers);
      expect([answer.status, answer.json?.error_code]).toEqual([400, '1']);
      expect(answer.json?.message).toMatch(/dstcode/);
    }
    const plain = await portal.post('/service', JSON.stringify(envelope), {
      dstcode: 'DVCQG',
      'content-type': 'text/plain',
    });
    expect([plain.status, plain.json?.message]).toEqual([400, 'Content-Type phải là application/json']);
    const broken = await portal.post('/service', '{"session":', { dstcode: 'DVCQG' });
    expect([broken.status, broken.json?.error_code]).toEqual([400, '1']);
  });

  it('refuses a malformed madonvi and an unknown service', async () => {
    portal = await startPortal();
    const session = await portal.login();
    const lower = await portal.post(
      '/service',
      { session, madonvi: '000.00.00.h48', service: 'TraCuuHoSo', mahoso: CODE },
      { dstcode: 'DVCQG' },
    );
    expect(lower.json?.error_code).toBe('1');
    expect(lower.json?.message).toMatch(/^madonvi không hợp lệ/);
    expect((await portal.call(session, 'LayThuTuc', { maTTHC: '1.001612' })).json).toEqual({
      error_code: '1',
      message: 'Dịch vụ không hỗ trợ: LayThuTuc',
    });
  });
});

describe('dvcqg simulator, generation 1: dossiers and progress', () => {
  it('looks a dossier up: nothing before the first sync, its status and time after', async () => {
    const clock = manualClock(PORTAL_TIME);
    portal = await startPortal({ now: clock.now });
    const session = await portal.login();
    expect((await portal.call(session, 'TraCuuHoSo', { mahoso: CODE })).json).toEqual({
      error_code: 0,
      message: 'Thành công',
      result: [],
    });
    expect((await portal.sync(session, [dossierFixture()])).json?.error_code).toBe(0);
    expect((await portal.call(session, 'TraCuuHoSo', { mahoso: CODE })).json?.result).toEqual([
      { MaHoSo: CODE, TrangThaiHoSo: '2', NgayCapNhat: '20250701090000' },
    ]);
  });

  it('creates once (-3 after), updates only what exists (-4 before), and keeps the history', async () => {
    portal = await startPortal();
    const session = await portal.login();
    const unknown = await portal.sync(session, [dossierFixture()], 'True');
    expect(unknown.json).toEqual({ error_code: '-4', message: `Hồ sơ ${CODE} không tồn tại` });
    expect((await portal.sync(session, [dossierFixture()])).json).toEqual({
      error_code: 0,
      message: 'Đồng bộ thành công',
    });
    const again = await portal.sync(session, [dossierFixture()]);
    expect(again.json).toEqual({ error_code: '-3', message: `Hồ sơ ${CODE} đã tồn tại` });
    expect(isDvcqgAlreadyExists(again.json ?? {})).toBe(true);
    const processing = dossierFixture('new-dossier', { TrangThaiHoSo: '4' });
    expect((await portal.sync(session, [processing], 'True')).json?.error_code).toBe(0);
    const stored = await portal.get(`/_sim/dossiers/${encodeURIComponent(CODE)}`);
    expect(stored.json).toEqual({
      dossier: processing,
      syncs: [
        { at: expect.any(String), isUpdating: false, status: '2' },
        { at: expect.any(String), isUpdating: true, status: '4' },
      ],
      progress: [],
    });
    expect((await portal.get('/_sim/dossiers/nope')).status).toBe(404);
  });

  it('refuses an invalid dossier naming every problem, and stores nothing of the batch', async () => {
    portal = await startPortal();
    const session = await portal.login();
    const answer = await portal.sync(session, [dossierFixture(), invalidDossierFixture()]);
    expect(answer.json?.error_code).toBe('1');
    const message = String(answer.json?.message);
    expect(message).toMatch(/^Dữ liệu không hợp lệ: data\[1\]\./);
    for (const problem of [
      'data[1].KenhThucHien: must be a string, got number',
      'data[1].NgayHenTra: must be yyyyMMddHHmmss or "", got "20250231170000"',
      'data[1].TrangThaiHoSo: unknown status code (1..10), got "11"',
      'data[1].MaTTHC: unknown national procedure code "9.999999"',
    ])
      expect(message).toContain(problem);
    expect((await portal.get('/_sim/dossiers')).json).toEqual({ items: [] });
    const flag = await portal.call(session, 'DongBoHoSoMC', { isUpdating: true, data: [dossierFixture()] });
    expect(flag.json).toEqual({ error_code: '1', message: 'isUpdating phải là "True" hoặc "False"' });
    expect((await portal.sync(session, [])).json?.message).toBe(
      'Dữ liệu không hợp lệ: data: must be a non-empty array',
    );
  });

  it('takes progress only for synced dossiers, in arrival order', async () => {
    portal = await startPortal();
    const session = await portal.login();
    const early = await portal.call(session, 'CapNhatTienDoHoSoMC', { data: [progressFixture()] });
    expect(early.json).toEqual({ error_code: '2', message: `Hồ sơ ${CODE} chưa được đồng bộ` });
    await portal.sync(session, [dossierFixture()]);
    const steps = [progressFixture(), progressFixture({ TrangThai: '4', NoiDungXuLy: 'Chuyển xử lý' })];
    const ok = await portal.call(session, 'CapNhatTienDoHoSoMC', { data: steps });
    expect(ok.json).toEqual({ error_code: 0, message: 'Cập nhật tiến độ thành công' });
    const bad = await portal.call(session, 'CapNhatTienDoHoSoMC', { data: [{ ...steps[0], TrangThai: 2 }] });
    expect(bad.json?.message).toBe('Dữ liệu không hợp lệ: data[0].TrangThai: must be a string, got number');
    expect((await portal.get(`/_sim/dossiers/${CODE}`)).json?.progress).toEqual(steps);
    expect((await portal.get('/_sim/dossiers')).json).toEqual({
      items: [{ code: CODE, status: '2', syncs: 1, progress: 2 }],
    });
  });

  it('counts requests and refusals, and forgets dossiers on reset', async () => {
    portal = await startPortal();
    const session = await portal.login();
    await portal.sync(session, [dossierFixture()]);
    await portal.sync(session, [dossierFixture()]);
    await portal.call(session, 'TraCuuHoSo', { mahoso: CODE });
    expect((await portal.get('/_sim/state')).json).toMatchObject({
      logins: 1,
      sessions: 1,
      dossiers: 1,
      requests: { DongBoHoSoMC: 2, TraCuuHoSo: 1 },
      rejections: { already_exists: 1 },
      faults: { seed: expect.any(Number) },
    });
    expect((await portal.post('/_reset', {})).json).toMatchObject({ dossiers: 0, logins: 0, sessions: 1 });
    expect((await portal.call(session, 'TraCuuHoSo', { mahoso: CODE })).json?.result).toEqual([]);
  });
});
