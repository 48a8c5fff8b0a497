/** The edXML (QCVN 102:2016/BTTTT) codec: parse, build, sign, and the DocumentId helpers. */
export * from './types';
export { EdxmlErrors, edxmlError } from './errors';
export type { EdxmlErrorCode } from './errors';
export { parseEdxml } from './parse';
export type { ParseEdxmlOptions, ParsedEdxml } from './parse';
export { buildEdoc, buildStatus } from './build';
export type { EdocDraft } from './build';
export { signEdxml } from './sign';
export type { SignEdxmlOptions } from './sign';
export { classifyDocumentId, formatDocumentId, parseDocumentId, validateDocumentId } from './document-id';
export type { DocumentIdParts, ParsedDocumentId, QcvnDocumentId, UuidDocumentId } from './document-id';
export { looksZipped, unzipFiles, zipOne } from './zip';
export type { ZipLimits } from './zip';
