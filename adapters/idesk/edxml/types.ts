/**
 * The edXML (QCVN 102:2016/BTTTT) model: an electronic document package ({@link EdocPackage}) and a status
 * message ({@link StatusMessage}). Names follow the wire elements in camelCase, the wire's own spelling kept
 * (`bussiness`, `typerNotation`). Calendar dates are ISO days (`YYYY-MM-DD`, the wire's `yyyy/MM/dd`), times
 * are ISO UTC instants (the wire's `yyyy/MM/dd HH:mm:ss` in Vietnam time). Optional values absent on the wire
 * are absent here; an empty element is `''`.
 */

/** The QCVN 102:2016 namespace every edXML element lives in. */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** StatusCode values (spec §2.5); their meanings are in `mappings/edxml/status-code.yaml`. */
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** BussinessDocType: 0 new, 1 revocation, 2 update, 3 replacement (`mappings/edxml/bussiness-doc-type.yaml`). */
export const BUSSINESS_DOC_TYPES = [0, 1, 2, 3] as const;
export type BussinessDocType = (typeof BUSSINESS_DOC_TYPES)[number];

/** An agency as `From`/`To` name it. `organId` is the QCVN 102 code (or a VXP system id such as `vxp.saas.03`). */
export interface Organ {
  organId: string;
  organizationInCharge?: string;
  organName?: string;
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

/** Số (`codeNumber`) and ký hiệu (`codeNotation`) of a document. */
export interface DocumentCode {
  codeNumber?: string;
  codeNotation?: string;
}

export interface PromulgationInfo {
  place?: string;
  /** `YYYY-MM-DD`. */
  promulgationDate?: string;
}

/** `type` 1 is "Công văn" in the SDK sample; the code list is not public (spec §2.2 [U]). */
export interface DocumentType {
  type?: number;
  typeDetail?: number;
  typeName?: string;
}

export interface SignerInfo {
  competence?: string;
  position?: string;
  fullName?: string;
}

/** `priority` 0 thường … 4 hỏa tốc hẹn giờ (field notes). */
export interface OtherInfo {
  priority?: number;
  sphereOfPromulgation?: string;
  typerNotation?: string;
  promulgationAmount?: number;
  pageAmount?: number;
  direction?: boolean;
  appendixes?: string[];
}

/** The document a reply, revocation or status refers to. `code` is `number/notation` in one string. */
export interface ResponseFor {
  organId?: string;
  code?: string;
  /** `YYYY-MM-DD`. */
  promulgationDate?: string;
  documentId?: string;
}

/** The `MessageHeader` of a document package. */
export interface MessageHeader {
  from: Organ;
  to: Organ[];
  /** `<OrganId>,<yyyy/MM/dd>,<number>/<notation>` or a UUID (see `document-id.ts`), kept as sent. */
  documentId: string;
  code?: DocumentCode;
  promulgationInfo?: PromulgationInfo;
  documentType?: DocumentType;
  subject?: string;
  content?: string;
  signerInfo?: SignerInfo;
  /** `YYYY-MM-DD`. */
  dueDate?: string;
  toPlaces?: string[];
  otherInfo?: OtherInfo;
  responseFor?: ResponseFor;
  /** 1 not steering, 2 steering, 3 steering report (field notes); samples also carry 0. */
  steeringType?: number;
}

/** One hop of the package: the agency and when it handled it. */
export interface TraceHeader {
  organId?: string;
  /** ISO UTC. */
  timestamp?: string;
}

export interface StaffInfo {
  department?: string;
  staff?: string;
  email?: string;
  mobile?: string;
}

/** `ReceiverType` 0: taken off the receivers, 1: added (field notes). */
export interface Receiver {
  organId?: string;
  receiverType?: number;
}

export interface BussinessDocumentInfo {
  documentInfo?: string;
  documentReceiver?: string;
  receivers?: Receiver[];
}

/** A document replaced (BussinessDocType 3) and the agencies that hold it. */
export interface ReplacementInfo {
  documentId?: string;
  organIds: string[];
}

/** What this package does to the exchange: a new document, or the revocation, update or replacement of one. */
export interface Bussiness {
  /** The document revoked, updated or replaced. */
  documentId?: string;
  bussinessDocType: BussinessDocType;
  bussinessDocReason?: string;
  /** 1 when a paper copy follows. */
  paper?: number;
  bussinessDocumentInfo?: BussinessDocumentInfo;
  replacementInfo?: ReplacementInfo[];
  staffInfo?: StaffInfo;
}

/** One `edXMLManifest/Reference`. `contentId` always carries the `cid:` prefix here. */
export interface ManifestReference {
  contentId: string;
  contentType?: string;
  description?: string;
  attachmentName?: string;
}

/** One file inside a zipped attachment. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

/**
 * One `AttachmentEncoded/Attachment`. `data` is the transported bytes (base64 decoded, still zipped when the
 * sender zipped them, so that a rebuilt package carries the same bytes); `files` lists the archive's files
 * when `data` is a ZIP, as the VXP SDK sends every attachment (detected by the ZIP signature, whatever the
 * ContentType says; an Office/OpenDocument file sent unzipped gets no `files`).
 */
export interface Attachment {
  /** With the `cid:` prefix, added when the sender dropped it. */
  contentId: string;
  name: string;
  description?: string;
  contentType?: string;
  data: Buffer;
  files?: ZipEntry[];
}

/** A file to attach when building: `zip` puts it in a one-file ZIP first (as the VXP SDK does). */
export interface NewAttachment {
  contentId: string;
  name: string;
  description?: string;
  contentType?: string;
  content: Buffer;
  zip: boolean;
}

/** A whole electronic document package. */
export interface EdocPackage {
  header: MessageHeader;
  trace: TraceHeader[];
  bussiness?: Bussiness;
  manifest: ManifestReference[];
  attachments: Attachment[];
}

/** A status message (spec §2.5): no body, no attachments. */
export interface StatusMessage {
  from: Organ;
  responseFor: ResponseFor;
  staffInfo?: StaffInfo;
  statusCode: StatusCode;
  description?: string;
  /** ISO UTC. */
  timestamp: string;
}
