/**
 * Writes edXML in the shape of the VXP SDK samples (spec §2.2): root `edXML` in the default namespace, an
 * `edXML:`-prefixed envelope, the manifest in the body and `AttachmentEncoded` outside the envelope, each
 * attachment base64 (zipped first when asked), linked by `cid:` ids in both places. Unsigned: see sign.ts.
 */
import { withCid } from './attachments';
import { EdxmlErrors, edxmlError } from './errors';
import { STATUS_CODES, EDXML_NS } from './types';
import type { Attachment, EdocPackage, ManifestReference, NewAttachment, StatusMessage } from './types';
import { writeMessageHeader, writeStatusHeader, writeTrace } from './write-header';
import { leaf, writeDocument } from './xml-writer';
import type { XNode } from './xml-writer';
import { zipOne } from './zip';

/** A package to build: parsed attachments (their bytes sent as they are) or new files. */
export type EdocDraft = Omit<EdocPackage, 'attachments'> & { attachments: (Attachment | NewAttachment)[] };

const P = 'edXML:';

function reference(r: ManifestReference): XNode {
  return {
    tag: P + 'Reference',
    kids: [
      leaf(P + 'ContentId', withCid(r.contentId)),
      leaf(P + 'ContentType', r.contentType),
      leaf(P + 'Description', r.description),
      leaf(P + 'AttachmentName', r.attachmentName),
    ],
  };
}

function transported(a: Attachment | NewAttachment): Buffer {
  if ('data' in a) return a.data;
  return a.zip ? zipOne(a.name, a.content) : a.content;
}

function attachment(a: Attachment | NewAttachment): XNode {
  return {
    tag: 'Attachment',
    kids: [
      leaf('ContentId', withCid(a.contentId)),
      leaf('AttachmentName', a.name),
      leaf('Description', a.description),
      leaf('ContentType', a.contentType),
      {
        tag: P + 'ContentTransferEncoded',
        attrs: { 'xmlns:edXML': EDXML_NS },
        text: transported(a).toString('base64'),
      },
    ],
  };
}

function envelope(header: XNode[], body?: XNode): XNode {
  return {
    tag: P + 'edXMLEnvelope',
    attrs: { 'xmlns:edXML': EDXML_NS },
    kids: [{ tag: P + 'edXMLHeader', kids: header }, body],
  };
}

/** Builds a document package. The manifest is written as given: keep it in step with the attachments. */
export function buildEdoc(pkg: EdocDraft): Buffer {
  const refs = pkg.manifest.map((r) => withCid(r.contentId));
  const atts = pkg.attachments.map((a) => withCid(a.contentId));
  if (refs.length !== atts.length || refs.some((id) => !atts.includes(id))) {
    throw edxmlError(EdxmlErrors.manifestMismatch, 'the manifest and the attachments do not match', {
      manifest: refs,
      attachments: atts,
    });
  }
  const body: XNode = {
    tag: P + 'edXMLBody',
    kids: [{ tag: P + 'edXMLManifest', attrs: { version: '1.0' }, kids: pkg.manifest.map(reference) }],
  };
  const header = [writeMessageHeader(pkg.header), writeTrace(pkg.trace, pkg.bussiness)].filter(
    (n): n is XNode => n !== undefined,
  );
  const encoded: XNode = { tag: 'AttachmentEncoded', kids: pkg.attachments.map(attachment) };
  return writeDocument({
    tag: 'edXML',
    attrs: { xmlns: EDXML_NS },
    kids: [envelope(header, body), pkg.attachments.length > 0 ? encoded : undefined],
  });
}

/** Builds a status message (no body, no attachments). */
export function buildStatus(status: StatusMessage): Buffer {
  if (!(STATUS_CODES as readonly string[]).includes(status.statusCode)) {
    throw edxmlError(EdxmlErrors.unknownStatusCode, `unknown StatusCode '${status.statusCode}'`);
  }
  return writeDocument({
    tag: 'edXML',
    attrs: { xmlns: EDXML_NS },
    kids: [envelope([writeStatusHeader(status)])],
  });
}
