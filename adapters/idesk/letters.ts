import { createHash } from 'node:crypto';
import type { Dossier, DossierDocument } from '../../src/model';
import type { Verdict } from '../../src/trust/verdict';
import type { EdocPackage } from './edxml';
import { dossierCodesIn } from './packages';
import type { ReceiveDeps } from './receive';

/**
 * Official letters (an edoc without a dossier inside) that name a dossier we hold: their files join it as
 * documents, with the signature verdict they came with, and the timeline says who sent what. Only an
 * agency the dossier involves may add to it.
 */
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** An official letter about a dossier we hold (its code in the subject or content): logged against it. */
export async function linkOfficialDocument(
  edoc: EdocPackage,
  deps: ReceiveDeps,
  verdict: Verdict,
): Promise<string | undefined> {
  const sender = edoc.header.from.organId;
  const from = edoc.header.from.organName ?? sender;
  const linked: string[] = [];
  for (const code of dossierCodesIn(edoc)) {
    const held = await deps.dossiers.find(code);
    // Only an agency the dossier involves (its own, or one end of a transfer) may add to it.
    if (!held || !involves(held, sender)) continue;
    const documents: DossierDocument[] = [];
    for (const attachment of edoc.attachments) {
      const files = attachment.files ?? [{ name: attachment.name, data: attachment.data }];
      for (const file of files) {
        const ref = await deps.blobs?.put(file.data);
        documents.push(
          letterDocument(
            file.name,
            attachment.files ? undefined : attachment.contentType,
            file.data,
            ref?.ref,
            verdict,
            edoc,
          ),
        );
      }
    }
    await deps.dossiers.amend(code, (current) => attachDocuments(current, documents, from, edoc), {
      system: 'idesk',
      source: '/lienthong/adapters/idesk',
    });
    linked.push(code);
  }
  return linked[0];
}

function involves(dossier: Dossier, agency: string): boolean {
  return (
    dossier.agency.id === agency || dossier.transfers.some((t) => t.from.id === agency || t.to.id === agency)
  );
}

function letterDocument(
  name: string,
  contentType: string | undefined,
  content: Buffer,
  blobRef: string | undefined,
  verdict: Verdict,
  edoc: EdocPackage,
): DossierDocument {
  const sha = sha256(content);
  return {
    id: `edxml-${sha.slice(0, 16)}`,
    kind: 'result',
    name,
    mediaType: contentType ?? 'application/octet-stream',
    sha256: sha,
    size: content.length,
    ...(blobRef ? { blobRef } : {}),
    signature: {
      verdict: verdict.status === 'valid' ? 'valid' : 'unsigned',
      ...(verdict.signer ? { signer: verdict.signer.subject } : {}),
      checkedAt: verdict.checkedAt,
      detail: `edXML ${edoc.header.documentId}: ${verdict.reason}`,
    },
  };
}

/** An official letter's files added to the dossier it names, with a step saying who sent what. */
function attachDocuments(current: Dossier, documents: DossierDocument[], from: string, edoc: EdocPackage) {
  const known = new Set(current.documents.map((d) => d.id));
  const added = documents.filter((d) => !known.has(d.id));
  if (added.length === 0) return undefined;
  const at = new Date().toISOString();
  const note = `Văn bản ${edoc.header.documentId} từ ${from}: ${edoc.header.subject ?? ''}`.slice(0, 4000);
  return {
    dossier: {
      ...current,
      version: current.version + 1,
      documents: [...current.documents, ...added],
      progress: [...current.progress, { status: current.status, at, note }],
    },
    change: { kind: 'updated' as const, actor: 'idesk', note, progressFrom: current.progress.length },
  };
}
