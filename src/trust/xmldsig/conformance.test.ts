import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { vectorDir } from '../../../test/vectors';
import { TrustReasons, type TrustReason } from '../verdict';
import { verifyXmlSignature, type XmlDsigOptions } from './index';

/**
 * node-saml/xml-crypto's own test/static vectors, with the outcome its test suite asserts (MANIFEST.md).
 * Keys are pinned (the vectors' certificates are not trusted through KeyInfo). Decisions recorded here:
 * - "MUST THROW" and "INVALID" both mean ok:false; each row names the reason code we give.
 * - valid_signature_with_root_level_sig_namespace.xml ("loads OK" upstream) is verified too: it is VALID.
 * - valid_saml.xml, valid_saml_withcomments.xml and invalid_saml_no_signed_info.xml hold two Signatures
 *   (Response and Assertion); upstream picks the Response's (`/*\/ds:Signature`), which is our
 *   signatureScope 'document-element'. With the default scope they are refused as LT_SIG_SEVERAL (tested).
 * - valid_signature_with_unused_prefixes.xml names its element by wsu:Id: verified in wssecurity mode.
 */
const dir = vectorDir('xmldsig', 'xml-crypto');
const read = (file: string): Buffer => fs.readFileSync(path.join(dir, file));
const key = (file: string) => createPublicKey(read(file));

interface Row {
  file: string;
  key: string;
  expect: 'VALID' | TrustReason;
  options?: XmlDsigOptions;
  /** Signed references expected when VALID. */
  refs?: number;
  transform?: (xml: string) => string;
}

const wsu: XmlDsigOptions = { idMode: 'wssecurity' };
const root: XmlDsigOptions = { signatureScope: 'document-element' };
const C = 'client_public.pem';
const F = 'feide_public.pem';
const R = TrustReasons;

const ROWS: Row[] = [
  { file: 'valid_signature.xml', key: C, expect: 'VALID', refs: 3 },
  { file: 'valid_signature_with_lowercase_id_attribute.xml', key: C, expect: 'VALID', refs: 3 },
  { file: 'valid_signature_wsu.xml', key: C, expect: 'VALID', options: wsu, refs: 3 },
  { file: 'valid_signature_with_reference_keyInfo.xml', key: C, expect: 'VALID' },
  { file: 'valid_signature_with_whitespace_in_digestvalue.xml', key: C, expect: 'VALID' },
  { file: 'valid_signature_utf8.xml', key: C, expect: 'VALID', refs: 1 },
  { file: 'valid_signature_with_unused_prefixes.xml', key: C, expect: 'VALID', options: wsu },
  { file: 'valid_signature_without_transforms_element.xml', key: C, expect: 'VALID', refs: 1 },
  { file: 'valid_signature_with_root_level_sig_namespace.xml', key: C, expect: 'VALID', refs: 3 },
  { file: 'invalid_signature__signature_value.xml', key: C, expect: R.badSignature },
  { file: 'invalid_signature__hash.xml', key: C, expect: R.digestMismatch },
  { file: 'invalid_signature__non_existing_reference.xml', key: C, expect: R.referenceMissing },
  { file: 'invalid_signature__changed_content.xml', key: C, expect: R.digestMismatch },
  {
    file: 'invalid_signature__wsu__invalid_signature_value.xml',
    key: C,
    expect: R.digestMismatch,
    options: wsu,
  },
  { file: 'invalid_signature__wsu__hash.xml', key: C, expect: R.digestMismatch, options: wsu },
  {
    file: 'invalid_signature__wsu__non_existing_reference.xml',
    key: C,
    expect: R.referenceMissing,
    options: wsu,
  },
  { file: 'invalid_signature__wsu__changed_content.xml', key: C, expect: R.digestMismatch, options: wsu },
  { file: 'invalid_signature_without_transforms_element.xml', key: C, expect: R.digestMismatch },
  { file: 'valid_saml.xml', key: F, expect: 'VALID', options: root, refs: 1 },
  { file: 'valid_saml_sha256_rsa_mgf1.xml', key: 'idp_certificate.pem', expect: 'VALID', refs: 1 },
  { file: 'invalid_saml_sha256_rsa_mgf1.xml', key: 'idp_certificate.pem', expect: R.digestMismatch },
  { file: 'valid_saml_signature_wrapping.xml', key: F, expect: R.wrapping },
  { file: 'saml_external_ns.xml', key: 'saml_external_ns.pem', expect: 'VALID', refs: 1 },
  { file: 'id_with_quotes.xml', key: F, expect: R.malformedSignature },
  { file: 'valid_saml_withcomments.xml', key: F, expect: R.algorithmForbidden, options: root },
  { file: 'invalid_saml_no_signed_info.xml', key: F, expect: R.malformedSignature, options: root },
  { file: 'saml_wrapped_signed_info_node.xml', key: 'saml_external_ns.pem', expect: 'VALID', refs: 1 },
  { file: 'saml_multiple_signed_info_nodes.xml', key: 'saml_external_ns.pem', expect: R.severalSignedInfo },
  { file: 'valid_saml_with_digest_comment.xml', key: F, expect: R.digestMismatch },
  {
    file: 'windows_store_signature.xml',
    key: 'windows_store_certificate.pem',
    expect: 'VALID',
    transform: (xml) => xml.replace(/>\s*</g, '><'),
  },
  {
    file: 'signature_with_inclusivenamespaces.xml',
    key: 'signature_with_inclusivenamespaces.pem',
    expect: 'VALID',
  },
  {
    file: 'signature_with_inclusivenamespaces_lines.xml',
    key: 'signature_with_inclusivenamespaces.pem',
    expect: 'VALID',
  },
  {
    file: 'signature_with_inclusivenamespaces_lines_windows.xml',
    key: 'signature_with_inclusivenamespaces.pem',
    expect: 'VALID',
  },
  { file: 'wsfederation_metadata.xml', key: 'wsfederation_metadata.pem', expect: 'VALID', refs: 1 },
  { file: 'hmac_signature.xml', key: 'hmac.key', expect: 'VALID', refs: 1 },
  { file: 'hmac_signature.xml', key: 'hmac-foobar.key', expect: R.badSignature },
];

