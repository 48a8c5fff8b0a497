import { createHash } from 'node:crypto';
import type { Dossier, DossierDocument, Transfer, TransferStatus } from '../../../src/model';
import { readFixture } from '../../../src/model/__tests__/fixtures';
import type { DossierFile } from '../packages';

/** The two agencies of the exchange scenarios: a commune transfers a dossier to its province. */
export const COMMUNE = { id: '000.01.53.H48', name: 'UBND xã Bình Sơn' };
export const PROVINCE = { id: '000.00.00.H48', name: 'UBND tỉnh Quảng Ngãi' };
/** An agency no gateway of these tests serves. */
export const ELSEWHERE = { id: '000.00.99.H48', name: 'UBND tỉnh Khác' };

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A dossier file whose document entry names its bytes (SHA-256, size, blob reference). */
export function dossierFile(id: string, name: string, content: Buffer | string): DossierFile {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  const sha = sha256(bytes);
  const document: DossierDocument = {
    id,
    kind: 'submitted',
    name,
    mediaType: 'application/pdf',
    sha256: sha,
    size: bytes.length,
    blobRef: `sha256:${sha}`,
  };
  return { document, content: bytes };
}

/** Two files with non-ASCII names and binary bytes, so a round trip that re-encodes anything shows. */
export function sampleFiles(tag: string): DossierFile[] {
  return [
    dossierFile('tp01', 'Đơn đề nghị.pdf', `%PDF-1.4\n% Đơn ${tag}\n${'x'.repeat(1500)}\n%%EOF\n`),
    dossierFile(
      'tp02',
      'Bản sao CCCD.pdf',
      Buffer.from(Array.from({ length: 777 }, (_, i) => (i * 37) % 256)),
    ),
  ];
}

export interface TransferScenario {
  dossier: Dossier;
  transfer: Transfer;
  files: DossierFile[];
}

/**
 * A dossier of `from` (the commune unless said otherwise) with one transfer to `to`, in the given state, and
 * the files its documents name. The DocumentId has the QCVN 102 form `transferDocumentId` gives it.
 */
export function transferScenario(
  options: {
    code?: string;
    from?: { id: string; name?: string };
    to?: { id: string; name?: string };
    status?: TransferStatus;
    files?: DossierFile[];
  } = {},
): TransferScenario {
  const from = options.from ?? COMMUNE;
  const to = options.to ?? PROVINCE;
  const code = options.code ?? `${from.id}-261122-0001`;
  const files = options.files ?? sampleFiles(code);
  const transfer: Transfer = {
    id: 'T1',
    from,
    to,
    at: '2026-11-22T03:00:00.000Z',
    reason: 'Chuyển tỉnh thẩm định',
    documentId: `${from.id},2026/11/22,1/LT-${code}`,
    status: options.status ?? 'sent',
  };
  const base = readFixture('online-citizen-received.json') as unknown as Dossier;
  const dossier: Dossier = {
    ...base,
    code,
    agency: { id: from.id, name: from.name, level: 'commune' },
    documents: files.map((f) => f.document),
    transfers: [transfer],
  };
  return { dossier, transfer, files };
}
