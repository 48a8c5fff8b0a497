import { generateKeyPairSync } from 'node:crypto';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { TrustReasons } from '../verdict';
import { OpensslCms, type TestSigner } from './__fixtures__/openssl-cms';
import { verifyCms } from './index';

const content = Buffer.from('<HoSo><MaHoSo>000.00.00.H01-240101-0001</MaHoSo></HoSo>\n');

let openssl: OpensslCms;
let rsa: TestSigner;
let ec: TestSigner;

beforeAll(() => {
  openssl = new OpensslCms();
  rsa = openssl.signer('rsa', ['rsa:2048']);
  ec = openssl.signer('ec', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
});

afterAll(() => openssl.cleanup());

/** Rewrites the first signer's digestAlgorithm OID (the signature no longer matters: the policy check is first). */
function withDigestOid(der: Buffer, oid: string): Buffer {
  const info = AsnConvert.parse(der, ContentInfo);
  const signedData = AsnConvert.parse(info.content, SignedData);
  signedData.signerInfos[0].digestAlgorithm.algorithm = oid;
  info.content = AsnConvert.serialize(signedData);
  return Buffer.from(AsnConvert.serialize(info));
}

describe('verifyCms forms', () => {
  test('attached, signed attributes, RSA: content, signer certificate, time and algorithms', () => {
    const before = Date.now() - 120_000;
    const result = verifyCms(openssl.sign(content, [rsa], ['-nodetach']), {});
    expect(result).toMatchObject({ ok: true, content, signedAttributes: true, sha1Used: false });
    if (!result.ok) return;
    expect(result.signerCertificate?.equals(rsa.certDer)).toBe(true);
    expect(result.certificates).toEqual([rsa.certDer]);
    expect(result.algorithms).toEqual({ signature: 'rsa-sha256', digests: ['sha256'] });
    expect(result.signingTime?.getTime()).toBeGreaterThan(before);
  });

  test('PEM armour is accepted', () => {
    const pem = openssl.sign(content, [rsa], ['-nodetach', '-outform', 'PEM']);
    expect(pem.toString('latin1')).toMatch(/^-----BEGIN (PKCS7|CMS)-----/);
    expect(verifyCms(pem, {})).toMatchObject({ ok: true, content });
  });

  test('streamed BER (indefinite lengths, segmented OCTET STRING) is read', () => {
    const big = Buffer.alloc(5000, 'a');
    const ber = openssl.sign(big, [rsa], ['-nodetach', '-stream']);
    expect(ber.subarray(0, 2).toString('hex')).toBe('3080');
    expect(verifyCms(ber, {})).toMatchObject({ ok: true, content: big });
  });

  test('detached: valid with the content, refused with other content or none', () => {
    const der = openssl.sign(content, [rsa]);
    expect(verifyCms(der, { detachedContent: content })).toMatchObject({ ok: true });
    expect(verifyCms(der, { detachedContent: Buffer.from('khác') })).toMatchObject({
      ok: false,
      reason: TrustReasons.digestMismatch,
    });
    expect(verifyCms(der, {})).toMatchObject({ ok: false, reason: TrustReasons.cmsContentMissing });
  });

  test('detached digest of another algorithm than the signer used is refused as missing content', () => {
    const der = openssl.sign(content, [rsa]);
    const detachedDigest = { algorithm: 'sha512' as const, value: Buffer.alloc(64) };
    expect(verifyCms(der, { detachedDigest })).toMatchObject({
      ok: false,
      reason: TrustReasons.cmsContentMissing,
    });
  });

  test('no signed attributes: signature over the content itself; a digest alone is not enough', () => {
    const der = openssl.sign(content, [rsa], ['-noattr']);
    expect(verifyCms(der, { detachedContent: content })).toMatchObject({ ok: true, signedAttributes: false });
    expect(verifyCms(der, { detachedContent: Buffer.concat([content, Buffer.from(' ')]) })).toMatchObject({
      ok: false,
      reason: TrustReasons.badSignature,
    });
    const detachedDigest = { algorithm: 'sha256' as const, value: Buffer.alloc(32) };
    expect(verifyCms(der, { detachedDigest })).toMatchObject({
      ok: false,
      reason: TrustReasons.cmsContentMissing,
    });
  });

  test('a signature value altered in transit is a bad signature', () => {
    const der = Buffer.from(openssl.sign(content, [rsa], ['-nodetach']));
    der[der.length - 10] ^= 0xff; // inside the RSA signature, the last field of the only SignerInfo
    expect(verifyCms(der, {})).toMatchObject({ ok: false, reason: TrustReasons.badSignature });
  });
});

describe('verifyCms algorithms', () => {
  test('RSA-PSS', () => {
    const der = openssl.sign(content, [rsa], ['-nodetach', '-keyopt', 'rsa_padding_mode:pss']);
    expect(verifyCms(der, {})).toMatchObject({ ok: true, algorithms: { signature: 'rsa-pss-sha256' } });
  });

  test('ECDSA P-256 with SHA-384', () => {
    const der = openssl.sign(content, [ec], ['-nodetach', '-md', 'sha384']);
    expect(verifyCms(der, {})).toMatchObject({
      ok: true,
      algorithms: { signature: 'ecdsa-sha384', digests: ['sha384'] },
    });
  });

  test('SHA-1 only with allowSha1, and flagged', () => {
    const der = openssl.sign(content, [rsa], ['-nodetach', '-md', 'sha1']);
    expect(verifyCms(der, {})).toMatchObject({ ok: false, reason: TrustReasons.algorithmForbidden });
    expect(verifyCms(der, { allowSha1: true })).toMatchObject({ ok: true, sha1Used: true });
  });

  test('MD5 never, even with allowSha1', () => {
    const der = openssl.sign(content, [rsa], ['-nodetach', '-md', 'md5']);
    expect(verifyCms(der, { allowSha1: true })).toMatchObject({
      ok: false,
      reason: TrustReasons.algorithmForbidden,
    });
  });

  test('an unknown digest algorithm is refused', () => {
    const der = withDigestOid(openssl.sign(content, [rsa], ['-nodetach']), '1.2.3.4');
    expect(verifyCms(der, {})).toMatchObject({ ok: false, reason: TrustReasons.algorithmForbidden });
  });
});

describe('verifyCms signers', () => {
  test('two signers: valid when both verify', () => {
    const result = verifyCms(openssl.sign(content, [rsa, ec], ['-nodetach']), {});
    expect(result).toMatchObject({ ok: true });
    // DER orders the SignerInfo SET by encoding, so the order need not be the signing order.
    expect(result.algorithms?.signature?.split(',').sort()).toEqual(['ecdsa-sha256', 'rsa-sha256']);
  });

  test('two signers: refused when one does not verify', () => {
    const der = Buffer.from(openssl.sign(content, [ec, rsa], ['-nodetach']));
    der[der.length - 10] ^= 0xff; // inside the last SignerInfo's signature
    expect(verifyCms(der, {})).toMatchObject({ ok: false, reason: TrustReasons.badSignature });
  });

  test('no certificates embedded: the signer comes from extraCertificates (issuer+serial and key id)', () => {
    for (const flags of [['-nocerts'], ['-nocerts', '-keyid']]) {
      const der = openssl.sign(content, [rsa], ['-nodetach', ...flags]);
      expect(verifyCms(der, {})).toMatchObject({ ok: false, reason: TrustReasons.cmsSignerCertMissing });
      const found = verifyCms(der, { extraCertificates: [ec.certDer, rsa.certDer] });
      expect(found).toMatchObject({ ok: true, certificates: [] });
      expect(found.signerCertificate?.equals(rsa.certDer)).toBe(true);
    }
  });

  test('pinned key verifies a certificate-less signature; a different key is unknown', () => {
    const der = openssl.sign(content, [rsa], ['-nodetach', '-nocerts']);
    const ok = verifyCms(der, { pinnedKeys: [ec.publicKey, rsa.publicKey] });
    expect(ok).toMatchObject({ ok: true });
    expect(ok.signerCertificate).toBeUndefined();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(verifyCms(der, { pinnedKeys: [other] })).toMatchObject({
      ok: false,
      reason: TrustReasons.keyUnknown,
    });
  });
});

describe('verifyCms refuses unusable input', () => {
  test.each([
    ['empty', Buffer.alloc(0)],
    ['garbage', Buffer.from('not a signature at all')],
    ['a bare SEQUENCE', Buffer.from('3000', 'hex')],
    ['a length past the end', Buffer.from('3084ffffffff', 'hex')],
    ['a PEM certificate', Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')],
  ])('%s', (_name, input) => {
    expect(verifyCms(input, {})).toMatchObject({ ok: false, reason: TrustReasons.cmsMalformed });
  });

  test('truncated or trailed by junk', () => {
    const der = openssl.sign(content, [rsa], ['-nodetach']);
    expect(verifyCms(der.subarray(0, der.length - 1), {})).toMatchObject({
      reason: TrustReasons.cmsMalformed,
    });
    expect(verifyCms(Buffer.concat([der, Buffer.from('x')]), {})).toMatchObject({
      reason: TrustReasons.cmsMalformed,
    });
    expect(verifyCms(Buffer.concat([der, Buffer.alloc(16)]), {})).toMatchObject({ ok: true });
  });

  test('a ContentInfo that is not SignedData', () => {
    const data = Buffer.from('300f06092a864886f70d010701a0020400', 'hex');
    data[1] = data.length - 2;
    expect(verifyCms(data, {})).toMatchObject({ ok: false, reason: TrustReasons.cmsMalformed });
  });
});
