import { LtError } from '../../src/errors';
import { dossierFixture, invalidDossierFixture, progressFixture } from './__fixtures__';
import { nationalProcedures } from './simulator/procedures';
import { dossierProblems, progressProblems } from './validate';
import { formatDvcqgTime, isDvcqgAlreadyExists, isDvcqgSuccess, parseDvcqgTime } from './wire';

const knownProcedures = new Set(nationalProcedures().map((p) => p.code));

describe('dossierProblems', () => {
  it.each(['new-dossier', 'national-submission'] as const)('accepts the %s fixture', (scenario) => {
    expect(dossierProblems(dossierFixture(scenario), { knownProcedures })).toEqual([]);
  });

  it('names every problem of the invalid fixture', () => {
    expect(dossierProblems(invalidDossierFixture(), { knownProcedures })).toEqual([
      'KenhThucHien: must be a string, got number',
      'ChuHoSo: must not be empty, got ""',
      'NgayTiepNhan: must be yyyyMMddHHmmss or "", got "2025-07-01 09:00"',
      'NgayHenTra: must be yyyyMMddHHmmss or "", got "20250231170000"',
      'TrangThaiHoSo: unknown status code (1..10), got "11"',
      'DanhSachLePhi[0].Gia: must be a string of digits, got "100.000"',
      'DiaChi: unknown field',
      'MaTTHC: unknown national procedure code "9.999999"',
    ]);
  });

  it('checks procedure codes against the known set only when one is given', () => {
    const dossier = dossierFixture('new-dossier', { MaTTHC: '2.000477' });
    expect(dossierProblems(dossier)).toEqual([]);
    expect(dossierProblems(dossier, { knownProcedures })).toEqual([
      'MaTTHC: unknown national procedure code "2.000477"',
    ]);
  });

  // Each row breaks one thing of the valid fixture; the title is the change.
  const TIME = 'must be yyyyMMddHHmmss or ""';
  it.each<[Record<string, unknown>, string]>([
    [
      { MaTTHC: '1.001612.000.00.00.H48' },
      'MaTTHC: must be a national code like 1.001612, got "1.001612.000.00.00.H48"',
    ],
    [{ MaHoSo: 'HS 1' }, 'MaHoSo: must be 1 to 64 of 0-9 A-Z a-z . _ / -, got "HS 1"'],
    [{ TrangThaiHoSo: 4 }, 'TrangThaiHoSo: must be a string, got number'],
    [{ KenhThucHien: '4' }, 'KenhThucHien: must be one of 1|2|3, got "4"'],
    [{ LoaiDoiTuong: '5' }, 'LoaiDoiTuong: must be one of 1|2|3|4, got "5"'],
    [{ HinhThuc: true }, 'HinhThuc: must be a string, got boolean'],
    [{ MaDoiTuong: null }, 'MaDoiTuong: must be a string, got null'],
    [{ DuocThanhToanTrucTuyen: '2' }, 'DuocThanhToanTrucTuyen: must be one of 1|3, got "2"'],
    [{ NgayTra: '20250431100000' }, `NgayTra: ${TIME}, got "20250431100000"`], // 31 April
    [{ NgayKetThucXuLy: '00010101000000' }, `NgayKetThucXuLy: ${TIME}, got "00010101000000"`], // C# null
    [{ NgayTuChoi: '20250701240000' }, `NgayTuChoi: ${TIME}, got "20250701240000"`],
    [{ NgayHenTra: '' }, 'NgayHenTra: required once received (TrangThaiHoSo "2")'],
    [{ ChuHoSo: undefined }, 'ChuHoSo: is required'],
    [{ TaiLieuNop: {} }, 'TaiLieuNop: must be an array'],
    [{ DSKetNoiCSDL: ['7'] }, 'DSKetNoiCSDL[0]: must be an object'],
    [{ DSKetNoiCSDL: [{ MaCSDL: '7', Ten: 'x' }] }, 'DSKetNoiCSDL[0].Ten: unknown field'],
    [
      { DanhSachLePhi: [{ TenPhiLePhi: 'Phí', Gia: 1 }] },
      'DanhSachLePhi[0].Gia: must be a string, got number',
    ],
    [
      { DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '123456789' }] },
      'DinhDanhCHS[0].SoDinhDanh: must be 12 digits for LoaiDinhDanh "1"',
    ],
    [
      { DinhDanhCHS: [{ LoaiDinhDanh: '3', SoDinhDanh: '1' }] },
      'DinhDanhCHS[0].LoaiDinhDanh: must be one of 1|2, got "3"',
    ],
    [
      { TaiLieuNop: [{ TenTepDinhKem: 'a.pdf', IsDeleted: 'false' }] },
      'TaiLieuNop[0].IsDeleted: must be one of True|False, got "false"',
    ],
  ])('names the problem of %j', (overrides, problem) => {
    expect(dossierProblems({ ...dossierFixture(), ...overrides }, { knownProcedures })).toEqual([problem]);
  });

  it('checks inside supplements, down to their own lists', () => {
    const supplement = {
      NgayBoSung: '2025',
      DanhSachGiayToBoSung: [{ Ten: 1 }],
      DanhSachLePhiBoSung: [{ TenPhiLePhi: 'x' }],
    };
    expect(dossierProblems({ ...dossierFixture(), DanhSachHoSoBoSung: [supplement] })).toEqual([
      `DanhSachHoSoBoSung[0].NgayBoSung: ${TIME}, got "2025"`,
      'DanhSachHoSoBoSung[0].DanhSachGiayToBoSung[0].Ten: must be a string, got number',
      'DanhSachHoSoBoSung[0].DanhSachLePhiBoSung[0].Gia: is required',
    ]);
  });

  it('leaves reception and due dates empty when the dossier was never received (1, 3, 7)', () => {
    for (const status of ['1', '3', '7']) {
      const dossier = dossierFixture('new-dossier', {
        TrangThaiHoSo: status,
        NgayTiepNhan: '',
        NgayHenTra: '',
      });
      expect(dossierProblems(dossier)).toEqual([]);
    }
    for (const status of ['2', '4', '5', '6', '8', '9', '10']) {
      const dossier = dossierFixture('new-dossier', { TrangThaiHoSo: status, NgayTiepNhan: undefined });
      expect(dossierProblems(dossier)).toEqual([
        `NgayTiepNhan: required once received (TrangThaiHoSo "${status}")`,
      ]);
    }
  });

  it('refuses what is not a dossier object', () => {
    expect(dossierProblems(null)).toEqual(['dossier: must be an object']);
    expect(dossierProblems([dossierFixture()])).toEqual(['dossier: must be an object']);
    expect(dossierProblems({})).toHaveLength(8);
  });
});

