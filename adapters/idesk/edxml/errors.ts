import { LtError } from '../../../src/errors';

/** Stable refusal codes of the edXML codec. Malformed XML itself is refused by safe-xml (`LT_XML_*`). */
export const EdxmlErrors = {
  notEdxml: 'LT_EDXML_NOT_EDXML',
  missingHeader: 'LT_EDXML_MISSING_HEADER',
  missingFrom: 'LT_EDXML_MISSING_FROM',
  missingTo: 'LT_EDXML_MISSING_TO',
  missingDocumentId: 'LT_EDXML_MISSING_DOCUMENT_ID',
  /** Another element the message cannot do without (StatusCode, ResponseFor, Timestamp, BussinessDocType). */
  missingElement: 'LT_EDXML_MISSING_ELEMENT',
  unknownStatusCode: 'LT_EDXML_UNKNOWN_STATUS_CODE',
  badDate: 'LT_EDXML_BAD_DATE',
  /** A number, boolean or code that is not one. */
  badValue: 'LT_EDXML_BAD_VALUE',
  badDocumentId: 'LT_EDXML_BAD_DOCUMENT_ID',
  manifestMismatch: 'LT_EDXML_MANIFEST_MISMATCH',
  badBase64: 'LT_EDXML_BAD_BASE64',
  badZip: 'LT_EDXML_BAD_ZIP',
  zipTooLarge: 'LT_EDXML_ZIP_TOO_LARGE',
} as const;
export type EdxmlErrorCode = (typeof EdxmlErrors)[keyof typeof EdxmlErrors];

/** A refusal of an edXML message (kind validation: the sender must fix it, a retry cannot help). */
export function edxmlError(code: EdxmlErrorCode, detail: string, details?: Record<string, unknown>): LtError {
  return new LtError(code, 'validation', `edXML: ${detail}`, details ? { details } : {});
}
