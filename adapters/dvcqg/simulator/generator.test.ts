import { dossierProblems } from '../validate';
import { mulberry32 } from '../../../src/simulator/random';
import { NATIONAL_DOSSIER_PREFIX, generateNationalDossier } from './generator';
import { nationalProcedures } from './procedures';
import { startPortal } from './__tests__/portal';

const procedures = nationalProcedures();
const knownProcedures = new Set(procedures.map((p) => p.code));
const NOW = new Date('2025-07-02T07:30:15Z');

describe('generateNationalDossier', () => {
  it('passes the strict validator for 200 seeds', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const dossier = generateNationalDossier(mulberry32(seed), NOW, seed);
      expect({ seed, problems: dossierProblems(dossier, { knownProcedures }) }).toEqual({
        seed,
        problems: [],
      });
    }
  });

  it('looks like a national submission: code, status, channel, applicant, procedure', () => {
    const dossier = generateNationalDossier(mulberry32(7), NOW, 42);
    expect(dossier).toMatchObject({
      MaHoSo: `${NATIONAL_DOSSIER_PREFIX}-250702-0042`,
      TrangThaiHoSo: '1',
      KenhThucHien: '2',
      LoaiDoiTuong: '1',
      NgayNopHoSo: '20250702143015',
      NgayTiepNhan: '',
      NgayHenTra: '',
    });
    expect(dossier.ChuHoSo).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
    expect(dossier.SoGiayToChuHoSo).toMatch(/^051[0-3]\d{8}$/);
    expect(dossier.DinhDanhCHS).toEqual([{ LoaiDinhDanh: '1', SoDinhDanh: dossier.SoGiayToChuHoSo }]);
    expect(dossier.MaDoiTuong).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(dossier.ThongTinKhac).toMatch(/, (phường|xã) [^,]+, tỉnh Quảng Ngãi$/);
    const procedure = procedures.find((p) => p.code === dossier.MaTTHC);
    expect(dossier.TenTTHC).toBe(procedure?.name);
  });

  it('is reproducible from the seed and varies across seeds', () => {
    expect(generateNationalDossier(mulberry32(3), NOW, 1)).toEqual(
      generateNationalDossier(mulberry32(3), NOW, 1),
    );
    const names = new Set(
      Array.from({ length: 50 }, (_, s) => generateNationalDossier(mulberry32(s), NOW, 1).ChuHoSo),
    );
    expect(names.size).toBeGreaterThan(30);
    const codes = new Set(
      Array.from({ length: 50 }, (_, s) => generateNationalDossier(mulberry32(s), NOW, 1).MaTTHC),
    );
    expect(codes).toEqual(knownProcedures);
  });

  it('is accepted by the simulated portal', async () => {
    const portal = await startPortal();
    try {
      const rand = mulberry32(11);
      const data = Array.from({ length: 5 }, (_, i) => generateNationalDossier(rand, NOW, i + 1));
      const session = await portal.login();
      expect((await portal.sync(session, data)).json?.error_code).toBe(0);
      expect(((await portal.get('/_sim/dossiers')).json?.items as unknown[]).length).toBe(5);
    } finally {
      await portal.close();
    }
  });
});
