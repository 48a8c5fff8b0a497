import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { createTestPki } from '../../../test/e2e/support/pki';
import { vectorDir } from '../../../test/vectors';
import { buildEdoc, buildStatus } from './build';
import { parseEdxml } from './parse';
import { signEdxml } from './sign';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
let dir: string;
let keyPem: string;
let certPem: string;

beforeAll(() => {
  const pki = createTestPki();
  dir = pki.dir;
  const signer = pki.selfSigned('edxml-signer', '/C=VN/O=So TTTT Test/CN=edxml signer');
  keyPem = signer.keyPem;
  certPem = signer.certificatePem;
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Plain xml-crypto, as a receiver would check it (the hardened verifier lives in src/trust/xmldsig). */
function verify(xml: string): boolean {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const signature = doc.getElementsByTagNameNS(DSIG, 'Signature')[0];
  const sig = new SignedXml({ publicCert: certPem });
  sig.loadSignature(signature as unknown as Node);
  return sig.checkSignature(xml);
}

function sample(rel: string): Buffer {
  return fs.readFileSync(path.join(vectorDir('edxml', 'vpcp-sdk-example'), rel));
}

describe('signEdxml', () => {
  const upload = 'uploads/1da394ba-2117-4354-a23f-6ec3e47ba81b.edxml';

  it('signs so that plain xml-crypto verifies it with the certificate (RSA-SHA256 by default)', () => {
    const parsed = parseEdxml(sample(upload));
    if (parsed.kind !== 'edoc') throw new Error('not an edoc');
    const signed = signEdxml(buildEdoc(parsed.edoc), {
      privateKey: keyPem,
      certificatePem: certPem,
    }).toString();
    expect(verify(signed)).toBe(true);
    expect(signed).toContain(`<Signature xmlns="${DSIG}">`);
    expect(signed).toContain('Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"');
    expect(signed).toContain('Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"');
    expect(signed).toContain(
      '<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"',
    );
    expect(signed).toMatch(/<Reference URI="">/);
    expect(signed).toContain(`${DSIG}enveloped-signature`);
    expect(signed).toContain('http://www.w3.org/2001/10/xml-exc-c14n#');
    expect(signed).toContain('<X509SubjectName>CN=edxml signer,O=So TTTT Test,C=VN</X509SubjectName>');
    // Placed inside edXMLHeader right after TraceHeaderList (spec §2.4), and the result still parses.
    expect(signed).toMatch(/<\/edXML:TraceHeaderList><Signature /);
    expect(signed.indexOf('<Signature ')).toBeLessThan(signed.indexOf('</edXML:edXMLHeader>'));
    expect(parseEdxml(Buffer.from(signed))).toEqual(parsed);
  });

  it("fails verification after one character of an attachment's base64 changes", () => {
    const signed = signEdxml(sample(upload), { privateKey: keyPem, certificatePem: certPem }).toString();
    const at = signed.indexOf('ContentTransferEncoded xmlns:edXML');
    const start = signed.indexOf('>', at) + 10;
    const tampered = signed.slice(0, start) + (signed[start] === 'A' ? 'B' : 'A') + signed.slice(start + 1);
    expect(tampered).not.toBe(signed);
    expect(verify(signed)).toBe(true);
    expect(verify(tampered)).toBe(false);
  });

  it('signs with legacy RSA-SHA1 when asked, and signs a status after its MessageHeader', () => {
    const parsed = parseEdxml(sample('resources/status_finish_06.edxml'));
    if (parsed.kind !== 'status') throw new Error('not a status');
    const signed = signEdxml(buildStatus(parsed.status), {
      privateKey: keyPem,
      certificatePem: certPem,
      algorithm: 'sha1',
    }).toString();
    expect(signed).toContain(`Algorithm="${DSIG}rsa-sha1"`);
    expect(signed).toContain(`Algorithm="${DSIG}sha1"`);
    expect(signed).toMatch(/<\/edXML:MessageHeader><Signature /);
    expect(verify(signed)).toBe(true);
  });

  it('refuses input that is not well-formed XML', () => {
    expect(() =>
      signEdxml(sample('resources/edoc_new.edxml'), { privateKey: keyPem, certificatePem: certPem }),
    ).toThrow(expect.objectContaining({ code: 'LT_XML_MALFORMED' }));
  });
});
