import { LtError } from '../../src/errors';
import { fromLocalCompact, toLocalCompact } from '../../src/time';

// Optional string fields with nothing to say beyond their name (spec §1.2 gives their meaning).
type Texts<K extends string> = { [P in K]?: string };

/**
 * The national public service portal's (Cổng DVCQG) wire, spec §1: every value is a string, times are
 * `yyyyMMddHHmmss` in Vietnam local time. A field is required here when `validate.ts` requires it (what
 * the portal cannot do without, see there); the others may be omitted, and an omitted time means "".
 */
export interface DvcqgDossier
  extends
    Texts<'MaLinhVuc' | 'TenLinhVuc' | 'SoBienNhan' | 'SoGiayToChuHoSo' | 'ThongTinKhac' | 'Email'>,
    Texts<'Fax' | 'SoDienThoai' | 'TrichYeuHoSo' | 'ThongTinTra' | 'DonViXuLy' | 'GhiChu' | 'NoiNopHoSo'>,
    Texts<'NgayTiepNhan' | 'NgayHenTra' | 'NgayTra' | 'NgayKetThucXuLy' | 'NgayNopHoSo' | 'NgayTuChoi'>,
    Texts<'HoSoCoThanhPhanSoHoa' | 'TaiKhoanDuocXacThucVoiVNeID'> {
  MaHoSo: string;
  /** National procedure code, `1.001612` (never the local `1.001612.000.00.00.H48`). */
  MaTTHC: string;
  TenTTHC: string;
  /** "1" in person, "2" online, "3" public postal service (BCCI). */
  KenhThucHien: string;
  ChuHoSo: string;
  /** "1" citizen, "2" enterprise, "3" state agency, "4" organisation/other. */
  LoaiDoiTuong: string;
  /** The applicant's DVCQG TechID (from the citizen's SSO login). */
  MaDoiTuong?: string;
  /** "1".."10", see {@link DVCQG_STATUSES}. */
  TrangThaiHoSo: string;
  /** Result return: "0" at the counter, "1" by public postal service. */
  HinhThuc: string;
  /** "1" paid online, "3" otherwise (the only two values seen). */
  DuocThanhToanTrucTuyen?: string;
  TaiLieuNop?: DvcqgSubmittedFile[];
  DanhSachLePhi?: DvcqgFee[];
  DanhSachTepDinhKemKhac?: ({ TenGiayTo: string } & Texts<'SoLuong' | 'LoaiGiayTo'>)[];
  DanhSachHoSoBoSung?: DvcqgSupplement[];
  DanhSachGiayToKetQua?: DvcqgResultFile[];
  /** "1" + 12-digit personal id, "2" + 9-digit old identity card. */
  DinhDanhCHS?: { LoaiDinhDanh: string; SoDinhDanh: string }[];
  DSKetNoiCSDL?: { MaCSDL: string }[];
}

/** A submitted file: `DuongDanTaiTepTin` is its download URL, IsDeleted "True"/"False", `Duoc*` "0"/"1". */
export interface DvcqgSubmittedFile
  extends
    Texts<'TepDinhKemId' | 'MaThanhPhanHoSo' | 'DuongDanTaiTepTin' | 'MaKetQuaThayThe'>,
    Texts<'DuocSoHoa' | 'DuocTaiSuDung' | 'DuocLayTuKhoDMQG' | 'IsDeleted'> {
  TenTepDinhKem: string;
}

/** A fee; `Gia` is the amount in đồng as a string of digits. */
export interface DvcqgFee extends Texts<'MaPhiLePhi' | 'HinhThucThu' | 'LoaiPhiLePhi'> {
  TenPhiLePhi: string;
  Gia: string;
}

/** A supplement request and its answer; the items of `DanhSachGiayToBoSung` are not documented [U]. */
export interface DvcqgSupplement
  extends
    Texts<'HoSoBoSungId' | 'NguoiYeuCauBoSung' | 'NoiDungBoSung' | 'NguoiTiepNhanBoSung'>,
    Texts<'ThongTinTiepNhan' | 'TrangThaiBoSung'>,
    Texts<'NgayBoSung' | 'NgayTiepNhanBoSung' | 'NgayHenTraTruoc' | 'NgayHenTraMoi'> {
  DanhSachGiayToBoSung?: Record<string, string>[];
  DanhSachLePhiBoSung?: DvcqgFee[];
}

export interface DvcqgResultFile extends Texts<
  'MaThanhPhanHoSo' | 'GiayToId' | 'DuongDanTepTinKetQua' | 'MaGiayToKetQua'
> {
  TenGiayTo: string;
}

