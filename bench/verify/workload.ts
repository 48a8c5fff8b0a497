import { randomBytes } from 'node:crypto';
import { buildEdoc, signEdxml } from '../../adapters/idesk/edxml';
import type { EdocDraft } from '../../adapters/idesk/edxml';

/**
 * A scanned decision as agencies send it: a PDF, which does not compress, so its bytes are random. Only the
 * size matters to the cost of a verification (digest, base64, canonicalisation all scale with it).
 */
export function pdfLike(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  return Buffer.concat([head, randomBytes(Math.max(0, bytes - head.length))]);
}

function draft(pdf: Buffer): EdocDraft {
  return {
    header: {
      from: { organId: '000.00.00.H48', organName: 'UBND tỉnh Quảng Ngãi', email: 'vanthu@quangngai.gov.vn' },
      to: [{ organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' }, { organId: '000.00.53.H48' }],
      documentId: '000.00.00.H48,2025/07/01,12/UBND-VP',
      code: { codeNumber: '12', codeNotation: 'UBND-VP' },
      promulgationInfo: { place: 'Quảng Ngãi', promulgationDate: '2025-07-01' },
      documentType: { type: 1, typeDetail: 0, typeName: 'Công văn' },
      subject: 'Về việc báo cáo kết quả giải quyết thủ tục hành chính quý II năm 2025',
      content: 'Ủy ban nhân dân tỉnh Quảng Ngãi báo cáo kết quả giải quyết thủ tục hành chính như sau.',
      signerInfo: { competence: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', fullName: 'Nguyễn Văn A' },
      dueDate: '2025-07-15',
      toPlaces: ['Như trên', 'Văn phòng Chính phủ', 'Lưu: VT, KSTT'],
      otherInfo: { priority: 1, direction: true, appendixes: [] },
      steeringType: 1,
    },
    trace: [{ organId: '000.00.00.H48', timestamp: '2025-07-01T01:30:05.000Z' }],
    bussiness: { bussinessDocType: 0, staffInfo: { staff: 'Nguyễn Văn B', department: 'Văn thư' } },
    manifest: [{ contentId: 'cid:1', contentType: 'application/pdf', attachmentName: 'bao-cao-q2.pdf' }],
    attachments: [
      { contentId: '1', name: 'bao-cao-q2.pdf', contentType: 'application/pdf', content: pdf, zip: false },
    ],
  };
}

/**
 * A signed edXML document package of about `targetBytes` (header, one PDF attachment, enveloped RSA-SHA256
 * signature with the certificate in KeyInfo), made with the project's own builder and signer.
 */
export function signedEdxml(keyPem: string, certPem: string, targetBytes: number): Buffer {
  const sign = (pdfBytes: number) =>
    signEdxml(buildEdoc(draft(pdfLike(pdfBytes))), { privateKey: keyPem, certificatePem: certPem });
  // One trial signature measures the fixed part (header, signature, certificate); base64 is 4/3 of the PDF.
  const fixed = sign(0).length;
  return sign(Math.max(0, Math.floor(((targetBytes - fixed) * 3) / 4)));
}
