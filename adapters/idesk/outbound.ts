import axios from 'axios';
import type {
  AdapterDeps,
  DeliveryContext,
  DeliveryResult,
  OutboundMessage,
  WireRecord,
} from '../../src/adapter/contract';
import { LtError } from '../../src/errors';
import type { Dossier, DossierEventData, Transfer } from '../../src/model';
import type { VxpClient } from './client';
import type { IdeskConfig } from './config';
import { buildEdoc, buildStatus, signEdxml } from './edxml';
import type { StatusCode } from './edxml';
import type { AgencyIdentity } from './identity';
import { statusPackage, transferPackage } from './packages';
import type { DossierFile } from './packages';

/**
 * What the exchange sends for one dossier event: the packages of transfers we were asked to make (sender
 * side), and the status messages we owe the agencies that transferred a dossier to us (receiver side). Each
 * package is signed with the agency key and sent through the axis, or straight to an iDesk that takes
 * edXML on its own inbound. What was sent is remembered per package, so a retried event sends only what
 * had not gone yet (the axis has no idempotency of its own).
 */
export interface OutboundDeps extends AdapterDeps {
  client: VxpClient;
  identity: AgencyIdentity;
  config: IdeskConfig;
}

interface Package {
  /** Remembered once sent: a retry of the event does not send it twice. */
  key: string;
  to: string;
  from: string;
  messagetype: 'edoc' | 'status';
  /** Built and signed only when it is still to be sent. */
  build(): Promise<Buffer>;
}

export async function deliverExchange(
  message: OutboundMessage,
  ctx: DeliveryContext,
  deps: OutboundDeps,
): Promise<DeliveryResult> {
  const data = (message.payload as { data?: DossierEventData } | undefined)?.data;
  if (!data?.dossier || !data.change) {
    throw new LtError(
      'LT_IDESK_INVALID_EVENT',
      'permanent',
      `message ${message.messageId} carries no dossier event`,
    );
  }
  const ours = new Set(deps.config.agencies);
  const packages = [
    ...(await transferPackages(data.dossier, ours, deps)),
    ...statusPackages(data, ours, deps),
  ];
  const sent: WireRecord[] = [];
  const docIds: string[] = [];
  for (const pkg of packages) {
    if (await deps.state.read(pkg.key)) continue;
    const result = await send(pkg, await pkg.build(), ctx, deps);
    await deps.state.write(pkg.key, { docId: result.docId, at: new Date().toISOString() });
    sent.push(result.wire);
    docIds.push(result.docId);
  }
  if (sent.length === 0) {
    // Nothing this event asks of the exchange (most dossier events): recorded as such.
    return { status: 204, request: { method: 'NONE', url: 'idesk:nothing-to-send', body: Buffer.alloc(0) } };
  }
  const last = sent[sent.length - 1];
  return {
    status: 200,
    request: { ...last, body: Buffer.concat(sent.map((w) => w.body)) },
    externalId: docIds.join(','),
  };
}

async function transferPackages(dossier: Dossier, ours: Set<string>, deps: OutboundDeps): Promise<Package[]> {
  const due = dossier.transfers.filter((t) => t.status === 'sent' && ours.has(t.from.id) && t.documentId);
  const packages: Package[] = [];
  for (const transfer of due) {
    packages.push({
      key: `sent:edoc:${transfer.documentId}`,
      to: transfer.to.id,
      from: transfer.from.id,
      messagetype: 'edoc',
      build: async () => {
        const files = await filesOf(dossier, deps);
        return sign(buildEdoc(transferPackage(dossier, transfer, files, new Date())), deps.identity);
      },
    });
  }
  return packages;
}

/** The dossier's files we hold the bytes of; a file known only by URL travels as its metadata only. */
async function filesOf(dossier: Dossier, deps: OutboundDeps): Promise<DossierFile[]> {
  const files: DossierFile[] = [];
  for (const document of dossier.documents) {
    if (!document.blobRef || !deps.blobs || !(await deps.blobs.has(document.blobRef))) continue;
    files.push({ document, content: await deps.blobs.get(document.blobRef) });
  }
  return files;
}

/**
 * Status messages owed on a dossier transferred to us: 01 (arrived) once per transfer, whatever event
 * brought it (a new dossier, or one we held already), then the code of each status the dossier moves to.
 */
function statusPackages(data: DossierEventData, ours: Set<string>, deps: OutboundDeps): Package[] {
  const { dossier, change } = data;
  const inbound = dossier.transfers.filter((t) => ours.has(t.to.id) && t.documentId && t.status !== 'sent');
  const at = new Date(dossier.progress[dossier.progress.length - 1]?.at ?? Date.now());
  const packages: Package[] = [];
  for (const transfer of inbound) {
    packages.push(statusMessage(transfer, '01', 'Đã đến', at, 'arrived', deps));
    if (change.kind !== 'status_changed') continue;
    const code = deps.mappings.ref.code('dossier-status-to-edxml', dossier.status) as StatusCode | undefined;
    if (!code) continue;
    const description = deps.mappings.ref.label('dossier-status-to-edxml', code) ?? `trạng thái ${code}`;
    packages.push(statusMessage(transfer, code, description, at, String(dossier.progress.length), deps));
  }
  return packages;
}

function statusMessage(
  transfer: Transfer,
  code: StatusCode,
  description: string,
  at: Date,
  step: string,
  deps: OutboundDeps,
): Package {
  return {
    key: `sent:status:${transfer.documentId}:${code}:${step}`,
    to: transfer.from.id,
    from: transfer.to.id,
    messagetype: 'status',
    build: async () => sign(buildStatus(statusPackage(transfer, code, description, at)), deps.identity),
  };
}

function sign(xml: Buffer, identity: AgencyIdentity): Buffer {
  return signEdxml(xml, {
    privateKey: identity.privateKey,
    certificatePem: identity.certificatePem,
    algorithm: identity.algorithm,
  });
}

/** Through the axis, or to the receiving iDesk's own inbound when the configuration names one. */
async function send(
  pkg: Package,
  xml: Buffer,
  ctx: DeliveryContext,
  deps: OutboundDeps,
): Promise<{ wire: WireRecord; docId: string }> {
  const direct = deps.config.direct?.[pkg.to];
  if (direct) {
    const res = await axios.post(direct.url, xml, {
      headers: { 'Content-Type': 'application/xml; charset=utf-8' },
      timeout: ctx.timeoutMs,
      signal: ctx.signal,
      validateStatus: () => true,
      responseType: 'arraybuffer',
    });
    const wire: WireRecord = { method: 'POST', url: direct.url, contentType: 'application/xml', body: xml };
    if (res.status >= 300) {
      const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
      throw Object.assign(
        new LtError(
          'LT_IDESK_DIRECT_REFUSED',
          retryable ? 'transient' : 'permanent',
          `iDesk inbound ${direct.url} answered ${res.status}`,
          {
            details: { httpStatus: res.status },
          },
        ),
        { wire },
      );
    }
    return { wire, docId: `direct:${pkg.key}` };
  }
  const result = await deps.client.sendEdoc(
    xml,
    { from: pkg.from, to: [pkg.to], messagetype: pkg.messagetype },
    { timeoutMs: ctx.timeoutMs, signal: ctx.signal },
  );
  return { wire: result.wire, docId: result.docId };
}
