import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { DossierSink } from '../../src/adapter/contract';
import type { BlobStore } from '../../src/blob/store';
import { applyTransferStatus } from '../../src/dossier/transfers';
import type { TransferStatusReport } from '../../src/dossier/transfers';
import { LtError, isLtError } from '../../src/errors';
import type { MappingSet } from '../../src/mapping';
import type { Dossier, DossierDocument, Transfer, TransferStatus } from '../../src/model';
import type { Db } from '../../src/store/db';
import { appendMessage, messageEvidence } from '../../src/store/message-log';
import type { TrustStore } from '../../src/trust/store';
import { TrustReasons } from '../../src/trust/verdict';
import type { Verdict } from '../../src/trust/verdict';
import type { VerifyPolicy } from './config';
import { checkPackage } from './edge';
import type { EdocPackage, StatusMessage } from './edxml';
import { linkOfficialDocument } from './letters';
import { readTransfer } from './packages';

/**
 * One package from the exchange, end to end: the edge (signature, parse of what is signed), replay
 * detection, then the change it makes (a transferred dossier, a status of one of our transfers, documents
 * for a dossier), and its evidence in the message log with the verdict. Refusals change nothing but the
 * log. The result tells the poller how to acknowledge: `done` once stored, `fail` when refused.
 */
export interface ReceiveDeps {
  db: Db;
  blobs?: BlobStore;
  trust: TrustStore;
  dossiers: DossierSink;
  mappings: MappingSet;
  logger: Logger;
  /** The agencies this gateway receives for. */
  agencies: ReadonlySet<string>;
  policy: VerifyPolicy;
}

export interface ReceiveResult {
  outcome: 'accepted' | 'refused' | 'duplicate';
  code: string;
  detail: string;
  dossierCode?: string;
  verdict: Verdict;
}

const SYSTEM = 'idesk';
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export async function receivePackage(
  bytes: Buffer,
  deps: ReceiveDeps,
  meta: { exchangeId?: string; sender?: string } = {},
): Promise<ReceiveResult> {
  const edge = await checkPackage(bytes, deps.trust, deps.policy);
  // A package may be megabytes of attachments: logged by blob reference beyond the inline limit.
  const evidence = await messageEvidence(bytes, deps.blobs);
  const log = (verdict: string, detail: string, signature: Verdict, dossierCode?: string) =>
    appendMessage(deps.db, {
      direction: 'in',
      system: SYSTEM,
      verdict,
      dossierCode,
      messageId: meta.exchangeId,
      detail,
      contentType: 'application/xml',
      ...evidence,
      signature,
    });
  if (!edge.ok && edge.code === TrustReasons.certRevocationUnknown) {
    // The CA's revocation list could not be had (its server down, the cached copy expired): a fault of the
    // environment, not of the package. Logged, not acknowledged, so the axis offers it again later.
    await log('deferred', `${edge.code}: ${edge.detail}`, edge.verdict);
    throw new LtError(edge.code, 'transient', `package deferred: ${edge.detail}`);
  }
  if (!edge.ok) {
    await log('rejected', `${edge.code}: ${edge.detail}`, edge.verdict);
    deps.logger.warn({ code: edge.code, exchangeId: meta.exchangeId }, 'edXML package refused at the edge');
    return { outcome: 'refused', code: edge.code, detail: edge.detail, verdict: edge.verdict };
  }
  const parsed = edge.parsed;
  const sender = parsed.kind === 'edoc' ? parsed.edoc.header.from.organId : parsed.status.from.organId;
  if (meta.sender !== undefined && meta.sender !== sender) {
    // The axis authenticated who sent it (its HMAC); a package claiming another agency is refused.
    const detail = `the package says it is from ${sender}, but the axis delivered it from ${meta.sender}`;
    await log('rejected', `LT_EDXML_SENDER_MISMATCH: ${detail}`, edge.verdict);
    return { outcome: 'refused', code: 'LT_EDXML_SENDER_MISMATCH', detail, verdict: edge.verdict };
  }
  const documentId =
    parsed.kind === 'edoc'
      ? parsed.edoc.header.documentId
      : `${parsed.status.responseFor.documentId}#${parsed.status.statusCode}@${parsed.status.timestamp}`;
  if (await seen(deps.db, sender, documentId, parsed.kind)) {
    const detail = `${parsed.kind} ${documentId} from ${sender} was received before`;
    await log('rejected', `${TrustReasons.replay}: ${detail}`, edge.verdict);
    return { outcome: 'duplicate', code: TrustReasons.replay, detail, verdict: edge.verdict };
  }
  try {
    const dossierCode =
      parsed.kind === 'edoc'
        ? await applyEdoc(parsed.edoc, deps, edge.verdict)
        : await applyStatus(parsed.status, deps);
    await remember(deps.db, sender, documentId, parsed.kind, meta.exchangeId, sha256(bytes), dossierCode);
    await log('accepted', `${parsed.kind} ${documentId} from ${sender}`, edge.verdict, dossierCode);
    return {
      outcome: 'accepted',
      code: TrustReasons.ok,
      detail: 'stored',
      dossierCode,
      verdict: edge.verdict,
    };
  } catch (err) {
    if (!isLtError(err) || err.retryable || err.kind === 'internal') throw err;
    await log('rejected', `${err.code}: ${err.message}`, edge.verdict);
    return { outcome: 'refused', code: err.code, detail: err.message, verdict: edge.verdict };
  }
}

