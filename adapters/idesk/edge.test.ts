import fs from 'node:fs';
import path from 'node:path';
import { SignedXml } from 'xml-crypto';
import { TrustReasons } from '../../src/trust/verdict';
import { vectorDir } from '../../test/vectors';
import { transferScenario } from './__fixtures__/exchange';
import { createExchangePki } from './__fixtures__/pki';
import type { ExchangePki, TestAgency } from './__fixtures__/pki';
import { checkPackage } from './edge';
import type { EdgeOutcome } from './edge';
import { buildEdoc, signEdxml } from './edxml';
import { readTransfer, transferPackage } from './packages';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';

let pki: ExchangePki;
beforeAll(() => {
  pki = createExchangePki();
});
afterAll(() => pki?.cleanup());

const scenario = transferScenario();
const unsigned = (): Buffer =>
  buildEdoc(transferPackage(scenario.dossier, scenario.transfer, scenario.files, new Date()));
const signedBy = (agency: TestAgency, algorithm: 'sha256' | 'sha1' = 'sha256'): Buffer =>
  signEdxml(unsigned(), {
    privateKey: agency.identity.privateKey,
    certificatePem: agency.identity.certificatePem,
    algorithm,
  });

/** Signs with xml-crypto directly, for shapes signEdxml never makes (a reference to one element). */
function signRaw(xml: string, agency: TestAgency, reference: { xpath: string; whole: boolean }): Buffer {
  const sig = new SignedXml({
    privateKey: agency.identity.privateKey,
    publicCert: agency.identity.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.addReference({
    xpath: reference.xpath,
    isEmptyUri: reference.whole,
    transforms: [...(reference.whole ? [`${DSIG}enveloped-signature`] : []), EXC_C14N],
    digestAlgorithm: SHA256,
  });
  sig.computeSignature(xml, { location: { reference: '/*', action: 'append' } });
  return Buffer.from(sig.getSignedXml(), 'utf8');
}

function refused(outcome: EdgeOutcome): Extract<EdgeOutcome, { ok: false }> {
  if (outcome.ok) throw new Error('expected a refusal, the package was accepted');
  return outcome;
}

function accepted(outcome: EdgeOutcome): Extract<EdgeOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected acceptance, refused ${outcome.code}: ${outcome.detail}`);
  return outcome;
}

describe('checkPackage: the edge for edXML', () => {
  it('accepts a package signed by a certificate of the trust store, with the parsed edoc', async () => {
    const ok = accepted(await checkPackage(signedBy(pki.commune), pki.trust));
    expect(ok.verdict).toMatchObject({
      kind: 'xmldsig',
      status: 'valid',
      reason: TrustReasons.ok,
      trustedBy: 'chain',
      algorithms: { signature: 'rsa-sha256' },
    });
    expect(ok.verdict.legacySha1).toBeUndefined();
    expect(ok.verdict.signer?.subject).toMatch(/agency-commune/);
    if (ok.parsed.kind !== 'edoc') throw new Error('expected an edoc');
    expect(ok.parsed.edoc.header.documentId).toBe(scenario.transfer.documentId);
    expect(readTransfer(ok.parsed.edoc)?.dossier.code).toBe(scenario.dossier.code);
  });

  it('refuses a signer no anchor vouches for (LT_CERT_UNTRUSTED)', async () => {
    const no = refused(await checkPackage(signedBy(pki.forger), pki.trust));
    expect(no.code).toBe(TrustReasons.certUntrusted);
    expect(no.verdict.status).toBe('untrusted');
  });

  it('refuses an unsigned package (LT_SIG_MISSING) unless the policy accepts it, then marked unsigned', async () => {
    const no = refused(await checkPackage(unsigned(), pki.trust));
    expect(no.code).toBe(TrustReasons.unsigned);
    expect(no.verdict).toMatchObject({ status: 'unsigned', reason: TrustReasons.unsigned });

    const ok = accepted(await checkPackage(unsigned(), pki.trust, { requireSignature: false }));
    expect(ok.verdict).toMatchObject({ status: 'unsigned', reason: TrustReasons.unsigned });
    expect(ok.parsed.kind).toBe('edoc');
  });

  it('takes a bare status message (as the SDK samples send them) only when unsignedStatus is accept', async () => {
    const status = fs.readFileSync(
      path.join(vectorDir('edxml', 'vpcp-sdk-example', 'resources'), 'status_acceptance_03.edxml'),
    );
    expect(refused(await checkPackage(status, pki.trust)).code).toBe(TrustReasons.unsigned);
    const ok = accepted(await checkPackage(status, pki.trust, { unsignedStatus: 'accept' }));
    expect(ok.verdict.status).toBe('unsigned');
    expect(ok.parsed.kind).toBe('status');
    // A document never comes bare, whatever the status policy.
    expect(refused(await checkPackage(unsigned(), pki.trust, { unsignedStatus: 'accept' })).code).toBe(
      TrustReasons.unsigned,
    );
  });

  it('refuses a valid signature whose Reference covers one element only (LT_SIG_NOT_COVERED)', async () => {
    const xml = unsigned().toString('utf8');
    const partial = signRaw(xml, pki.commune, {
      xpath: "//*[local-name(.)='MessageHeader']",
      whole: false,
    });
    expect(partial.toString('utf8')).toMatch(/<(?:\w+:)?Reference URI="#[^"]+"/);
    const no = refused(await checkPackage(partial, pki.trust));
    expect(no.code).toBe(TrustReasons.notCovered);
    // The signature itself is good: the refusal is about what it covers.
    expect(no.verdict.signer?.subject).toMatch(/agency-commune/);
    expect(no.verdict.status).toBe('invalid');
  });

  it('refuses a validly signed document that is not edXML with an LT_EDXML_* code; the verdict stays valid', async () => {
    const foreign = '<edXML xmlns="urn:example:not-edxml"><Note>Không phải edXML</Note></edXML>';
    const no = refused(
      await checkPackage(signRaw(foreign, pki.commune, { xpath: '/*', whole: true }), pki.trust),
    );
    expect(no.code).toBe('LT_EDXML_NOT_EDXML');
    expect(no.verdict).toMatchObject({ status: 'valid', reason: TrustReasons.ok, trustedBy: 'chain' });

    const headless = '<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><Other/></edXML>';
    const also = refused(
      await checkPackage(signRaw(headless, pki.commune, { xpath: '/*', whole: true }), pki.trust),
    );
    expect(also.code).toBe('LT_EDXML_MISSING_HEADER');
    expect(also.verdict.status).toBe('valid');
  });

  it('refuses RSA-SHA1 unless the policy allows it, and then flags the verdict legacySha1', async () => {
    const legacy = signedBy(pki.commune, 'sha1');
    const no = refused(await checkPackage(legacy, pki.trust));
    expect(no.code).toBe(TrustReasons.algorithmForbidden);
    expect(no.verdict.status).toBe('invalid');

    const ok = accepted(await checkPackage(legacy, pki.trust, { allowSha1: true }));
    expect(ok.verdict).toMatchObject({
      status: 'valid',
      legacySha1: true,
      algorithms: { signature: 'rsa-sha1' },
    });
    expect(ok.parsed.kind).toBe('edoc');
  });

  it('refuses hostile XML before anything else (LT_XML_DOCTYPE_FORBIDDEN, unusable)', async () => {
    const bomb = fs.readFileSync(path.join(vectorDir('hostile-xml', 'defusedxml'), 'xmlbomb.xml'));
    const no = refused(await checkPackage(bomb, pki.trust));
    expect(no.code).toBe(TrustReasons.xmlDoctype);
    expect(no.verdict.status).toBe('unusable');

    // A DOCTYPE in front of a genuinely signed package is refused just the same.
    const signed = signedBy(pki.commune)
      .toString('utf8')
      .replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE edXML>');
    expect(refused(await checkPackage(Buffer.from(signed), pki.trust)).code).toBe(TrustReasons.xmlDoctype);
  });

  it('refuses a package larger than policy.maxBytes (LT_XML_TOO_LARGE)', async () => {
    const no = refused(await checkPackage(signedBy(pki.commune), pki.trust, { maxBytes: 1024 }));
    expect(no.code).toBe(TrustReasons.xmlTooLarge);
  });

  it('never reads content added beside the signature: an extra element after signing breaks the digest', async () => {
    const signed = signedBy(pki.commune).toString('utf8');
    const planted = `<Attachment><ContentId>cid:planted</ContentId><AttachmentName>virus.exe</AttachmentName><ContentType>application/octet-stream</ContentType><ContentTransferEncoded>TVqQAA==</ContentTransferEncoded></Attachment>`;
    const withExtra = signed.replace(/<\/AttachmentEncoded>/, `${planted}</AttachmentEncoded>`);
    expect(withExtra).not.toBe(signed);
    const no = refused(await checkPackage(Buffer.from(withExtra), pki.trust));
    expect(no.code).toBe(TrustReasons.digestMismatch);
    expect(no).not.toHaveProperty('parsed');

    const renamed = signed.replace(scenario.transfer.documentId!, `${scenario.transfer.documentId}-X`);
    expect(refused(await checkPackage(Buffer.from(renamed), pki.trust)).code).toBe(
      TrustReasons.digestMismatch,
    );
  });

  it('reads what was signed: a comment added after signing (outside C14N) changes nothing read', async () => {
    const signed = signedBy(pki.commune);
    const commented = signed.toString('utf8').replace(/(<(?:\w+:)?Subject>)/, '<!-- planted -->$1');
    expect(commented).not.toBe(signed.toString('utf8'));
    const plain = accepted(await checkPackage(signed, pki.trust));
    const ok = accepted(await checkPackage(Buffer.from(commented), pki.trust));
    expect(ok.parsed).toEqual(plain.parsed);
  });
});
