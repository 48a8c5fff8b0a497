import { X509Certificate, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { vectorDir } from '../../../test/vectors';
import { TrustReasons, type TrustReason } from '../verdict';
import { verifyCms, type CmsOptions } from './index';

const boring = vectorDir('cms', 'boringssl-pkcs7');
const dss = vectorDir('cms', 'esig-dss');
const read = (dir: string, name: string): Buffer => fs.readFileSync(path.join(dir, name));
const pemCert = (name: string): Buffer => new X509Certificate(read(boring, name)).raw;

const content = read(boring, 'content.bin');
const tampered = Buffer.from('signed datA');
const helloWorld = read(dss, 'content_HelloWorld.txt');
const signCert = pemCert('sign_cert.pem');
const signCert2 = pemCert('sign_cert2.pem');

interface Row {
  name: string;
  file: [string, string];
  options: CmsOptions;
  /** 'VALID', or the reason code the signature must be refused with. */
  expected: 'VALID' | TrustReason;
  /** Expected signingTime (ISO), checked on valid rows that carry one. */
  signingTime?: string;
}

const boringSigned: { file: string; cert: Buffer; sha1: boolean }[] = [
  { file: 'sign_sha256.p7s', cert: signCert, sha1: false },
  { file: 'sign_sha256_key_id.p7s', cert: signCert, sha1: false },
  { file: 'sign_sha1.p7s', cert: signCert, sha1: true },
  { file: 'sign_sha1_key_id.p7s', cert: signCert, sha1: true },
  { file: 'sign_sha256_cert2.p7s', cert: signCert2, sha1: false },
];

const rows: Row[] = [
  ...boringSigned.flatMap(({ file, cert, sha1 }): Row[] => [
    { name: `${file} valid`, file: [boring, file], options: base(cert, content, sha1), expected: 'VALID' },
    {
      name: `${file} over "signed datA"`,
      file: [boring, file],
      options: base(cert, tampered, sha1),
      expected: TrustReasons.badSignature,
    },
    {
      name: `${file} without its certificate (NOCERTS)`,
      file: [boring, file],
      options: { detachedContent: content, allowSha1: sha1 },
      expected: TrustReasons.cmsSignerCertMissing,
    },
    {
      name: `${file} with no detached content`,
      file: [boring, file],
      options: { extraCertificates: [cert], allowSha1: sha1 },
      expected: TrustReasons.cmsContentMissing,
    },
  ]),
  ...['sign_sha1.p7s', 'sign_sha1_key_id.p7s'].map((file): Row => ({
    name: `${file} with SHA-1 forbidden`,
    file: [boring, file],
    options: base(signCert, content, false),
    expected: TrustReasons.algorithmForbidden,
  })),
  {
    name: 'sign_sha256_cert2.p7s given only sign_cert.pem (other issuer/serial)',
    file: [boring, 'sign_sha256_cert2.p7s'],
    options: base(signCert, content, false),
    expected: TrustReasons.cmsSignerCertMissing,
  },
  {
    name: 'sign_sha256_key_id.p7s given both certificates of the same key',
    file: [boring, 'sign_sha256_key_id.p7s'],
    options: { detachedContent: content, extraCertificates: [signCert2, signCert] },
    expected: 'VALID',
  },
  ...['nss.p7c', 'windows.p7c', 'openssl_crl.p7c'].map((file): Row => ({
    name: `${file} degenerate`,
    file: [boring, file],
    options: { detachedContent: content, extraCertificates: [signCert] },
    expected: TrustReasons.cmsNoSigner,
  })),
  dssRow(
    'cades-bes-signeddata-detached.p7s',
    { detachedContent: helloWorld },
    'VALID',
    '2024-11-07T11:29:06Z',
  ),
  dssRow('cades-bes-signeddata-detached.p7s', {}, TrustReasons.cmsContentMissing),
  dssRow('cades-bes-signeddata-enveloping.p7m', {}, 'VALID', '2024-11-07T11:31:14Z'),
  dssRow('dss-2011_cades-detached.pkcs7', { detachedContent: helloWorld }, 'VALID', '2020-03-26T08:58:48Z'),
  dssRow(
    'dss-2011_cades-detached.pkcs7',
    { detachedDigest: { algorithm: 'sha256', value: createHash('sha256').update(helloWorld).digest() } },
    'VALID',
  ),
  dssRow(
    'dss-2011_cades-detached.pkcs7',
    { detachedContent: read(dss, 'content_ByeWorld.txt') },
    TrustReasons.digestMismatch,
  ),
  dssRow('dss-2011_cades-enveloping.pkcs7', {}, 'VALID'),
  dssRow(
    'dss-2011_cades-enveloping.pkcs7',
    { detachedContent: helloWorld.subarray(1) },
    TrustReasons.digestMismatch,
  ),
  dssRow('dss-2011_cades-enveloping-broken.pkcs7', {}, TrustReasons.digestMismatch),
  dssRow('cms-no-sign-cert.p7m', {}, TrustReasons.cmsSignerCertMissing),
  dssRow(
    'cades-duplicated-signed-attrs.p7m',
    {
      detachedDigest: {
        algorithm: 'sha256',
        value: Buffer.from('WFPY/sGmfOK+kOcNo+x6gFa+IJJHebVd/zyFApyxt0M=', 'base64'),
      },
    },
    TrustReasons.cmsAttributes,
  ),
  dssRow(
    'dss-1892_detached_with_counter_sig.p7m',
    { detachedContent: read(dss, 'dss-1892_signed_content.bin') },
    'VALID',
  ),
  dssRow(
    'dss-1892_detached_with_counter_sig.p7m',
    { detachedContent: Buffer.concat([read(dss, 'dss-1892_signed_content.bin'), Buffer.from(' ')]) },
    TrustReasons.digestMismatch,
  ),
  dssRow('Signature-C-BES-4.p7m', {}, 'VALID'),
];

function base(cert: Buffer, detachedContent: Buffer, allowSha1: boolean): CmsOptions {
  return { detachedContent, extraCertificates: [cert], allowSha1 };
}

function dssRow(file: string, options: CmsOptions, expected: Row['expected'], signingTime?: string): Row {
  const how = Object.keys(options).join('+') || 'as is';
  return { name: `${file} (${how})`, file: [dss, file], options, expected, signingTime };
}

let asExpected = 0;

afterAll(() => {
  console.log(`cms vectors: ${asExpected} of ${rows.length} as expected`);
});

describe('CMS conformance vectors (signature math only)', () => {
  test.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const result = verifyCms(read(...row.file), row.options);
    if (row.expected === 'VALID') {
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      expect(result.signerCertificate).toBeInstanceOf(Buffer);
      expect(result.sha1Used).toBe(row.options.allowSha1 === true);
      if (row.signingTime)
        expect(result.signingTime?.toISOString()).toBe(row.signingTime.replace('Z', '.000Z'));
      const attached = !row.options.detachedContent && !row.options.detachedDigest;
      if (attached) expect(result.content.length).toBeGreaterThan(0);
    } else {
      expect(result).toMatchObject({ ok: false, reason: row.expected });
    }
    asExpected += 1;
  });
});
