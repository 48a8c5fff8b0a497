/**
 * What the VXP axis answers, as the official SDK reads it (`vxp-sdk-wire-capture.md` §6.7). Field names
 * are case-sensitive: the SDK reads `DocId` (not `docID`), and needs `ErrorCode` in every answer.
 */

/** `servicetype` of every document call. */
export const VXP_SERVICE_TYPE = 'eDoc';

/** The only message types the SDK's validator accepts. */
export type VxpMessageType = 'edoc' | 'status';
export const VXP_MESSAGE_TYPES: readonly VxpMessageType[] = ['edoc', 'status'];

/** What a receiver reports with `updateStatus` after pulling a document. */
export type VxpAckStatus = 'done' | 'fail' | 'processing';
export const VXP_ACK_STATUSES: readonly VxpAckStatus[] = ['done', 'fail', 'processing'];

/** Every answer: success is `ErrorCode` "0" (compared ignoring case by the SDK); `status` is "OK" or "FAIL". */
export interface VxpAnswer {
  status?: string;
  ErrorCode?: string | number;
  ErrorDesc?: string;
}

export interface VxpSendEdocAnswer extends VxpAnswer {
  DocId?: string;
}

/** One entry of `getReceivedEdocList`. */
export interface VxpReceivedItem {
  docId: string;
  serviceType: string;
  messageType: string;
  created_time: string;
  updated_time: string;
  /** Sender agency code. */
  from: string;
  /** Receiving agency code. */
  to: string;
  status: string;
  status_desc: string;
}

export interface VxpReceivedListAnswer extends VxpAnswer {
  data?: VxpReceivedItem[];
}

/** `getEdoc`: `data` is the base64 of the edXML file. */
export interface VxpGetEdocAnswer extends VxpAnswer {
  data?: string;
}

/** One agency of `getAgenciesList`; `getAgenciesListQD20` adds `code102` (the QCVN 102 code beside the QĐ 20 one). */
export interface VxpAgency {
  code: string;
  id: string | number;
  mail: string;
  name: string;
  pid: string | number;
  oldCode: string;
  code102?: string;
}

export interface VxpAgenciesAnswer extends VxpAnswer {
  data?: VxpAgency[];
}
