import type { DossierStatus } from './status';
import type { AgencyRef, Applicant } from './parties';
import type { DossierDocument, Supplement } from './documents';
import type { Fee, Payment } from './payments';
import type { ResultReturn, Shipment } from './shipments';
import type { Transfer } from './transfers';

/**
 * The canonical dossier (hồ sơ thủ tục hành chính): the one shape every adapter maps to and from.
 * It matches `mappings/canonical/dossier.v1.schema.json` exactly; `schema-agreement.test.ts` fails when
 * either side gains a field the other lacks. The parts live in sibling modules and are re-exported here.
 */

export * from './parties';
export * from './documents';
export * from './payments';
export * from './shipments';
export * from './transfers';
export type { DossierStatus } from './status';

/** Major version of the canonical schema this module describes. */
export const DOSSIER_SCHEMA_VERSION = 1 as const;

/** Submission channel (kênh thực hiện), DVCQG KenhThucHien 1 direct, 2 online, 3 postal (BCCI). */
export const CHANNELS = ['direct', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Systems whose dossier ids the model names; other lowercase keys are allowed in `externalIds`. */
export const EXTERNAL_SYSTEMS = ['igate', 'dvcqg', 'idesk', 'vxp', 'paygov', 'bidv', 'vnpost'] as const;
export type ExternalSystem = (typeof EXTERNAL_SYSTEMS)[number];

/** The dossier's id in each partner system, e.g. the iGate ObjectId or the DVCQG code. */
export interface ExternalIds extends Partial<Record<ExternalSystem, string>> {
  /** Deployment-specific systems: keys match `^[a-z][a-z0-9_]{0,31}$`. */
  [system: string]: string | undefined;
}

/** Administrative procedure (thủ tục hành chính). At least one code is required. */
export interface Procedure {
  /** National database code (mã TTHC quốc gia), e.g. `1.001612`; what DVCQG expects. */
  nationalCode?: string;
  /** Local code (mã TTHC địa phương), e.g. `1.001612.000.00.00.H48`. */
  localCode?: string;
  /** Procedure name (tên thủ tục), DVCQG TenTTHC. */
  name?: string;
  /** Sector (lĩnh vực), DVCQG MaLinhVuc / TenLinhVuc, e.g. `TLHDH`. */
  sector?: { code: string; name?: string };
}

/** Milestones, all UTC ISO 8601 (`…Z`). DVCQG sends them as local `yyyyMMddHHmmss`; adapters convert. */
export interface DossierTimes {
  /** Submitted (ngày nộp hồ sơ), DVCQG NgayNopHoSo. */
  submittedAt?: string;
  /** Received (ngày tiếp nhận), NgayTiepNhan. */
  receivedAt?: string;
  /** Due (ngày hẹn trả), NgayHenTra; moves when a supplement is requested. */
  dueAt?: string;
  /** Processing finished (ngày kết thúc xử lý), NgayKetThucXuLy. */
  finishedAt?: string;
  /** Result returned (ngày trả kết quả), NgayTra. */
  returnedAt?: string;
  /** Refused at reception (ngày từ chối), NgayTuChoi. */
  rejectedAt?: string;
  /**
   * Who set `dueAt`: the partner that owns the dossier, or the gateway (procedure time limit + calendar,
   * extended by supplement periods). Kept so that a later calendar or procedure-map change does not make the
   * gateway mistake its own date for a partner's.
   */
  dueAtSource?: 'gateway' | 'partner';
}

/** Who did a step (DVCQG NguoiXuLy, ChucDanh, PhongBanXuLy). */
export interface Actor {
  /** Officer name (người xử lý). */
  name?: string;
  /** Job title (chức danh). */
  title?: string;
  /** Department (phòng ban xử lý). */
  department?: string;
}

/** One processing step (tiến độ xử lý), DVCQG CapNhatTienDoHoSoMC entry. */
export interface ProgressStep {
  /** Status after the step (TrangThai). Several steps may share a status. */
  status: DossierStatus;
  /** When the step happened (ThoiDiemXuLy, UTC). */
  at: string;
  actor?: Actor;
  /** What was done (nội dung xử lý). */
  note?: string;
  /** Step start (NgayBatDau, UTC). */
  startedAt?: string;
  /** Step deadline (NgayKetThucTheoQuyDinh, UTC). */
  dueAt?: string;
}

/** The canonical dossier, version 1. */
export interface Dossier {
  schemaVersion: typeof DOSSIER_SCHEMA_VERSION;
  /**
   * Dossier code (mã hồ sơ), usually `<agency id>-<yyMMdd>-<seq>` (spec §6.2). Only `[0-9A-Za-z._/-]{1,64}`
   * is enforced: partners synthesise other forms, and refusing them would lose real dossiers.
   */
  code: string;
  /** Revision, from 1, incremented by the gateway on every accepted change (optimistic concurrency). */
  version: number;
  /** Receipt number (số biên nhận), DVCQG SoBienNhan. */
  receiptNumber?: string;
  status: DossierStatus;
  procedure: Procedure;
  /** Agency responsible (cơ quan giải quyết). */
  agency: AgencyRef;
  /** Dossier owner (chủ hồ sơ). */
  applicant: Applicant;
  channel: Channel;
  times: DossierTimes;
  /** Abstract (trích yếu hồ sơ), DVCQG TrichYeuHoSo, at most 4000 characters. */
  summary?: string;
  /** Processing steps, oldest first; may be empty. */
  progress: ProgressStep[];
  /** Files; may be empty. */
  documents: DossierDocument[];
  /** Supplement requests (yêu cầu bổ sung). */
  supplements?: Supplement[];
  /** Fees and charges due (phí, lệ phí); may be empty. */
  fees: Fee[];
  /** Payments; may be empty. */
  payments: Payment[];
  /** Result-return method (hình thức trả kết quả). */
  resultReturn: ResultReturn;
  /** Postal shipments (bưu chính công ích); may be empty. */
  shipments: Shipment[];
  /** Transfers between agencies (liên thông); may be empty. */
  transfers: Transfer[];
  /** Ids of this dossier in partner systems; may be empty. */
  externalIds: ExternalIds;
  /** Deployment-specific data; the only open object, nothing in the core depends on it. */
  extensions?: Record<string, unknown>;
}