describe('progressProblems', () => {
  it('accepts the progress fixture and empty optional times', () => {
    expect(progressProblems(progressFixture())).toEqual([]);
    expect(progressProblems(progressFixture({ NgayBatDau: '', NgayKetThucTheoQuyDinh: '' }))).toEqual([]);
  });

  it('requires all nine fields as strings and a real ThoiDiemXuLy', () => {
    const { ChucDanh: _dropped, ...rest } = progressFixture();
    expect(progressProblems({ ...rest, ThoiDiemXuLy: '', TrangThai: 2, Ghi: '' })).toEqual([
      'ChucDanh: is required',
      'ThoiDiemXuLy: must be yyyyMMddHHmmss, got ""',
      'TrangThai: must be a string, got number',
      'Ghi: unknown field',
    ]);
    expect(progressProblems(progressFixture({ TrangThai: '0', NgayBatDau: '20250701' }))).toEqual([
      'TrangThai: unknown status code (1..10), got "0"',
      'NgayBatDau: must be yyyyMMddHHmmss or "", got "20250701"',
    ]);
    expect(progressProblems('x')).toEqual(['progress: must be an object']);
  });
});

describe('wire helpers', () => {
  it('knows the three spellings of success and nothing else', () => {
    expect([0, '0', '00'].map(isDvcqgSuccess)).toEqual([true, true, true]);
    expect([1, '000', ' 0', '', null, undefined, false].map(isDvcqgSuccess)).toEqual(Array(7).fill(false));
  });

  it('detects "already exists" by code and phrase, whatever the Unicode normalisation', () => {
    const message = 'Hồ sơ 000.00.53.H48-250701-0001 đã tồn tại';
    expect(isDvcqgAlreadyExists({ error_code: '-3', message })).toBe(true);
    expect(isDvcqgAlreadyExists({ error_code: 3, message: message.normalize('NFD') })).toBe(true);
    expect(isDvcqgAlreadyExists({ error_code: '3', message: 'Hồ sơ ĐÃ TỒN TẠI' })).toBe(true);
    expect(isDvcqgAlreadyExists({ error_code: '-4', message })).toBe(false);
    expect(isDvcqgAlreadyExists({ error_code: '-3', message: 'Hồ sơ không tồn tại' })).toBe(false);
    expect(isDvcqgAlreadyExists({ error_code: '-3' })).toBe(false);
  });

  it('formats instants in Vietnam time (UTC+7, no daylight saving)', () => {
    expect(formatDvcqgTime('2025-07-01T02:00:00Z')).toBe('20250701090000');
    expect(formatDvcqgTime('2025-12-31T17:30:05.999Z')).toBe('20260101003005');
    expect(formatDvcqgTime(new Date('2025-01-15T09:00:00+07:00'))).toBe('20250115090000');
    expect(() => formatDvcqgTime('yesterday')).toThrow(LtError);
    expect(() => formatDvcqgTime('1899-12-31T16:59:59Z')).toThrow(/out of range/);
  });

  it('parses yyyyMMddHHmmss back to ISO UTC, and only real times', () => {
    expect(parseDvcqgTime('20250701090000')).toBe('2025-07-01T02:00:00.000Z');
    expect(parseDvcqgTime('20240229235959')).toBe('2024-02-29T16:59:59.000Z');
    expect(parseDvcqgTime(formatDvcqgTime('2025-03-09T23:59:59Z'))).toBe('2025-03-09T23:59:59.000Z');
    for (const bad of [
      '20250229120000',
      '20251301000000',
      '20250700000000',
      '20250701126000',
      '2025070109000',
      '',
      '0001010100000a',
      '00010101000000',
    ]) {
      let caught: unknown;
      try {
        parseDvcqgTime(bad);
      } catch (err) {
        caught = err;
      }
      expect(caught).toMatchObject({ code: 'LT_DVCQG_BAD_TIME', kind: 'validation' });
    }
  });
});