/** One processing step (`CapNhatTienDoHoSoMC`, spec §1.3); every field is sent, times may be "". */
export interface DvcqgProgress {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  /** Same codes as `TrangThaiHoSo`. */
  TrangThai: string;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}

/** Generation 1 (OCPS) business call body, `POST {integration_endpoint}`; `mahoso` for TraCuuHoSo. */
export interface DvcqgEnvelope {
  session: string;
  /** The calling agency's identifier, e.g. `000.00.00.H48`. */
  madonvi: string;
  service: string;
  /** `DongBoHoSoMC` only: exactly "True" (update) or "False" (create). */
  isUpdating?: 'True' | 'False';
  data?: DvcqgDossier[] | DvcqgProgress[];
  mahoso?: string;
  maTTHC?: string;
}

/** Every JSON answer. `error_code` comes as a number or a string depending on the portal version. */
export interface DvcqgResponse<T = unknown> {
  error_code: number | string;
  message: string;
  session?: string;
  result?: T[];
}

/** One `TraCuuHoSo` result row as the simulator answers it (the real row's full field list is unknown). */
export type DvcqgLookupItem = Record<'MaHoSo' | 'TrangThaiHoSo' | 'NgayCapNhat', string>;

/** Generation 1 service names seen in OCPS (spec §1.1). */
export const DVCQG_SERVICES = {
  sync: 'DongBoHoSoMC',
  progress: 'CapNhatTienDoHoSoMC',
  lookup: 'TraCuuHoSo',
  procedure: 'LayThuTuc',
  procedures: 'LayDanhSachTTHC',
} as const;

/** `TrangThaiHoSo` / `TrangThai` codes (spec §1.4). */
export const DVCQG_STATUSES: Readonly<Record<string, string>> = {
  '1': 'Mới đăng ký',
  '2': 'Được tiếp nhận',
  '3': 'Không được tiếp nhận',
  '4': 'Đang xử lý',
  '5': 'Yêu cầu bổ sung giấy tờ',
  '6': 'Yêu cầu thực hiện nghĩa vụ tài chính',
  '7': 'Công dân yêu cầu rút hồ sơ',
  '8': 'Dừng xử lý',
  '9': 'Đã xử lý xong',
  '10': 'Đã trả kết quả',
};

/** Success is `0`, `"0"` or `"00"` depending on the version (spec §1.6); nothing else. */
export function isDvcqgSuccess(code: unknown): boolean {
  return code === 0 || code === '0' || code === '00';
}

/** How the portal says "this dossier already exists": the code alone is not enough, the phrase decides. */
export const ALREADY_EXISTS = {
  codes: ['3', '-3'] as readonly string[],
  phrase: 'đã tồn tại'.normalize('NFC'),
};

/**
 * True for `"3"`/`"-3"` (or the numbers) with a message containing "đã tồn tại". Both sides are NFC
 * normalised: the portal and proxies may send decomposed Vietnamese (e + combining marks).
 */
export function isDvcqgAlreadyExists(response: { error_code?: unknown; message?: unknown }): boolean {
  const { error_code: code, message } = response;
  if (typeof code !== 'string' && typeof code !== 'number') return false;
  if (!ALREADY_EXISTS.codes.includes(String(code).trim()) || typeof message !== 'string') return false;
  return message.normalize('NFC').toLowerCase().includes(ALREADY_EXISTS.phrase);
}

/** An instant (ISO 8601, or a Date) as `yyyyMMddHHmmss` in Vietnam time. @throws LtError LT_DVCQG_BAD_TIME */
export function formatDvcqgTime(isoUtc: string | Date): string {
  const local = toLocalCompact(isoUtc);
  if (local === '') throw badTime(`not an instant: '${String(isoUtc)}'`);
  if (!isDvcqgTime(local)) throw badTime(`out of range (1900–9999): '${String(isoUtc)}'`);
  return local;
}

/**
 * `yyyyMMddHHmmss` (Vietnam local time) back to ISO UTC, e.g. `20250701090000` → `2025-07-01T02:00:00.000Z`.
 * @throws LtError `LT_DVCQG_BAD_TIME` unless it is 14 digits naming a real date and time from 1900 on.
 */
export function parseDvcqgTime(s: string): string {
  const iso = fromLocalCompact(s);
  if (iso === undefined) throw badTime(`not a yyyyMMddHHmmss time: '${String(s)}'`);
  return iso;
}

/** Whether `s` is a valid `yyyyMMddHHmmss` time (the empty string is not). */
export function isDvcqgTime(s: unknown): s is string {
  return fromLocalCompact(s) !== undefined;
}

function badTime(detail: string): LtError {
  return new LtError('LT_DVCQG_BAD_TIME', 'validation', `DVCQG time ${detail}`);
}