function run(row: Row) {
  const text = read(row.file).toString('utf8');
  const xml = row.transform ? row.transform(text) : text;
  const keys: XmlDsigOptions = row.key.endsWith('.key')
    ? { hmacKeys: [read(row.key)] }
    : { pinnedKeys: [key(row.key)] };
  return verifyXmlSignature(xml, { allowSha1: true, ...keys, ...row.options });
}

let asExpected = 0;
afterAll(() => {
  console.log(`xmldsig vectors: ${asExpected} of ${ROWS.length} as expected`);
});

describe('xml-crypto vectors (MANIFEST.md)', () => {
  it('covers every file of the folder', () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xml'));
    expect(new Set(ROWS.map((r) => r.file))).toEqual(new Set(files));
  });

  it.each(ROWS.map((row) => [`${row.file} with ${row.key}`, row] as const))('%s', (_name, row) => {
    const result = run(row);
    if (row.expect === 'VALID') {
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      expect(result.keySource).toBe(row.key.endsWith('.key') ? 'hmac' : 'pinned');
      expect(result.signedReferences.length).toBeGreaterThan(0);
      if (row.refs !== undefined) expect(result.signedReferences).toHaveLength(row.refs);
    } else {
      expect(result).toMatchObject({ ok: false, reason: row.expect });
    }
    asExpected += 1;
  });
});

describe('policy on the same vectors', () => {
  it('refuses rsa-sha1 unless allowSha1, and accepts rsa-sha256 without it', () => {
    const sha1 = verifyXmlSignature(read('valid_signature.xml'), { pinnedKeys: [key(C)] });
    expect(sha1).toMatchObject({
      ok: false,
      reason: R.algorithmForbidden,
      algorithms: { signature: 'rsa-sha1' },
    });
    const sha256 = verifyXmlSignature(read('valid_signature_utf8.xml'), { pinnedKeys: [key(C)] });
    expect(sha256).toMatchObject({ ok: true, sha1Used: false, enveloped: true });
    expect(sha256.ok && sha256.algorithms).toEqual({
      signature: 'rsa-sha256',
      digests: ['sha256'],
      canonicalization: ['exc-c14n', 'enveloped-signature'],
    });
  });

  it('reports sha1Used when SHA-1 was accepted', () => {
    const result = verifyXmlSignature(read('valid_signature.xml'), { pinnedKeys: [key(C)], allowSha1: true });
    expect(result).toMatchObject({ ok: true, sha1Used: true, enveloped: false });
  });

  it('refuses a document holding two Signatures in the default scope', () => {
    for (const file of ['valid_saml.xml', 'valid_saml_withcomments.xml', 'invalid_saml_no_signed_info.xml']) {
      const result = verifyXmlSignature(read(file), { pinnedKeys: [key(F)], allowSha1: true });
      expect(result).toMatchObject({ ok: false, reason: R.severalSignatures });
    }
  });

  it('accepts wsu:Id only in wssecurity mode', () => {
    const result = verifyXmlSignature(read('valid_signature_wsu.xml'), {
      pinnedKeys: [key(C)],
      allowSha1: true,
    });
    expect(result).toMatchObject({ ok: false, reason: R.referenceMissing });
  });

  it('never uses a KeyInfo certificate unless the resolver returns its key', () => {
    const options: XmlDsigOptions = { allowSha1: true, signatureScope: 'document-element' };
    const alone = verifyXmlSignature(read('valid_saml.xml'), options);
    expect(alone).toMatchObject({ ok: false, reason: R.keyUnknown });
    expect(alone.keyInfoCertificates).toHaveLength(1);
    const seen: Buffer[][] = [];
    const refused = verifyXmlSignature(read('valid_saml.xml'), {
      ...options,
      resolveCertificateKey: (ders) => {
        seen.push(ders);
        return undefined;
      },
    });
    expect(refused).toMatchObject({ ok: false, reason: R.keyUnknown });
    expect(seen).toHaveLength(1);
    const trusted = verifyXmlSignature(read('valid_saml.xml'), {
      ...options,
      resolveCertificateKey: (ders) => new X509Certificate(ders[0]).publicKey,
    });
    expect(trusted).toMatchObject({ ok: true, keySource: 'certificate' });
  });

  it('tries every pinned key and stops at the one that verifies', () => {
    const result = verifyXmlSignature(read('valid_signature.xml'), {
      allowSha1: true,
      pinnedKeys: [key(F), key('idp_certificate.pem'), key(C)],
    });
    expect(result).toMatchObject({ ok: true, keySource: 'pinned' });
  });

  it('never takes a public key as an HMAC secret', () => {
    const noSecret = verifyXmlSignature(read('hmac_signature.xml'), {
      allowSha1: true,
      pinnedKeys: [key(C)],
    });
    expect(noSecret).toMatchObject({ ok: false, reason: R.algorithmForbidden });
    const wrongSecret = verifyXmlSignature(read('hmac_signature.xml'), {
      allowSha1: true,
      pinnedKeys: [key(C)],
      hmacKeys: [read('hmac-foobar.key')],
    });
    expect(wrongSecret).toMatchObject({ ok: false, reason: R.badSignature });
  });
});
