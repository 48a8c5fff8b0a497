import { LtError } from '../../src/errors';
import { COMMUNE, PROVINCE, dossierFile, transferScenario } from './__fixtures__/exchange';
import { buildEdoc, buildStatus, parseEdxml } from './edxml';
import type { EdocPackage, StatusMessage } from './edxml';
import { DOSSIER_ATTACHMENT, dossierCodesIn, readTransfer, statusPackage, transferPackage } from './packages';

const AT = new Date('2026-11-22T03:04:05.000Z');

function parsedEdoc(xml: Buffer): EdocPackage {
  const parsed = parseEdxml(xml);
  if (parsed.kind !== 'edoc') throw new Error(`expected an edoc, got ${parsed.kind}`);
  return parsed.edoc;
}

function parsedStatus(xml: Buffer): StatusMessage {
  const parsed = parseEdxml(xml);
  if (parsed.kind !== 'status') throw new Error(`expected a status, got ${parsed.kind}`);
  return parsed.status;
}

/** The error a function throws, so its code can be compared (a bare toThrow would accept any error). */
function thrown(fn: () => unknown): LtError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LtError) return err;
    throw err;
  }
  throw new Error('expected an LtError, nothing was thrown');
}

describe('transferPackage → buildEdoc → parseEdxml → readTransfer', () => {
  it('gives back the dossier and byte-identical files', () => {
    const { dossier, transfer, files } = transferScenario();
    const edoc = parsedEdoc(buildEdoc(transferPackage(dossier, transfer, files, AT)));

    const received = readTransfer(edoc);
    expect(received).toBeDefined();
    expect(received!.dossier).toEqual(dossier);
    expect(received!.files.map((f) => f.document.id)).toEqual(['tp01', 'tp02']);
    received!.files.forEach((f, i) => {
      expect(f.document).toEqual(files[i].document);
      expect(f.content.equals(files[i].content)).toBe(true);
    });
  });

  it('sends only the files the transfer names, in the attachments and in the dossier copy', () => {
    const { dossier, transfer, files } = transferScenario();
    const chosen = { ...transfer, documentIds: ['tp02'] };
    const edoc = parsedEdoc(buildEdoc(transferPackage(dossier, chosen, files, AT)));
    const received = readTransfer(edoc)!;
    expect(received.dossier.documents.map((d) => d.id)).toEqual(['tp02']);
    expect(received.files.map((f) => f.document.id)).toEqual(['tp02']);
    expect(edoc.attachments).toHaveLength(2); // dossier.json and tp02
  });

  it('writes the letter the receiving agency reads: sender, receiver, DocumentId, number and date', () => {
    const { dossier, transfer, files } = transferScenario();
    const edoc = parsedEdoc(buildEdoc(transferPackage(dossier, transfer, files, AT)));
    expect(edoc.header.from.organId).toBe(COMMUNE.id);
    expect(edoc.header.to.map((t) => t.organId)).toEqual([PROVINCE.id]);
    expect(edoc.header.documentId).toBe(transfer.documentId);
    expect(edoc.header.code).toEqual({ codeNumber: '1', codeNotation: `LT-${dossier.code}` });
    expect(edoc.header.promulgationInfo?.promulgationDate).toBe('2026-11-22');
    expect(edoc.header.subject).toContain(dossier.code);
    expect(edoc.trace[0]?.organId).toBe(COMMUNE.id);
    expect(edoc.attachments.map((a) => a.name)).toEqual([
      DOSSIER_ATTACHMENT,
      'Đơn đề nghị.pdf',
      'Bản sao CCCD.pdf',
    ]);
  });

  it('refuses a transfer without a DocumentId (LT_TRANSFER_INVALID)', () => {
    const { dossier, transfer, files } = transferScenario();
    const err = thrown(() => transferPackage(dossier, { ...transfer, documentId: undefined }, files, AT));
    expect(err.code).toBe('LT_TRANSFER_INVALID');
  });

  it('refuses a file whose bytes are not the ones the dossier names (LT_SIG_ATTACHMENT_TAMPERED)', () => {
    const { dossier, transfer, files } = transferScenario();
    const swapped = [
      files[0],
      { document: files[1].document, content: Buffer.from('another file entirely') },
    ];
    const edoc = parsedEdoc(buildEdoc(transferPackage(dossier, transfer, swapped, AT)));
    const err = thrown(() => readTransfer(edoc));
    expect(err.code).toBe('LT_SIG_ATTACHMENT_TAMPERED');
    expect(err.kind).toBe('signature');
    expect(err.message).toContain('tp02');
  });

  it('refuses a dossier.json that is not JSON (LT_EDXML_BAD_VALUE)', () => {
    const { dossier, transfer, files } = transferScenario();
    const edoc = parsedEdoc(buildEdoc(transferPackage(dossier, transfer, files, AT)));
    const carrier = edoc.attachments.find((a) => a.name === DOSSIER_ATTACHMENT)!;
    carrier.files = [{ name: DOSSIER_ATTACHMENT, data: Buffer.from('{not json') }];
    expect(thrown(() => readTransfer(edoc)).code).toBe('LT_EDXML_BAD_VALUE');
  });

  it('reads an edoc without dossier.json as no transfer (undefined)', () => {
    const { dossier, transfer, files } = transferScenario();
    const draft = transferPackage(dossier, transfer, files, AT);
    const letter = {
      ...draft,
      manifest: draft.manifest.filter((m) => m.attachmentName !== DOSSIER_ATTACHMENT),
      attachments: draft.attachments.filter((a) => a.name !== DOSSIER_ATTACHMENT),
    };
    const edoc = parsedEdoc(buildEdoc(letter));
    expect(edoc.attachments).toHaveLength(2);
    expect(readTransfer(edoc)).toBeUndefined();
  });

  it('keeps only the files the dossier names (an extra attachment is not taken as a document)', () => {
    const { dossier, transfer, files } = transferScenario();
    const stray = dossierFile('not-in-dossier', 'Phụ lục.pdf', 'appendix');
    const edoc = parsedEdoc(buildEdoc(transferPackage(dossier, transfer, [...files, stray], AT)));
    expect(readTransfer(edoc)!.files.map((f) => f.document.id)).toEqual(['tp01', 'tp02']);
  });
});

