import fs from 'node:fs';
import path from 'node:path';
import { vectorDir } from '../../../test/vectors';
import { TRUST_DIR } from '../../paths';
import { fixedTrustStore, loadTrustStore, readCertificateFile } from '../store';
import type { TrustStore } from '../store';
import { verifyCertificateFile, verifyCmsSignature, verifyXml } from '../verify';
import { Certificate } from '../x509';

const cms = (...p: string[]) => fs.readFileSync(path.join(vectorDir('cms'), ...p));
const pki = (f: string) => fs.readFileSync(path.join(vectorDir('x509', 'vietnam-pki'), f));
const edxml = (f: string) =>
  fs.readFileSync(path.join(vectorDir('edxml', 'vpcp-sdk-example', 'resources'), f));
const NOW = new Date('2026-11-22T03:00:00Z');

/**
 * The edge's verdict put together: signature math (cms, xmldsig), then the certificate path from the trust
 * store at the time of the check and at the time of signing. The signature-math rows of the vector
 * MANIFESTs are tested in their own folders; these are the rows that need the chain.
 */
describe('verdicts: signature plus certificate path', () => {
  let shipped: TrustStore;
  beforeAll(async () => {
    shipped = await loadTrustStore({});
  });

  it('ships the two public Vietnamese roots, byte-identical to the published certificates', () => {
    const subjects = shipped.anchors.map((a) => a.fingerprint256);
    expect(subjects).toContain(Certificate.fromDer(pki('vnrca256.crt')).fingerprint256);
    expect(subjects).toContain(Certificate.parseAll(pki('rootcag2.crt'))[0].fingerprint256);
    expect(subjects).toContain(
      'BA:C8:BF:60:9A:B4:20:A8:EE:17:80:D7:4F:4D:E5:C7:F7:18:49:59:D2:A7:37:5B:0A:75:E4:C2:9F:09:08:E7',
    );
    expect(readCertificateFile(path.join(TRUST_DIR, 'intermediates', 'vnpt-ca-sha2.pem'))).toHaveLength(1);
  });

  it('a public intermediate chains to the shipped national root; the government CA to its own root only', async () => {
    const vnpt = await verifyCertificateFile(pki('vnpt-ca-sha2.crt'), { store: shipped, at: NOW });
    expect(vnpt).toMatchObject({ status: 'valid', trustedBy: 'chain' });
    expect(vnpt.chain?.at(-1)).toMatch(/Vietnam National Root CA/);
    const onlyNational = fixedTrustStore([Certificate.fromDer(pki('vnrca256.crt'))]);
    const cpca = await verifyCertificateFile(pki('cpcag2.crt'), { store: onlyNational, at: NOW });
    expect(cpca).toMatchObject({ status: 'untrusted', reason: 'LT_CERT_UNTRUSTED' });
  });

  it('boringssl sign_sha256: expired now, valid at 2022-04-15 with sign_cert.pem as the anchor', async () => {
    const anchor = Certificate.parseAll(cms('boringssl-pkcs7', 'sign_cert.pem'));
    const store = fixedTrustStore(anchor);
    const ctx = { store, extraCertificates: anchor, detachedContent: cms('boringssl-pkcs7', 'content.bin') };
    const now = await verifyCmsSignature(cms('boringssl-pkcs7', 'sign_sha256.p7s'), { ...ctx, at: NOW });
    expect(now.verdict).toMatchObject({ status: 'expired', reason: 'LT_CERT_EXPIRED' });
    expect(now.content).toBeUndefined();
    const then = await verifyCmsSignature(cms('boringssl-pkcs7', 'sign_sha256.p7s'), {
      ...ctx,
      at: new Date('2022-04-15T00:00:00Z'),
    });
    expect(then.verdict).toMatchObject({ status: 'valid', trustedBy: 'chain' });
    expect(then.content?.toString()).toBe('signed data');
    expect(then.verdict.signer?.subject).toMatch(/Internet Widgits/);
  });

  it('boringssl sha1 signatures are refused unless the route accepts legacy SHA-1, and then flagged', async () => {
    const anchor = Certificate.parseAll(cms('boringssl-pkcs7', 'sign_cert.pem'));
    const ctx = {
      store: fixedTrustStore(anchor),
      extraCertificates: anchor,
      detachedContent: cms('boringssl-pkcs7', 'content.bin'),
      at: new Date('2022-04-15T00:00:00Z'),
    };
    const strict = await verifyCmsSignature(cms('boringssl-pkcs7', 'sign_sha1.p7s'), ctx);
    expect(strict.verdict.reason).toBe('LT_SIG_ALGORITHM_FORBIDDEN');
    const legacy = await verifyCmsSignature(cms('boringssl-pkcs7', 'sign_sha1.p7s'), {
      ...ctx,
      allowSha1: true,
    });
    expect(legacy.verdict).toMatchObject({ status: 'valid', legacySha1: true });
  });

  it('sign_sha256_cert2 does not chain to an expired root', async () => {
    const root = Certificate.parseAll(cms('boringssl-pkcs7', 'sign_cert.pem'));
    const signer = Certificate.parseAll(cms('boringssl-pkcs7', 'sign_cert2.pem'));
    const res = await verifyCmsSignature(cms('boringssl-pkcs7', 'sign_sha256_cert2.p7s'), {
      store: fixedTrustStore(root),
      extraCertificates: signer,
      detachedContent: cms('boringssl-pkcs7', 'content.bin'),
      at: NOW,
    });
    expect(res.verdict.status).not.toBe('valid');
    expect(res.verdict.reason).toMatch(/^LT_CERT_/);
  });

  it.each([
    'cades-bes-signeddata-enveloping.p7m',
    'dss-2011_cades-enveloping.pkcs7',
    'Signature-C-BES-4.p7m',
  ])('esig-dss %s: signature intact, but no anchor and an expired signer: refused', async (file) => {
    const res = await verifyCmsSignature(cms('esig-dss', file), { store: shipped, at: NOW });
    expect(['expired', 'untrusted']).toContain(res.verdict.status);
    expect(res.content).toBeUndefined();
  });

  it('a real edXML package with a truncated KeyInfo certificate is refused, never trusted', async () => {
    const res = await verifyXml(edxml('edoc_update.edxml'), { store: shipped, at: NOW, allowSha1: true });
    expect(res.verdict.status).not.toBe('valid');
    expect(res.signedReferences).toBeUndefined();
  });
});