async function seen(db: Db, sender: string, documentId: string, kind: string): Promise<boolean> {
  const res = await db.query(
    'SELECT 1 FROM edxml_received WHERE sender = $1 AND document_id = $2 AND kind = $3',
    [sender, documentId, kind],
  );
  return res.rows.length > 0;
}

async function remember(
  db: Db,
  sender: string,
  documentId: string,
  kind: string,
  exchangeId: string | undefined,
  bodySha: string,
  dossierCode: string | undefined,
): Promise<void> {
  await db.query(
    `INSERT INTO edxml_received (sender, document_id, kind, exchange_id, body_sha256, dossier_code)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [sender, documentId, kind, exchangeId ?? null, bodySha, dossierCode ?? null],
  );
}

/** A transfer to one of our agencies becomes our copy of the dossier, its files in the blob store. */
async function applyEdoc(
  edoc: EdocPackage,
  deps: ReceiveDeps,
  verdict: Verdict,
): Promise<string | undefined> {
  const addressed = edoc.header.to.some((to) => deps.agencies.has(to.organId));
  if (!addressed) {
    throw new LtError(
      'LT_EDXML_NOT_ADDRESSED',
      'validation',
      `package is addressed to ${edoc.header.to.map((t) => t.organId).join(', ')}, not to an agency served here (systems.idesk.agencies)`,
    );
  }
  const transfer = readTransfer(edoc);
  if (!transfer) return linkOfficialDocument(edoc, deps, verdict);
  const { dossier, files } = transfer;
  const incoming = dossier.transfers.find((t) => t.documentId === edoc.header.documentId);
  if (!incoming || !deps.agencies.has(incoming.to.id)) {
    throw new LtError(
      'LT_TRANSFER_NOT_FOUND',
      'validation',
      `the dossier in package ${edoc.header.documentId} names no transfer of it to us`,
    );
  }
  if (incoming.from.id !== edoc.header.from.organId) {
    throw new LtError(
      'LT_EDXML_SENDER_MISMATCH',
      'validation',
      `the transfer inside is from ${incoming.from.id}, the package from ${edoc.header.from.organId}`,
    );
  }
  for (const file of files) await deps.blobs?.put(file.content);
  const received = { ...incoming, status: 'received' as TransferStatus, statusCode: '01' };
  const from = edoc.header.from.organName ?? edoc.header.from.organId;
  const origin = { system: 'vxp', source: '/lienthong/adapters/idesk' };
  if (await deps.dossiers.find(dossier.code)) {
    // Back to an agency that holds it already (a transfer returned, or two agencies of one gateway): our copy
    // gains the transfer and the files it did not have, and that change is what answers the sender with 01.
    await deps.dossiers.amend(
      dossier.code,
      (current) => receiveAgain(current, received, dossier.documents, from),
      origin,
    );
    return dossier.code;
  }
  // Our copy starts its own history and versions; what the sender did is in its own timeline.
  const transfers = dossier.transfers.map((t) => (t.documentId === received.documentId ? received : t));
  const { version: _version, progress: _progress, ...snapshot } = { ...dossier, transfers };
  await deps.dossiers.sync(
    {
      snapshot: snapshot as Dossier,
      observedAt: new Date().toISOString(),
      note: `Nhận liên thông từ ${from}`,
      actor: 'idesk',
      ifAbsent: true,
    },
    // Named after the axis, not this adapter: the origin of a change is never sent the change, and this
    // adapter must see the new dossier to answer the sender with status 01 (đã đến).
    origin,
  );
  return dossier.code;
}

/** A transfer of a dossier we already hold: the transfer and any new files join our copy. */
function receiveAgain(current: Dossier, transfer: Transfer, documents: DossierDocument[], from: string) {
  if (current.transfers.some((t) => t.documentId === transfer.documentId)) return undefined;
  const known = new Set(current.documents.map((d) => d.id));
  const at = new Date().toISOString();
  const note = `Nhận liên thông từ ${from}`;
  return {
    dossier: {
      ...current,
      version: current.version + 1,
      transfers: [...current.transfers, transfer],
      documents: [...current.documents, ...documents.filter((d) => !known.has(d.id))],
      progress: [...current.progress, { status: current.status, at, note }],
    },
    change: { kind: 'updated' as const, actor: 'idesk', note, progressFrom: current.progress.length },
  };
}

/** Another agency's status message about one of our transfers: into the dossier's timeline. */
async function applyStatus(status: StatusMessage, deps: ReceiveDeps): Promise<string> {
  const documentId = status.responseFor.documentId ?? '';
  const dossier = await deps.dossiers.findByTransfer(documentId);
  if (!dossier) {
    throw new LtError(
      'LT_TRANSFER_NOT_FOUND',
      'validation',
      `no transfer of ours has DocumentId ${documentId}`,
    );
  }
  const report: TransferStatusReport = {
    documentId,
    from: { id: status.from.organId, ...(status.from.organName ? { name: status.from.organName } : {}) },
    statusCode: status.statusCode,
    status: (deps.mappings.ref.code('edxml-transfer-status', status.statusCode) ??
      'received') as TransferStatus,
    description: status.description || `trạng thái ${status.statusCode}`,
    at: status.timestamp,
  };
  await deps.dossiers.amend(dossier.code, (current) => applyTransferStatus(current, report, 'idesk'), {
    system: SYSTEM,
    source: '/lienthong/adapters/idesk',
  });
  return dossier.code;
}