describe('statusPackage', () => {
  const { transfer } = transferScenario({ status: 'received' });

  it('answers the transfer: ResponseFor its DocumentId, From the receiving agency', () => {
    const status = statusPackage(transfer, '05', 'Đang xử lý', AT);
    expect(status).toEqual({
      from: { organId: PROVINCE.id, organName: PROVINCE.name },
      responseFor: { organId: COMMUNE.id, documentId: transfer.documentId, promulgationDate: '2026-11-22' },
      statusCode: '05',
      description: 'Đang xử lý',
      timestamp: AT.toISOString(),
    });
  });

  it('survives the wire: buildStatus → parseEdxml reads the same answer', () => {
    const read = parsedStatus(buildStatus(statusPackage(transfer, '06', 'Hoàn thành xử lý', AT)));
    expect(read.from.organId).toBe(PROVINCE.id);
    expect(read.responseFor.documentId).toBe(transfer.documentId);
    expect(read.responseFor.organId).toBe(COMMUNE.id);
    expect(read.statusCode).toBe('06');
    expect(read.description).toBe('Hoàn thành xử lý');
    expect(read.timestamp).toBe(AT.toISOString());
  });
});

describe('dossierCodesIn', () => {
  const letter = (subject: string, content: string): EdocPackage => {
    const { dossier, transfer, files } = transferScenario();
    const edoc = parsedEdoc(buildEdoc(transferPackage(dossier, transfer, files, AT)));
    return { ...edoc, header: { ...edoc.header, subject, content } };
  };

  it('finds dossier codes in the subject and the content, each once', () => {
    const edoc = letter(
      'Về việc bổ sung hồ sơ 000.01.53.H48-261122-0001.',
      'Đề nghị xử lý hồ sơ số 000.00.00.H48-261123-000045 (kèm hồ sơ 000.01.53.H48-261122-0001)',
    );
    expect(dossierCodesIn(edoc)).toEqual(['000.01.53.H48-261122-0001', '000.00.00.H48-261123-000045']);
  });

  it('finds nothing in a letter that names no dossier code', () => {
    const edoc = letter('Công văn 123/UBND-VP ngày 22/11/2026', 'Số điện thoại 0900-000001, mã 12-3');
    expect(dossierCodesIn(edoc)).toEqual([]);
  });
});
