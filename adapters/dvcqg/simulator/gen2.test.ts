import { dossierFixture, invalidDossierFixture, progressFixture } from '../__fixtures__';
import { startPortal } from './__tests__/portal';
import type { Portal } from './__tests__/portal';

let portal: Portal;
afterEach(async () => {
  await portal?.close();
});

const CODE = '000.00.53.H48-250701-0001';

describe('dvcqg simulator, generation 2 (bare arrays, no login)', () => {
  it('creates, answers "-3 đã tồn tại" to a second create, and updates only what exists', async () => {
    portal = await startPortal();
    expect((await portal.post('/v2/hoso/cap-nhat', [dossierFixture()])).json).toEqual({
      error_code: '-4',
      message: `Hồ sơ ${CODE} không tồn tại`,
    });
    expect((await portal.post('/v2/hoso/them-moi', [dossierFixture()])).json).toEqual({
      error_code: '0',
      message: 'Thêm mới thành công',
    });
    const other = dossierFixture('national-submission');
    // One existing dossier in the batch refuses the batch, as TD expects: it then sends it all as updates.
    expect((await portal.post('/v2/hoso/them-moi', [other, dossierFixture()])).json).toEqual({
      error_code: '-3',
      message: 'Hồ sơ đã tồn tại',
    });
    expect((await portal.get(`/_sim/dossiers/${other.MaHoSo}`)).status).toBe(404);
    const update = await portal.post('/v2/hoso/cap-nhat', [
      dossierFixture('new-dossier', { TrangThaiHoSo: '9' }),
    ]);
    expect(update.json).toEqual({ error_code: '0', message: 'Cập nhật thành công' });
    expect((await portal.get('/_sim/dossiers')).json).toEqual({
      items: [{ code: CODE, status: '9', syncs: 2, progress: 0 }],
    });
  });

  it('names the problems of an invalid array, or of a body that is not one', async () => {
    portal = await startPortal();
    const invalid = await portal.post('/v2/hoso/them-moi', [invalidDossierFixture()]);
    expect(invalid.json?.error_code).toBe('1');
    expect(invalid.json?.message).toContain('[0].NgayTiepNhan: must be yyyyMMddHHmmss or ""');
    const object = await portal.post('/v2/hoso/them-moi', dossierFixture());
    expect(object.json).toEqual({
      error_code: '1',
      message: 'Dữ liệu không hợp lệ: body: must be a non-empty array',
    });
  });

  it('takes progress in chunks of at most 10 and answers in plain text', async () => {
    portal = await startPortal();
    const before = await portal.post('/v2/hoso/tien-do', [progressFixture()]);
    expect([before.status, before.text]).toEqual([200, `Lỗi: Hồ sơ ${CODE} chưa được đồng bộ`]);
    expect(before.type).toMatch(/^text\/plain/);
    await portal.post('/v2/hoso/them-moi', [dossierFixture()]);
    const ten = Array.from({ length: 10 }, (_, i) => progressFixture({ NoiDungXuLy: `Bước ${i + 1}` }));
    const ok = await portal.post('/v2/hoso/tien-do', ten);
    expect([ok.status, ok.text]).toEqual([200, 'Đồng bộ tiến độ thành công']);
    expect(ok.type).toMatch(/^text\/plain/);
    const eleven = await portal.post('/v2/hoso/tien-do', [...ten, progressFixture()]);
    expect([eleven.status, eleven.text]).toEqual([400, 'Lỗi: tối đa 10 tiến độ mỗi lần, nhận 11']);
    const invalid = await portal.post('/v2/hoso/tien-do', [progressFixture({ ThoiDiemXuLy: '' })]);
    expect([invalid.status, invalid.text]).toEqual([
      200,
      'Lỗi: Dữ liệu không hợp lệ: [0].ThoiDiemXuLy: must be yyyyMMddHHmmss, got ""',
    ]);
    const stored = await portal.get(`/_sim/dossiers/${CODE}`);
    expect((stored.json?.progress as { NoiDungXuLy: string }[]).map((p) => p.NoiDungXuLy)).toEqual(
      ten.map((p) => p.NoiDungXuLy),
    );
    expect((await portal.get('/_sim/state')).json).toMatchObject({
      requests: { 'v2/hoso/them-moi': 1, 'v2/hoso/tien-do': 4 },
      rejections: { not_synced: 1, too_many: 1, invalid: 1 },
    });
  });
});
