import { createHash } from 'node:crypto';
import type { Attribute } from '@peculiar/asn1-cms';
import { TrustReasons } from '../verdict';
import { OpensslCms, type TestSigner } from './__fixtures__/openssl-cms';
import { attribute, resign } from './__fixtures__/resign';
import { Oids } from './oid';
import { withTag } from './tlv';
import { verifyCms } from './index';

const content = Buffer.from('Quyết định số 12/QĐ-UBND\n');
const utcTime = (text: string): Buffer => withTag(0x17, Buffer.from(text, 'latin1'));
const generalizedTime = (text: string): Buffer => withTag(0x18, Buffer.from(text, 'latin1'));
const oid = (hex: string): Buffer => withTag(0x06, Buffer.from(hex, 'hex'));
const ID_SIGNED_DATA = oid('2a864886f70d010702');

let openssl: OpensslCms;
let signer: TestSigner;
let signed: Buffer;

beforeAll(() => {
  openssl = new OpensslCms();
  signer = openssl.signer('attrs', ['rsa:2048']);
  signed = openssl.sign(content, [signer], ['-nodetach']);
});

afterAll(() => openssl.cleanup());

/** Re-signs with edited signed attributes and verifies the result. */
function check(edit: (attributes: Attribute[]) => Attribute[]) {
  return verifyCms(resign(signed, signer.privateKey, edit), {});
}

const without = (attributes: Attribute[], type: string): Attribute[] =>
  attributes.filter((a) => a.attrType !== type);

describe('signed attribute rules (re-signed so that only the rule is broken)', () => {
  test('the untouched attributes, re-signed, verify (the test harness itself is sound)', () => {
    expect(check((a) => a)).toMatchObject({ ok: true, signedAttributes: true });
  });

  test('a second signingTime attribute is refused', () => {
    const result = check((a) => [...a, attribute(Oids.signingTime, utcTime('250101120000Z'))]);
    expect(result).toMatchObject({ ok: false, reason: TrustReasons.cmsAttributes });
    expect(result.ok || result.detail).toMatch(/more than once/);
  });

  test('a duplicated attribute of a type without a single-value rule is refused too', () => {
    const extra = attribute('1.2.840.113549.1.9.16.2.7', withTag(0x04, Buffer.from('id')));
    expect(check((a) => [...a, extra, extra])).toMatchObject({
      ok: false,
      reason: TrustReasons.cmsAttributes,
    });
  });

  test('a messageDigest attribute with two values is refused', () => {
    const digest = withTag(0x04, createHash('sha256').update(content).digest());
    const result = check((a) => [
      ...without(a, Oids.messageDigest),
      attribute(Oids.messageDigest, digest, digest),
    ]);
    expect(result).toMatchObject({ ok: false, reason: TrustReasons.cmsAttributes });
  });

  test('a missing contentType attribute is refused', () => {
    expect(check((a) => without(a, Oids.contentType))).toMatchObject({
      ok: false,
      reason: TrustReasons.cmsAttributes,
    });
  });

  test('a missing messageDigest attribute is refused', () => {
    expect(check((a) => without(a, Oids.messageDigest))).toMatchObject({
      ok: false,
      reason: TrustReasons.cmsAttributes,
    });
  });

  test('a contentType differing from eContentType is refused', () => {
    const result = check((a) => [
      ...without(a, Oids.contentType),
      attribute(Oids.contentType, ID_SIGNED_DATA),
    ]);
    expect(result).toMatchObject({ ok: false, reason: TrustReasons.cmsAttributes });
  });

  test('a counter-signature among the signed attributes is refused', () => {
    const counter = attribute(Oids.counterSignature, withTag(0x30, Buffer.alloc(0)));
    expect(check((a) => [...a, counter])).toMatchObject({ ok: false, reason: TrustReasons.cmsAttributes });
  });

  test('a messageDigest that is not the content digest is a digest mismatch', () => {
    const wrong = withTag(0x04, createHash('sha256').update('other').digest());
    const result = check((a) => [...without(a, Oids.messageDigest), attribute(Oids.messageDigest, wrong)]);
    expect(result).toMatchObject({ ok: false, reason: TrustReasons.digestMismatch });
  });

  test('signingTime is read from UTCTime and from GeneralizedTime', () => {
    const utc = check((a) => [
      ...without(a, Oids.signingTime),
      attribute(Oids.signingTime, utcTime('250304050607Z')),
    ]);
    expect(utc.ok && utc.signingTime?.toISOString()).toBe('2025-03-04T05:06:07.000Z');
    const gen = check((a) => [
      ...without(a, Oids.signingTime),
      attribute(Oids.signingTime, generalizedTime('20510304050607Z')),
    ]);
    expect(gen.ok && gen.signingTime?.toISOString()).toBe('2051-03-04T05:06:07.000Z');
  });

  test('attributes re-signed but then altered after signing fail the signature', () => {
    const der = resign(signed, signer.privateKey, (a) => a);
    // Flip a digit inside the signingTime value (still a valid UTCTime, so only the signature can catch it).
    const at = der.indexOf(
      Buffer.from('170d', 'hex'),
      der.indexOf(Buffer.from('06092a864886f70d010905', 'hex')),
    );
    expect(at).toBeGreaterThan(0);
    const altered = Buffer.from(der);
    altered[at + 2] ^= 0x01;
    expect(verifyCms(altered, {})).toMatchObject({ ok: false, reason: TrustReasons.badSignature });
  });

  test('non-data content without signed attributes is refused', () => {
    const bare = openssl.sign(
      content,
      [signer],
      ['-nodetach', '-noattr', '-econtent_type', '1.2.840.113549.1.7.2'],
    );
    const result = verifyCms(bare, {});
    expect(result).toMatchObject({ ok: false, reason: TrustReasons.cmsAttributes });
    expect(result.ok || result.detail).toMatch(/not id-data/);
  });
});
