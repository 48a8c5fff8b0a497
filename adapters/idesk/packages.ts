import { createHash } from 'node:crypto';
import { LtError } from '../../src/errors';
import { parseSafeJson } from '../../src/trust/json';
import type { Dossier, DossierDocument, Transfer } from '../../src/model';
import { validateDossier } from '../../src/model';
import type { EdocDraft } from './edxml';
import type { EdocPackage, NewAttachment, Organ, StatusCode, StatusMessage } from './edxml';

/**
 * How a dossier travels between agencies as edXML, and back. No I/O here. A transfer package is an official
 * letter ("Công văn chuyển hồ sơ") whose attachments are the canonical dossier (`dossier.json`) and its files;
 * the receiving gateway recognises it by that attachment. Status messages answer the letter's DocumentId.
 */

/** The attachment that makes an edoc a dossier transfer. */
export const DOSSIER_ATTACHMENT = 'dossier.json';
const DOSSIER_CID = 'cid:dossier';

/** A file of the dossier with its bytes (read from the blob store by the caller). */
export interface DossierFile {
  document: DossierDocument;
  content: Buffer;
}

export const organOf = (agency: { id: string; name?: string }): Organ => ({
  organId: agency.id,
  ...(agency.name ? { organName: agency.name } : {}),
});

/** The package that carries `transfer` of `dossier`, with the files chosen for it. */
export function transferPackage(
  dossier: Dossier,
  transfer: Transfer,
  files: DossierFile[],
  at: Date,
): EdocDraft {
  if (!transfer.documentId) {
    throw new LtError(
      'LT_TRANSFER_INVALID',
      'permanent',
      `transfer ${transfer.id} of ${dossier.code} has no DocumentId`,
    );
  }
  // Only the files the transfer names travel, in the dossier copy as in the attachments.
  const chosen = (id: string) => !transfer.documentIds || transfer.documentIds.includes(id);
  const sent: Dossier = { ...dossier, documents: dossier.documents.filter((d) => chosen(d.id)) };
  files = files.filter((f) => chosen(f.document.id));
  const [, date, numberNotation] = transfer.documentId.split(',');
  const [codeNumber, codeNotation] = numberNotation.split('/');
  const attachments: NewAttachment[] = [
    {
      contentId: DOSSIER_CID,
      name: DOSSIER_ATTACHMENT,
      description: `Hồ sơ ${dossier.code} (mô hình chuẩn LienThong)`,
      contentType: 'application/json',
      content: Buffer.from(JSON.stringify(sent)),
      zip: true,
    },
    ...files.map((f, i) => ({
      contentId: `cid:file-${i + 1}`,
      name: f.document.name,
      description: f.document.id,
      contentType: f.document.mediaType,
      content: f.content,
      zip: true,
    })),
  ];
  return {
    header: {
      from: organOf(transfer.from),
      to: [organOf(transfer.to)],
      documentId: transfer.documentId,
      code: { codeNumber, codeNotation },
      promulgationInfo: { promulgationDate: date.replace(/\//g, '-') },
      documentType: { type: 1, typeDetail: 0, typeName: 'Công văn' },
      subject: `Chuyển hồ sơ ${dossier.code}: ${dossier.procedure.name ?? dossier.procedure.nationalCode ?? ''}`,
      content: transfer.reason ?? `Chuyển liên thông hồ sơ ${dossier.code}`,
      steeringType: 1,
    },
    trace: [{ organId: transfer.from.id, timestamp: at.toISOString() }],
    bussiness: { bussinessDocType: 0, paper: 0 },
    manifest: attachments.map((a) => ({
      contentId: a.contentId,
      contentType: a.contentType,
      description: a.description,
      attachmentName: a.name,
    })),
    attachments,
  };
}

/** The status message a receiving agency sends back about the transfer it received. */
export function statusPackage(
  transfer: Transfer,
  statusCode: StatusCode,
  description: string,
  at: Date,
): StatusMessage {
  const [organId, date] = (transfer.documentId ?? '').split(',');
  return {
    from: organOf(transfer.to),
    responseFor: {
      organId,
      documentId: transfer.documentId,
      ...(date ? { promulgationDate: date.replace(/\//g, '-') } : {}),
    },
    statusCode,
    description,
    timestamp: at.toISOString(),
  };
}

/** What a received transfer package holds: the sender's dossier and its files, checked against each other. */
export interface ReceivedTransfer {
  dossier: Dossier;
  files: DossierFile[];
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/**
 * Reads a transfer out of a (verified, parsed) package, or undefined when the edoc is not a transfer. Every
 * file must be the one the dossier names (same SHA-256): a package whose files and dossier disagree is
 * refused, so a file swapped in transit cannot be attached under a genuine document's name.
 */
export function readTransfer(edoc: EdocPackage): ReceivedTransfer | undefined {
  const carrier = edoc.attachments.find((a) => a.name === DOSSIER_ATTACHMENT);
  if (!carrier) return undefined;
  const body = carrier.files?.[0]?.data ?? carrier.data;
  let dossier: Dossier;
  try {
    // Strict UTF-8, bounded depth, no prototype-polluting keys: this JSON came from another agency.
    // …and the canonical schema: a package whose dossier is not one is refused, never half-applied.
    dossier = validateDossier(parseSafeJson(body));
  } catch (err) {
    throw new LtError('LT_EDXML_BAD_VALUE', 'validation', `${DOSSIER_ATTACHMENT}: ${(err as Error).message}`);
  }
  const files: DossierFile[] = [];
  for (const attachment of edoc.attachments) {
    if (attachment === carrier) continue;
    const content = attachment.files?.[0]?.data ?? attachment.data;
    const document = dossier.documents?.find((d) => d.id === attachment.description);
    if (!document) continue;
    if (sha256(content) !== document.sha256) {
      throw new LtError(
        'LT_SIG_ATTACHMENT_TAMPERED',
        'signature',
        `attachment ${attachment.name} does not match document ${document.id} of the dossier (SHA-256 differs)`,
      );
    }
    files.push({ document, content });
  }
  return { dossier, files };
}

/** Dossier codes (`<agency>-<yyMMdd>-<seq>`, spec §6.2) named in a letter's subject or content. */
export function dossierCodesIn(edoc: EdocPackage): string[] {
  const text = `${edoc.header.subject ?? ''}\n${edoc.header.content ?? ''}`;
  return [...new Set(text.match(/\b[0-9A-Z.]{3,35}-\d{6}-\d{3,6}\b/g) ?? [])];
}
