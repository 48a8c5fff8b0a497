/**
 * Reads an edXML message (QCVN 102:2016, spec §2.2–2.5) into the model: a document package or a status
 * message. The XML goes through safe-xml first (no DTD, no entities, well-formed or refused). The XML-DSig
 * `Signature` is not read here: signatures are verified by src/trust/xmldsig on the same bytes.
 */
import { parseSafeXml } from '../../../src/trust/xml/safe-xml';
import type { XmlLimits } from '../../../src/trust/xml/safe-xml';
import { matchManifest, readAttachment, readManifest } from './attachments';
import { validateDocumentId } from './document-id';
import { isEdxmlElement, kid, kids } from './dom';
import { EdxmlErrors, edxmlError } from './errors';
import { isStatusHeader, readMessageHeader, readStatusHeader } from './read-header';
import { readBussiness, readTraceHeaders } from './read-trace';
import { EDXML_NS } from './types';
import type { EdocPackage, StatusMessage } from './types';
import type { ZipLimits } from './zip';

export interface ParseEdxmlOptions {
  /** Limits on the XML itself (size, depth), passed to parseSafeXml. */
  xml?: XmlLimits;
  /** Limits on each zipped attachment (zip-bomb guard). */
  zip?: ZipLimits;
}

/** What {@link parseEdxml} read. `warnings` name oddities that do not stop the message. */
export type ParsedEdxml =
  | { kind: 'edoc'; edoc: EdocPackage; warnings: string[] }
  | { kind: 'status'; status: StatusMessage; warnings: string[] };

function root(doc: Document, warnings: string[]): Element {
  const el = doc.documentElement;
  const name = el ? `{${el.namespaceURI ?? ''}}${el.localName}` : 'nothing';
  if (!el || !isEdxmlElement(el, 'edXML')) {
    throw edxmlError(EdxmlErrors.notEdxml, `the root is ${name}, not {${EDXML_NS}}edXML`);
  }
  if (el.namespaceURI !== EDXML_NS) warnings.push(`the root edXML is not in the ${EDXML_NS} namespace`);
  return el;
}

function documentIdWarnings(label: string, id: string | undefined): string[] {
  return id === undefined ? [] : validateDocumentId(id).map((p) => `${label}: ${p}`);
}

function readEdoc(rootEl: Element, envelope: Element, header: Element, options: ParseEdxmlOptions) {
  const messageHeader = readMessageHeader(kid(header, 'MessageHeader') as Element);
  const list = kid(header, 'TraceHeaderList');
  const manifest = readManifest(kid(envelope, 'edXMLBody'));
  // Spec §2.2 puts AttachmentEncoded outside the envelope; one inside is read as well.
  const containers = [...kids(rootEl, 'AttachmentEncoded'), ...kids(envelope, 'AttachmentEncoded')];
  const attachments = containers.flatMap((c) =>
    kids(c, 'Attachment').map((a) => readAttachment(a, options.zip ?? {})),
  );
  const edoc: EdocPackage = {
    header: messageHeader,
    trace: readTraceHeaders(list),
    manifest,
    attachments,
  };
  const bussiness = readBussiness(list);
  if (bussiness) edoc.bussiness = bussiness;
  const warnings = [
    ...documentIdWarnings('MessageHeader', messageHeader.documentId),
    ...documentIdWarnings('Bussiness', bussiness?.documentId),
    ...matchManifest(manifest, attachments),
  ];
  return { edoc, warnings };
}

/**
 * Parses edXML bytes. Throws an LtError (kind validation): `LT_XML_*` from safe-xml for input that is not
 * safe, well-formed XML, `LT_EDXML_*` ({@link EdxmlErrors}) for XML that is not a valid edXML message.
 */
export function parseEdxml(bytes: Buffer, options: ParseEdxmlOptions = {}): ParsedEdxml {
  const warnings: string[] = [];
  const rootEl = root(parseSafeXml(bytes, options.xml), warnings);
  const envelope = kid(rootEl, 'edXMLEnvelope');
  const header = kid(envelope, 'edXMLHeader');
  const messageHeader = kid(header, 'MessageHeader');
  if (!envelope || !header || !messageHeader) {
    throw edxmlError(EdxmlErrors.missingHeader, 'no edXMLEnvelope/edXMLHeader/MessageHeader');
  }
  if (isStatusHeader(messageHeader)) {
    const status = readStatusHeader(messageHeader);
    warnings.push(...documentIdWarnings('ResponseFor', status.responseFor.documentId));
    return { kind: 'status', status, warnings };
  }
  const { edoc, warnings: more } = readEdoc(rootEl, envelope, header, options);
  return { kind: 'edoc', edoc, warnings: [...warnings, ...more] };
}
