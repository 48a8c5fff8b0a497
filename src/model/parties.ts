/**
 * Who is involved in a dossier: agencies and the applicant. Mirrors `$defs` agency*, address, identity and
 * applicant of `mappings/canonical/dossier.v1.schema.json`; `schema-agreement.test.ts` keeps them in step.
 */

/** Administrative level (cấp). `district` (cấp huyện) was abolished on 1/7/2025 but stays for history. */
export const AGENCY_LEVELS = ['central', 'province', 'district', 'commune'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/** Another agency, named by identifier; its level may be unknown (e.g. the far side of a transfer). */
export interface AgencyPeer {
  /** Electronic identifier (mã định danh điện tử), QCVN 102 or QĐ 20/2020 form: `[0-9A-Z.]{1,35}`. */
  id: string;
  /** Agency name (tên cơ quan). */
  name?: string;
  level?: AgencyLevel;
}

/** The agency responsible for the dossier (cơ quan giải quyết). */
export interface AgencyRef {
  /** Electronic identifier (mã định danh điện tử), e.g. `000.00.53.H48` or `H56.14`. */
  id: string;
  /** Agency name (tên cơ quan), DVCQG DonViXuLy. */
  name?: string;
  level: AgencyLevel;
  /** Parent agency (cơ quan cấp trên), e.g. the provincial People's Committee of a district. */
  parent?: AgencyPeer;
}

/** Postal address. Unit codes are GSO codes (mã đơn vị hành chính); partner codes are mapped at the edge. */
export interface Address {
  /** Street, house number, village (số nhà, đường, thôn). */
  line?: string;
  /** ISO 3166-1 alpha-2, `VN` for Vietnam. */
  countryCode?: string;
  /** Province code (mã tỉnh), 2 digits. */
  provinceCode?: string;
  /** District code (mã huyện), 3 digits; absent for addresses after the 2025 reform. */
  districtCode?: string;
  /** Commune code (mã xã), 5 digits. */
  communeCode?: string;
  provinceName?: string;
  districtName?: string;
  communeName?: string;
}

/** Applicant kinds, DVCQG LoaiDoiTuong 1..4 in this order. */
export const APPLICANT_KINDS = ['citizen', 'enterprise', 'agency', 'organization'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/**
 * Identity document kinds: cccd (căn cước / căn cước công dân, 12 digits), cmnd (old chứng minh nhân dân, 9
 * or 12 digits), passport (hộ chiếu), tax_code (mã số thuế), enterprise_code (mã số doanh nghiệp), other.
 */
export const IDENTITY_KINDS = ['cccd', 'cmnd', 'passport', 'tax_code', 'enterprise_code', 'other'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** Identity document (giấy tờ tùy thân). The number is personal data: it never appears in errors or logs. */
export interface Identity {
  kind: IdentityKind;
  /** Document number (số giấy tờ), shape checked per kind by the schema. */
  number: string;
}

/** Dossier owner (chủ hồ sơ). */
export interface Applicant {
  kind: ApplicantKind;
  /** Full name or organisation name (họ tên / tên tổ chức), DVCQG ChuHoSo. */
  name: string;
  /** DVCQG SoGiayToChuHoSo / DinhDanhCHS. */
  identity?: Identity;
  /** Phone (số điện thoại). */
  phone?: string;
  email?: string;
  address?: Address;
  /** DVCQG citizen account key (TechID), sent as MaDoiTuong for online dossiers. */
  techId?: string;
  /** Account verified with VNeID (DVCQG TaiKhoanDuocXacThucVoiVNeID). */
  vneidVerified?: boolean;
}
