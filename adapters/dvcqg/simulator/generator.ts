import { formatDvcqgTime } from '../wire';
import type { DvcqgDossier } from '../wire';
import { FAMILY_NAMES, GIVEN_NAMES, HAMLETS, MIDDLE_NAMES, MOBILE_PREFIXES, STREETS, UNITS } from './names';
import { nationalProcedures } from './procedures';
import { processingAgencies } from './agencies';
import type { NationalProcedure } from './procedures';

/**
 * The dossier codes the simulated portal gives what citizens submit on it: `G22.99.99-<yyMMdd>-<seq>`,
 * the `<agency>-<yyMMdd>-<4-digit daily sequence>` shape of spec §6.2 under the QĐ 20/2020 form of the
 * Government Office (G22, which runs the portal; Gia Lai accepts `G22\.\d{2}\.\d{2}-\d{6}-\d{4}`). The
 * `99.99` part is the sandbox's own; real portal codes are unknown [U].
 */
export const NATIONAL_DOSSIER_PREFIX = 'G22.99.99';

/**
 * A realistic dossier a citizen has just submitted on the national portal (TrangThaiHoSo "1", online
 * channel "2", nothing received yet so no reception or due date), for the sandbox and load tests. All
 * randomness comes from `rand`, so a seed gives the same dossiers; `seq` is the day's sequence (1-based,
 * four digits). The applicant is fictional: the CCCD starts with 051 (Quảng Ngãi), then the digit for
 * sex and century and the birth year as real ones do, then six random digits.
 */
export function generateNationalDossier(
  rand: () => number,
  now: Date,
  seq: number,
  procedures: readonly NationalProcedure[] = nationalProcedures(),
): DvcqgDossier {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const hex = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');

  const sex = rand() < 0.5 ? 'male' : 'female';
  const name = `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES[sex])} ${pick(GIVEN_NAMES[sex])}`;
  const born = 1955 + Math.floor(rand() * 51);
  const centuryDigit = (born >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0);
  const cccd = `051${centuryDigit}${String(born % 100).padStart(2, '0')}${digits(6)}`;
  const unit = pick(UNITS);
  const street = unit.ward ? `Số ${1 + Math.floor(rand() * 250)} ${pick(STREETS)}` : `Thôn ${pick(HAMLETS)}`;
  const address = `${street}, ${unit.name}, tỉnh Quảng Ngãi`;
  const procedure = pick(procedures);
  const submitted = formatDvcqgTime(now);
  const fileId = hex(24);
  const paidOnline = procedure.fees.length > 0 && rand() < 0.6;

  return {
    MaHoSo: `${NATIONAL_DOSSIER_PREFIX}-${submitted.slice(2, 8)}-${String(seq % 10000).padStart(4, '0')}`,
    MaTTHC: procedure.code,
    TenTTHC: procedure.name,
    ...(procedure.sector ? { MaLinhVuc: procedure.sector.code, TenLinhVuc: procedure.sector.name } : {}),
    KenhThucHien: '2',
    ChuHoSo: name,
    SoGiayToChuHoSo: cccd,
    LoaiDoiTuong: '1',
    MaDoiTuong: `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`,
    ThongTinKhac: `Địa chỉ: ${address}`,
    SoDienThoai: `${pick(MOBILE_PREFIXES)}${digits(7)}`,
    ...(rand() < 0.4 ? { Email: `${ascii(name)}${digits(2)}@example.com` } : {}),
    TrichYeuHoSo: `${procedure.name} - ${name}`,
    NgayTiepNhan: '',
    NgayHenTra: '',
    NgayNopHoSo: submitted,
    TrangThaiHoSo: '1',
    HinhThuc: rand() < 0.15 ? '1' : '0',
    // The agency that will process it: one the province's one-stop system serves (the agency registry).
    DonViXuLy: pick(processingAgencies(now)),
    NoiNopHoSo: '2',
    HoSoCoThanhPhanSoHoa: '0',
    TaiKhoanDuocXacThucVoiVNeID: '1',
    DuocThanhToanTrucTuyen: paidOnline ? '1' : '3',
    TaiLieuNop: [
      {
        TepDinhKemId: fileId,
        TenTepDinhKem: 'Tờ khai.pdf',
        IsDeleted: 'False',
        MaThanhPhanHoSo: 'TP01',
        // .invalid (RFC 2606): clearly not a real file, never resolvable.
        DuongDanTaiTepTin: `https://dvcqg.sandbox.invalid/tep-tin/${fileId}`,
        DuocSoHoa: '0',
        DuocTaiSuDung: '0',
        DuocLayTuKhoDMQG: '0',
      },
    ],
    DanhSachLePhi: procedure.fees.map((fee) => ({
      TenPhiLePhi: fee.name,
      MaPhiLePhi: '1',
      HinhThucThu: '1',
      Gia: String(fee.amount),
      LoaiPhiLePhi: '1',
    })),
    DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: cccd }],
    DSKetNoiCSDL: [{ MaCSDL: '7' }],
  };
}

/** "Nguyễn Thị Hằng" → "nguyenthihang", for a made-up mailbox. */
function ascii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/\s+/g, '')
    .toLowerCase();
}
