import { zipSync } from 'fflate';
import { buildEdoc } from './build';
import { parseEdxml } from './parse';
import type { EdocDraft } from './build';

const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

function draft(): EdocDraft {
  return {
    header: {
      from: { organId: '000.00.00.G22' },
      to: [{ organId: '000.00.00.H48' }],
      documentId: '000.00.00.G22,2025/07/01,12/VPCP-TTĐT',
      promulgationInfo: { promulgationDate: '2025-07-01' },
    },
    trace: [{ organId: '000.00.00.G22', timestamp: '2025-07-01T02:00:00.000Z' }],
    bussiness: { bussinessDocType: 0 },
    manifest: [{ contentId: 'cid:1', contentType: 'text/plain', attachmentName: 'a.txt' }],
    attachments: [
      {
        contentId: 'cid:1',
        name: 'a.txt',
        contentType: 'text/plain',
        content: Buffer.from('xin chào'),
        zip: true,
      },
    ],
  };
}

const xml = () => buildEdoc(draft()).toString('utf8');
const parse = (text: string) => parseEdxml(Buffer.from(text, 'utf8'));
const refused = (text: string, code: string) =>
  expect(() => parse(text)).toThrow(expect.objectContaining({ code, kind: 'validation' }));

function status(code: string, timestamp = '2025/07/01 09:00:00'): string {
  return `<edXML xmlns="${NS}"><edXMLEnvelope><edXMLHeader><MessageHeader>
    <From><OrganId>000.00.00.H48</OrganId></From>
    <ResponseFor><DocumentId>000.00.00.G22,2025/07/01,12/VPCP</DocumentId></ResponseFor>
    <StatusCode>${code}</StatusCode><Timestamp>${timestamp}</Timestamp>
  </MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`;
}

