import { DVCQG_STATUSES, isDvcqgTime } from './wire';

/**
 * Strict checks of what goes over the DVCQG wire, shared by the simulator (which refuses) and the gateway
 * (which checks before sending, so that a mapping bug is a named problem here rather than an opaque
 * refusal there). Each problem names its field: `NgayHenTra: must be yyyyMMddHHmmss or ""`.
 *
 * Stricter than the portal on purpose:
 * - every scalar is a string: a number or null is refused (TD sends null for MaDoiTuong; we omit instead);
 * - unknown fields are refused by name, at the top and inside list items: the portal silently drops them,
 *   which hides a misspelt field until someone misses the data;
 * - NgayTiepNhan and NgayHenTra must be set once the dossier has been received: statuses 2 and 4–10,
 *   except 3 (refused at reception, so never received) and 7 (a citizen may withdraw an online dossier
 *   before anyone receives it);
 * - DuocThanhToanTrucTuyen is "1" or "3", LoaiDinhDanh "1" (12 digits) or "2" (9 digits): the only values
 *   seen (spec §1.2); widen them when the official code lists turn up.
 */
export interface DossierCheckOptions {
  /** National procedure codes the portal knows; when given, any other MaTTHC is a problem. */
  knownProcedures?: ReadonlySet<string>;
}

/** Dossier codes: the `<agency>-<yyMMdd>-<seq>` form and the looser local ones (spec §6.2). */
export const DVCQG_DOSSIER_CODE = /^[0-9A-Za-z._/-]{1,64}$/;
/** National procedure codes, `1.001612` (spec §6.3). */
export const DVCQG_PROCEDURE_CODE = /^\d\.\d{6}$/;

/** Checks the value at path `at`, pushing its problems onto `out`. */
type Check = (value: unknown, at: string, out: string[]) => void;
interface Shape {
  fields: Record<string, Check>;
  required?: readonly string[];
  /** The check of any field not in `fields`; without it such fields are refused as unknown. */
  other?: Check;
  /** Rules across fields; each guards itself against ill-typed values (already reported). */
  across?: (obj: Record<string, unknown>, at: string, out: string[]) => void;
}

/** A check of a string value: `ok` decides, `problem` says why not. Non-strings are ill-typed. */
function rule(ok: (v: string) => boolean, problem: string): Check {
  return (value, at, out) => {
    if (typeof value !== 'string')
      out.push(`${at}: must be a string, got ${value === null ? 'null' : typeof value}`);
    else if (!ok(value)) out.push(`${at}: ${problem}, got ${quoted(value)}`);
  };
}

const quoted = (v: string): string => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
const text = rule(() => true, '');
const filled = rule((v) => v.trim() !== '', 'must not be empty');
const digits = rule((v) => /^\d+$/.test(v), 'must be a string of digits');
const time = rule((v) => v === '' || isDvcqgTime(v), 'must be yyyyMMddHHmmss or ""');
const instant = rule(isDvcqgTime, 'must be yyyyMMddHHmmss');
const oneOf = (values: readonly string[]): Check =>
  rule((v) => values.includes(v), `must be one of ${values.join('|')}`);
const status = rule((v) => Object.hasOwn(DVCQG_STATUSES, v), 'unknown status code (1..10)');
const flag = oneOf(['0', '1']);
const dossierCode = rule((v) => DVCQG_DOSSIER_CODE.test(v), 'must be 1 to 64 of 0-9 A-Z a-z . _ / -');

function list(item: Shape): Check {
  return (value, at, out) => {
    if (!Array.isArray(value)) out.push(`${at}: must be an array`);
    else value.forEach((entry, i) => checkObject(entry, item, `${at}[${i}]`, out));
  };
}

/** `at` is the object's path: '' for the dossier itself, whose fields are then named bare. */
function checkObject(value: unknown, shape: Shape, at: string, out: string[], root = ''): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.push(`${at || root}: must be an object`);
    return;
  }
  const obj = value as Record<string, unknown>;
  const path = (key: string): string => (at ? `${at}.${key}` : key);
  for (const key of shape.required ?? []) if (obj[key] === undefined) out.push(`${path(key)}: is required`);
  for (const [key, v] of Object.entries(obj)) {
    // undefined is what JSON.stringify drops: absent, not ill-typed.
    if (v === undefined) continue;
    const check = Object.hasOwn(shape.fields, key) ? shape.fields[key] : shape.other;
    if (check) check(v, path(key), out);
    else out.push(`${path(key)}: unknown field`);
  }
  shape.across?.(obj, at, out);
}

/** The same check for several fields, named in one space-separated string. */
const each = (keys: string, check: Check): Record<string, Check> =>
  Object.fromEntries(keys.split(' ').map((k) => [k, check]));

