/**
 * Files of a dossier and supplement requests. Mirrors `$defs` document, signature and supplement of the
 * canonical schema. File bytes never live in the dossier: only their hash, size and a blob reference.
 */

/** Why a file is in the dossier: submitted component (thành phần hồ sơ), result (kết quả), supplement (bổ sung). */
export const DOCUMENT_KINDS = ['submitted', 'result', 'supplement'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * Outcome of the gateway's signature check. `not_checked` is explicit so that "unsigned" always means
 * a check ran and found no signature.
 */
export const SIGNATURE_VERDICTS = [
  'valid',
  'invalid',
  'unsigned',
  'untrusted',
  'expired',
  'not_checked',
] as const;
export type SignatureVerdict = (typeof SIGNATURE_VERDICTS)[number];

/** Digital signature check of one file (chữ ký số). */
export interface SignatureCheck {
  verdict: SignatureVerdict;
  /** Signer as named in the certificate subject. */
  signer?: string;
  /** Signing time claimed by the signature (UTC). */
  signedAt?: string;
  /** When the gateway checked it (UTC). */
  checkedAt?: string;
  /** Why the verdict is what it is (chain, revocation, algorithm). */
  detail?: string;
}

/** One file (tệp đính kèm) of the dossier. */
export interface DossierDocument {
  /** Stable id within the dossier, `[0-9A-Za-z._:-]{1,128}` (partner ids such as iGate ObjectIds fit). */
  id: string;
  kind: DocumentKind;
  /** Dossier component code (mã thành phần hồ sơ), DVCQG MaThanhPhanHoSo. */
  componentCode?: string;
  /** File or component name (tên giấy tờ). */
  name: string;
  /** Media type, e.g. `application/pdf`. */
  mediaType: string;
  /** Lowercase hex SHA-256 of the bytes (64 characters): the content address of the blob. */
  sha256: string;
  /** Size in bytes. */
  size: number;
  /** Reference in the gateway's blob store. */
  blobRef?: string;
  /** Where partners may download it (DVCQG DuongDanTaiTepTin). */
  url?: string;
  signature?: SignatureCheck;
  /** Digitised component (DVCQG DuocSoHoa). */
  digitised?: boolean;
  /** Reused from the citizen's data repository (DVCQG DuocTaiSuDung). */
  reused?: boolean;
}

/** Lifecycle of a supplement request (yêu cầu bổ sung). */
export const SUPPLEMENT_STATUSES = ['requested', 'submitted', 'accepted', 'cancelled'] as const;
export type SupplementStatus = (typeof SUPPLEMENT_STATUSES)[number];

/** A supplement request (DVCQG DanhSachHoSoBoSung entry). */
export interface Supplement {
  id: string;
  /** DVCQG NgayBoSung (UTC). */
  requestedAt: string;
  /** Officer who asked (NguoiYeuCauBoSung). */
  requestedBy?: string;
  /** What is missing (NoiDungBoSung). */
  reason?: string;
  status: SupplementStatus;
  /** When the citizen supplied it (NgayTiepNhanBoSung, UTC). */
  submittedAt?: string;
  /** Due date before the request (NgayHenTraTruoc): the supplement period extends the deadline. */
  previousDueAt?: string;
  /** Due date after it (NgayHenTraMoi). */
  newDueAt?: string;
  /** Ids in `documents` that answered the request. */
  documentIds?: string[];
}