describe('parseEdxml refusals', () => {
  it('reads the well-formed draft (the baseline the cases below break)', () => {
    const got = parse(xml());
    expect(got.kind).toBe('edoc');
    expect(got.warnings).toEqual([]);
  });

  it('refuses a root that is not edXML', () => {
    refused('<foo/>', 'LT_EDXML_NOT_EDXML');
    refused('<edXML xmlns="urn:other"/>', 'LT_EDXML_NOT_EDXML');
  });

  it('refuses what safe-xml refuses', () => {
    refused(`<!DOCTYPE edXML [<!ENTITY x "y">]><edXML xmlns="${NS}"/>`, 'LT_XML_DOCTYPE_FORBIDDEN');
    refused(`1212${xml()}`, 'LT_XML_MALFORMED');
  });

  it('refuses a missing MessageHeader, From, To, DocumentId', () => {
    refused(
      `<edXML xmlns="${NS}"><edXMLEnvelope><edXMLHeader/></edXMLEnvelope></edXML>`,
      'LT_EDXML_MISSING_HEADER',
    );
    refused(xml().replace(/<edXML:From>[\s\S]*?<\/edXML:From>/, ''), 'LT_EDXML_MISSING_FROM');
    refused(xml().replace(/<edXML:To>[\s\S]*?<\/edXML:To>/, ''), 'LT_EDXML_MISSING_TO');
    refused(xml().replace(/<edXML:DocumentId>.*<\/edXML:DocumentId>/, ''), 'LT_EDXML_MISSING_DOCUMENT_ID');
    refused(xml().replace('<edXML:OrganId>000.00.00.H48</edXML:OrganId>', ''), 'LT_EDXML_MISSING_TO');
  });

  it('reads status codes it knows and refuses others', () => {
    const got = parse(status('13'));
    expect(got.kind === 'status' && got.status).toMatchObject({
      statusCode: '13',
      timestamp: '2025-07-01T02:00:00.000Z',
    });
    for (const code of ['07', '1', '', '99']) refused(status(code), 'LT_EDXML_UNKNOWN_STATUS_CODE');
    refused(status('01', ''), 'LT_EDXML_MISSING_ELEMENT');
  });

  it('refuses a date or time not in the edXML form, or not on the calendar', () => {
    refused(
      xml().replace('2025/07/01</edXML:PromulgationDate>', '2025-07-01</edXML:PromulgationDate>'),
      'LT_EDXML_BAD_DATE',
    );
    refused(
      xml().replace('2025/07/01</edXML:PromulgationDate>', '2025/02/30</edXML:PromulgationDate>'),
      'LT_EDXML_BAD_DATE',
    );
    refused(xml().replace('2025/07/01 09:00:00', '2025/07/01 24:00:00'), 'LT_EDXML_BAD_DATE');
    refused(status('01', '2025/07/01T09:00:00'), 'LT_EDXML_BAD_DATE');
  });

  it('refuses a BussinessDocType other than 0–3 and numbers that are not', () => {
    refused(xml().replace('<edXML:BussinessDocType>0<', '<edXML:BussinessDocType>7<'), 'LT_EDXML_BAD_VALUE');
    refused(
      xml().replace('<edXML:BussinessDocType>0</edXML:BussinessDocType>', ''),
      'LT_EDXML_MISSING_ELEMENT',
    );
    refused(
      xml().replace('</edXML:DocumentId>', '</edXML:DocumentId><edXML:SteeringType>x</edXML:SteeringType>'),
      'LT_EDXML_BAD_VALUE',
    );
  });

  it('refuses a manifest and attachments that do not pair up, matching cid:1 with 1 both ways', () => {
    refused(
      xml().replace(/<AttachmentEncoded>[\s\S]*<\/AttachmentEncoded>/, ''),
      'LT_EDXML_MANIFEST_MISMATCH',
    );
    refused(xml().replace(/<edXML:Reference>[\s\S]*<\/edXML:Reference>/, ''), 'LT_EDXML_MANIFEST_MISMATCH');
    refused(xml().replace('<ContentId>cid:1<', '<ContentId>cid:2<'), 'LT_EDXML_MANIFEST_MISMATCH');
    refused(xml().replace('<ContentId>cid:1<', '<ContentId><'), 'LT_EDXML_MISSING_ELEMENT');
    const dropped = parse(xml().replace('<ContentId>cid:1<', '<ContentId>1<'));
    const droppedInManifest = parse(xml().replace('<edXML:ContentId>cid:1<', '<edXML:ContentId>1<'));
    expect(dropped).toEqual(parse(xml()));
    expect(droppedInManifest).toEqual(parse(xml()));
  });

  it('refuses an attachment that is not base64', () => {
    refused(xml().replace(/(ContentTransferEncoded[^>]*>)[^<]*/, '$1not*base64!'), 'LT_EDXML_BAD_BASE64');
    refused(xml().replace(/(ContentTransferEncoded[^>]*>)[^<]*/, '$1QUJD='), 'LT_EDXML_BAD_BASE64');
  });

  it('refuses a zipped attachment that does not unzip', () => {
    const garbage = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40, 7)]).toString('base64');
    refused(xml().replace(/(ContentTransferEncoded[^>]*>)[^<]*/, `$1${garbage}`), 'LT_EDXML_BAD_ZIP');
    const plain = Buffer.from('not a zip').toString('base64');
    const saysZip = xml()
      .replace(/(ContentTransferEncoded[^>]*>)[^<]*/, `$1${plain}`)
      .replace('<ContentType>text/plain</ContentType>', '<ContentType>application/zip</ContentType>');
    refused(saysZip, 'LT_EDXML_BAD_ZIP');
  });

  it('refuses zip bombs: a high expansion ratio, or a declared size past the cap', () => {
    const bomb = Buffer.from(zipSync({ 'a.txt': new Uint8Array(20 * 1024 * 1024) }, { level: 9 }));
    refused(
      xml().replace(/(ContentTransferEncoded[^>]*>)[^<]*/, `$1${bomb.toString('base64')}`),
      'LT_EDXML_ZIP_TOO_LARGE',
    );
    // A small archive whose central directory claims 200 MiB: refused before anything is inflated.
    const small = Buffer.from(zipSync({ 'a.txt': new Uint8Array(Buffer.from('hello')) }));
    const central = small.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    small.writeUInt32LE(200 * 1024 * 1024, central + 24);
    refused(
      xml().replace(/(ContentTransferEncoded[^>]*>)[^<]*/, `$1${small.toString('base64')}`),
      'LT_EDXML_ZIP_TOO_LARGE',
    );
  });

  it("does not take the parts of an Office file sent unzipped for the attachment's files", () => {
    const docx = zipSync({
      '[Content_Types].xml': new Uint8Array(3),
      'word/document.xml': new Uint8Array(3),
    });
    const sent = xml().replace(
      /(ContentTransferEncoded[^>]*>)[^<]*/,
      `$1${Buffer.from(docx).toString('base64')}`,
    );
    const got = parse(sent);
    expect(got.kind === 'edoc' && got.edoc.attachments[0].files).toBeUndefined();
    expect(got.kind === 'edoc' && got.edoc.attachments[0].data.equals(Buffer.from(docx))).toBe(true);
  });

  it('tolerates elements in no namespace, and says so', () => {
    const bare = xml()
      .replace(/ xmlns(:edXML)?="[^"]*"/g, '')
      .replace(/edXML:/g, '');
    const got = parse(bare);
    expect(got.kind === 'edoc' && got.edoc).toEqual((parse(xml()) as { edoc: unknown }).edoc);
    expect(got.warnings[0]).toMatch(/not in the .* namespace/);
  });

  it('ignores a Signature in any namespace and anything in foreign namespaces', () => {
    const withSig = xml().replace(
      '</edXML:TraceHeaderList>',
      '</edXML:TraceHeaderList><Signature><SignedInfo/></Signature><x:From xmlns:x="urn:x"/>',
    );
    expect(parse(withSig)).toEqual(parse(xml()));
  });

  it('warns about a DocumentId that is neither QCVN nor a UUID', () => {
    const got = parse(xml().replace('000.00.00.G22,2025/07/01,12/VPCP-TTĐT', 'test-doc'));
    expect(got.warnings).toEqual([expect.stringMatching(/MessageHeader: DocumentId 'test-doc' is neither/)]);
  });
});