const FEE: Shape = {
  fields: { ...each('MaPhiLePhi HinhThucThu LoaiPhiLePhi', text), TenPhiLePhi: filled, Gia: digits },
  required: ['TenPhiLePhi', 'Gia'],
};
const SUBMITTED_FILE: Shape = {
  fields: {
    ...each('TepDinhKemId MaThanhPhanHoSo DuongDanTaiTepTin MaKetQuaThayThe', text),
    ...each('DuocSoHoa DuocTaiSuDung DuocLayTuKhoDMQG', flag),
    TenTepDinhKem: filled,
    IsDeleted: oneOf(['True', 'False']),
  },
  required: ['TenTepDinhKem'],
};
const SUPPLEMENT: Shape = {
  fields: {
    ...each('HoSoBoSungId NguoiYeuCauBoSung NoiDungBoSung NguoiTiepNhanBoSung ThongTinTiepNhan', text),
    ...each('NgayBoSung NgayTiepNhanBoSung NgayHenTraTruoc NgayHenTraMoi', time),
    TrangThaiBoSung: text,
    // Its items' fields are unknown [U]: any fields, as long as they are strings.
    DanhSachGiayToBoSung: list({ fields: {}, other: text }),
    DanhSachLePhiBoSung: list(FEE),
  },
};
const ID_LENGTH: Record<string, number> = { '1': 12, '2': 9 };
const IDENTITY: Shape = {
  fields: { LoaiDinhDanh: oneOf(['1', '2']), SoDinhDanh: text },
  required: ['LoaiDinhDanh', 'SoDinhDanh'],
  across: (obj, at, out) => {
    const length = ID_LENGTH[String(obj.LoaiDinhDanh)];
    if (length === undefined || typeof obj.SoDinhDanh !== 'string') return;
    if (!new RegExp(`^\\d{${length}}$`).test(obj.SoDinhDanh))
      out.push(`${at}.SoDinhDanh: must be ${length} digits for LoaiDinhDanh "${String(obj.LoaiDinhDanh)}"`);
  },
};

const RECEIVED = new Set(['2', '4', '5', '6', '8', '9', '10']); // so reception and due dates exist

const DOSSIER: Shape = {
  fields: {
    ...each('TenTTHC ChuHoSo', filled),
    ...each('MaLinhVuc TenLinhVuc SoBienNhan SoGiayToChuHoSo MaDoiTuong ThongTinKhac Email Fax', text),
    ...each('SoDienThoai TrichYeuHoSo ThongTinTra DonViXuLy GhiChu NoiNopHoSo', text),
    ...each('NgayTiepNhan NgayHenTra NgayTra NgayKetThucXuLy NgayNopHoSo NgayTuChoi', time),
    ...each('HinhThuc HoSoCoThanhPhanSoHoa TaiKhoanDuocXacThucVoiVNeID', flag),
    MaHoSo: dossierCode,
    MaTTHC: rule((v) => DVCQG_PROCEDURE_CODE.test(v), 'must be a national code like 1.001612'),
    KenhThucHien: oneOf(['1', '2', '3']),
    LoaiDoiTuong: oneOf(['1', '2', '3', '4']),
    TrangThaiHoSo: status,
    DuocThanhToanTrucTuyen: oneOf(['1', '3']),
    TaiLieuNop: list(SUBMITTED_FILE),
    DanhSachLePhi: list(FEE),
    DanhSachTepDinhKemKhac: list({
      fields: { TenGiayTo: filled, SoLuong: digits, LoaiGiayTo: text },
      required: ['TenGiayTo'],
    }),
    DanhSachHoSoBoSung: list(SUPPLEMENT),
    DanhSachGiayToKetQua: list({
      fields: {
        ...each('MaThanhPhanHoSo GiayToId DuongDanTepTinKetQua MaGiayToKetQua', text),
        TenGiayTo: filled,
      },
      required: ['TenGiayTo'],
    }),
    DinhDanhCHS: list(IDENTITY),
    DSKetNoiCSDL: list({ fields: { MaCSDL: filled }, required: ['MaCSDL'] }),
  },
  required: 'MaHoSo MaTTHC TenTTHC KenhThucHien ChuHoSo LoaiDoiTuong TrangThaiHoSo HinhThuc'.split(' '),
  across: (obj, _at, out) => {
    if (!RECEIVED.has(obj.TrangThaiHoSo as string)) return;
    for (const key of ['NgayTiepNhan', 'NgayHenTra'])
      if (!obj[key])
        out.push(`${key}: required once received (TrangThaiHoSo "${String(obj.TrangThaiHoSo)}")`);
  },
};

/** Problems of one `DongBoHoSoMC` dossier object; empty when it may be sent. */
export function dossierProblems(obj: unknown, opts: DossierCheckOptions = {}): string[] {
  const out: string[] = [];
  checkObject(obj, DOSSIER, '', out, 'dossier');
  const code = (obj as { MaTTHC?: unknown } | null)?.MaTTHC;
  const known = opts.knownProcedures;
  if (known && typeof code === 'string' && DVCQG_PROCEDURE_CODE.test(code) && !known.has(code))
    out.push(`MaTTHC: unknown national procedure code ${quoted(code)}`);
  return out;
}

const PROGRESS_FIELDS: Record<string, Check> = {
  MaHoSo: dossierCode,
  ...each('NguoiXuLy ChucDanh', text),
  ThoiDiemXuLy: instant,
  ...each('PhongBanXuLy NoiDungXuLy', text),
  TrangThai: status,
  ...each('NgayBatDau NgayKetThucTheoQuyDinh', time),
};
const PROGRESS: Shape = { fields: PROGRESS_FIELDS, required: Object.keys(PROGRESS_FIELDS) };

/** Problems of one `CapNhatTienDoHoSoMC` progress object: all nine fields, all strings. */
export function progressProblems(obj: unknown): string[] {
  const out: string[] = [];
  checkObject(obj, PROGRESS, '', out, 'progress');
  return out;
}
