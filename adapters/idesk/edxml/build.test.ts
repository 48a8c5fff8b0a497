import { buildEdoc, buildStatus } from './build';
import type { EdocDraft } from './build';
import { parseEdxml } from './parse';
import type { StatusMessage } from './types';

const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

function draft(subject: string): EdocDraft {
  return {
    header: {
      from: { organId: '000.00.00.H48', organName: 'UBND tỉnh Quảng Ngãi' },
      to: [{ organId: '000.00.00.G22' }, { organId: '000.00.53.H48' }],
      documentId: '000.00.00.H48,2025/07/01,12/UBND-VP',
      code: { codeNumber: '12', codeNotation: 'UBND-VP' },
      promulgationInfo: { place: 'Quảng Ngãi', promulgationDate: '2025-07-01' },
      documentType: { type: 1, typeDetail: 0, typeName: 'Công văn' },
      subject,
      dueDate: '2025-07-15',
      toPlaces: ['Như trên', 'Lưu: VT'],
      otherInfo: { priority: 1, direction: true, appendixes: [] },
      responseFor: { organId: '000.00.00.G22', code: '7816/VPCP-TTĐT', promulgationDate: '2015-09-30' },
      steeringType: 1,
    },
    trace: [{ organId: '000.00.00.H48', timestamp: '2025-06-30T17:30:05.000Z' }],
    bussiness: {
      bussinessDocType: 3,
      replacementInfo: [{ documentId: '000.00.00.H48,2025/06/01,10/UBND-VP', organIds: ['000.00.00.G22'] }],
      staffInfo: { staff: 'Nguyễn Văn A' },
    },
    manifest: [
      { contentId: 'cid:a', contentType: 'application/pdf', attachmentName: 'qd.pdf' },
      { contentId: 'b', contentType: 'text/plain', attachmentName: 'note.txt', description: 'ghi chú' },
    ],
    attachments: [
      {
        contentId: 'a',
        name: 'qd.pdf',
        contentType: 'application/pdf',
        content: Buffer.from('%PDF-1.4 …'),
        zip: true,
      },
      {
        contentId: 'cid:b',
        name: 'note.txt',
        contentType: 'text/plain',
        content: Buffer.from('ghi chú'),
        zip: false,
      },
    ],
  };
}

function edoc(bytes: Buffer) {
  const got = parseEdxml(bytes);
  if (got.kind !== 'edoc') throw new Error('not an edoc');
  return got;
}

describe('buildEdoc', () => {
  it('writes the SDK shape: default-namespace root, edXML: envelope, attachments outside, cid: in both places', () => {
    const text = buildEdoc(draft('Về việc thử')).toString('utf8');
    expect(text.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="${NS}">`)).toBe(true);
    expect(text).toContain(`<edXML:edXMLEnvelope xmlns:edXML="${NS}">`);
    expect(text.indexOf('<AttachmentEncoded>')).toBeGreaterThan(text.indexOf('</edXML:edXMLEnvelope>'));
    expect(text).toContain('<edXML:ContentId>cid:b</edXML:ContentId>');
    expect(text).toContain('<ContentId>cid:a</ContentId>');
    expect(text).toContain('<edXML:Timestamp>2025/07/01 00:30:05</edXML:Timestamp>');
    expect(text).toContain('<edXML:PromulgationDate>2015/09/30</edXML:PromulgationDate>');
  });

  it('zips an attachment when asked and leaves it as it is otherwise', () => {
    const { edoc: pkg, warnings } = edoc(buildEdoc(draft('x')));
    expect(warnings).toEqual([]);
    const [pdf, note] = pkg.attachments;
    expect(pdf.data.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(pdf.files).toEqual([{ name: 'qd.pdf', data: Buffer.from('%PDF-1.4 …') }]);
    expect(note.data.toString('utf8')).toBe('ghi chú');
    expect(note.files).toBeUndefined();
  });

  it('reads back what it wrote, special characters and all', () => {
    const subject = 'A < B & C > "D" \'E\'\r\nF\tG ]]> 𝔘';
    const { edoc: pkg } = edoc(buildEdoc(draft(subject)));
    const expected = draft(subject);
    expect(pkg.header).toEqual(expected.header);
    expect(pkg.trace).toEqual(expected.trace);
    expect(pkg.bussiness).toEqual(expected.bussiness);
    expect(pkg.manifest.map((r) => r.contentId)).toEqual(['cid:a', 'cid:b']);
  });

  it('refuses text XML cannot carry, impossible dates and a manifest out of step with the attachments', () => {
    const code = (c: string) => expect.objectContaining({ code: c });
    expect(() => buildEdoc(draft('bell \u0007'))).toThrow(code('LT_EDXML_BAD_VALUE'));
    const badDate = draft('x');
    badDate.header.dueDate = '2025-02-30';
    expect(() => buildEdoc(badDate)).toThrow(code('LT_EDXML_BAD_DATE'));
    const extra = draft('x');
    extra.manifest.pop();
    expect(() => buildEdoc(extra)).toThrow(code('LT_EDXML_MANIFEST_MISMATCH'));
  });
});

describe('buildStatus', () => {
  const status: StatusMessage = {
    from: { organId: '000.00.00.H48', organName: 'UBND tỉnh Quảng Ngãi' },
    responseFor: {
      organId: '000.00.00.G22',
      code: '7816/VPCP-TTĐT',
      documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT',
    },
    staffInfo: { department: 'Văn thư', staff: 'Trần Thị B' },
    statusCode: '03',
    description: 'Tiếp nhận, vào sổ văn bản đến',
    timestamp: '2025-07-01T02:00:00.000Z',
  };

  it('writes a status with no body, its Timestamp in Vietnam time, and reads it back', () => {
    const bytes = buildStatus(status);
    expect(bytes.toString('utf8')).toContain('<edXML:Timestamp>2025/07/01 09:00:00</edXML:Timestamp>');
    expect(bytes.toString('utf8')).not.toContain('edXMLBody');
    expect(parseEdxml(bytes)).toEqual({ kind: 'status', status, warnings: [] });
  });

  it('refuses a status code that does not exist', () => {
    expect(() => buildStatus({ ...status, statusCode: '07' as never })).toThrow(
      expect.objectContaining({ code: 'LT_EDXML_UNKNOWN_STATUS_CODE' }),
    );
  });
});
