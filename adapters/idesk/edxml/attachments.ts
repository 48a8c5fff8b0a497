/**
 * Reads `edXMLManifest` and `AttachmentEncoded` and checks that they describe the same files: every manifest
 * reference has its attachment and every attachment its reference, matched on the ContentId with or without
 * the `cid:` prefix (a third-party builder drops it in `AttachmentEncoded`, spec §2.3).
 */
import { compact, kid, kids, text } from './dom';
import { EdxmlErrors, edxmlError } from './errors';
import type { Attachment, ManifestReference } from './types';
import { looksZipped, unzipFiles } from './zip';
import type { ZipLimits } from './zip';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed']);
const DOCUMENT_PARTS = new Set(['[Content_Types].xml', 'mimetype']);

/** `209` and `cid:209` are one id; the model always writes the prefix. */
export function withCid(id: string): string {
  return /^cid:/i.test(id) ? `cid:${id.slice(4)}` : `cid:${id}`;
}

/** The ContentId of a Reference or Attachment: without one, nothing can be paired. */
function contentIdOf(el: Element, where: string): string {
  const id = withCid(text(el, 'ContentId') ?? '');
  if (id === 'cid:') {
    throw edxmlError(EdxmlErrors.missingElement, `${where} has no ContentId`, { element: 'ContentId' });
  }
  return id;
}

export function readManifest(body: Element | undefined): ManifestReference[] {
  return kids(kid(body, 'edXMLManifest'), 'Reference').map((ref) =>
    compact({
      contentId: contentIdOf(ref, 'a manifest Reference'),
      contentType: text(ref, 'ContentType'),
      description: text(ref, 'Description'),
      attachmentName: text(ref, 'AttachmentName'),
    }),
  );
}

function decodeBase64(value: string, contentId: string): Buffer {
  const clean = value.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || !BASE64.test(clean)) {
    throw edxmlError(EdxmlErrors.badBase64, `attachment ${contentId} is not base64`, { contentId });
  }
  return Buffer.from(clean, 'base64');
}

/** Reads one attachment, unzipping it when it is (or says it is) a ZIP archive. */
export function readAttachment(el: Element, limits: ZipLimits): Attachment {
  const contentId = contentIdOf(el, 'an Attachment');
  const contentType = text(el, 'ContentType');
  const data = decodeBase64(text(el, 'ContentTransferEncoded') ?? '', contentId);
  const saysZip = contentType !== undefined && ZIP_TYPES.has(contentType.toLowerCase());
  const unzipped =
    looksZipped(data) || saysZip ? unzipFiles(data, `attachment ${contentId}`, limits) : undefined;
  // An Office or OpenDocument file sent as it is (not zipped for transport) is a ZIP too: its parts are not
  // the attachment's files. The SDK's transport ZIP holds the document whole, never its parts.
  const isDocumentItself = !saysZip && unzipped?.some((f) => DOCUMENT_PARTS.has(f.name));
  const files = isDocumentItself ? undefined : unzipped;
  return compact({
    contentId,
    name: text(el, 'AttachmentName') ?? '',
    description: text(el, 'Description'),
    contentType,
    data,
    files,
  });
}

function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

/**
 * Refuses a manifest and attachments that do not pair up one to one; returns warnings for pairs whose
 * ContentType differ (the SDK writes `application/zip` on one side and the file's type on the other).
 */
export function matchManifest(manifest: ManifestReference[], attachments: Attachment[]): string[] {
  const refIds = manifest.map((r) => r.contentId);
  const attIds = attachments.map((a) => a.contentId);
  const dup = [...duplicates(refIds), ...duplicates(attIds)];
  const unattached = refIds.filter((id) => !attIds.includes(id));
  const unlisted = attIds.filter((id) => !refIds.includes(id));
  if (dup.length || unattached.length || unlisted.length) {
    throw edxmlError(EdxmlErrors.manifestMismatch, 'the manifest and the attachments do not match', {
      duplicated: dup,
      withoutAttachment: unattached,
      notInManifest: unlisted,
    });
  }
  const warnings: string[] = [];
  for (const ref of manifest) {
    const att = attachments.find((a) => a.contentId === ref.contentId);
    if (att && ref.contentType !== undefined && att.contentType !== undefined) {
      if (ref.contentType.toLowerCase() !== att.contentType.toLowerCase()) {
        warnings.push(
          `content type mismatch for ${ref.contentId}: manifest '${ref.contentType}', attachment '${att.contentType}'`,
        );
      }
    }
  }
  return warnings;
}
