import crypto from 'node:crypto';
import { encodeTlv } from './der';
import { algorithmAllowed, describeAlgorithm, parseAlgorithmIdentifier, verifySignature } from './algorithms';

const data = Buffer.from('to be signed');
const oidTlv = (hex: string) => encodeTlv(0x06, Buffer.from(hex, 'hex'));
const NULL = Buffer.from([0x05, 0x00]);

describe('signature algorithms', () => {
  test('descriptors and the SHA-1 / MD5 policy', () => {
    const sha1 = describeAlgorithm({ oid: '1.2.840.113549.1.1.5' })!;
    expect(sha1).toMatchObject({ name: 'rsa-sha1', sha1: true });
    expect(algorithmAllowed(sha1, { allowSha1: false })).toBe(false);
    expect(algorithmAllowed(sha1, { allowSha1: true })).toBe(true);
    const md5 = describeAlgorithm({ oid: '1.2.840.113549.1.1.4' })!;
    expect(algorithmAllowed(md5, { allowSha1: true })).toBe(false);
    expect(describeAlgorithm({ oid: '1.2.840.10045.4.3.3' })!.name).toBe('ecdsa-sha384');
    expect(describeAlgorithm({ oid: '1.2.840.10040.4.3' })!.name).toBe('dsa-sha1');
    expect(describeAlgorithm({ oid: '1.3.101.112' })!.name).toBe('ed25519');
    expect(describeAlgorithm({ oid: '1.2.3.4' })).toBeUndefined();
  });

  test('AlgorithmIdentifier with NULL parameters parses to no parameters', () => {
    const der = encodeTlv(0x30, Buffer.concat([oidTlv('2a864886f70d01010b'), NULL]));
    expect(parseAlgorithmIdentifier(der)).toEqual({ oid: '1.2.840.113549.1.1.11', params: undefined });
  });

  test('RSA PKCS#1 v1.5, ECDSA and Ed25519 verify with node:crypto; tampering fails', () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const sig = crypto.sign('sha256', data, rsa.privateKey);
    expect(verifySignature(data, sig, { oid: '1.2.840.113549.1.1.11' }, rsa.publicKey)).toBe(true);
    expect(verifySignature(Buffer.from('other'), sig, { oid: '1.2.840.113549.1.1.11' }, rsa.publicKey)).toBe(
      false,
    );
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecSig = crypto.sign('sha256', data, ec.privateKey);
    expect(verifySignature(data, ecSig, { oid: '1.2.840.10045.4.3.2' }, ec.publicKey)).toBe(true);
    expect(verifySignature(data, ecSig, { oid: '1.2.840.113549.1.1.11' }, ec.publicKey)).toBe(false);
    const ed = crypto.generateKeyPairSync('ed25519');
    expect(
      verifySignature(data, crypto.sign(null, data, ed.privateKey), { oid: '1.3.101.112' }, ed.publicKey),
    ).toBe(true);
  });

  test('RSASSA-PSS takes hash and salt length from its parameters', () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const sig = crypto.sign('sha256', data, {
      key: rsa.privateKey,
      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    });
    const sha256 = encodeTlv(0x30, Buffer.concat([oidTlv('608648016503040201'), NULL]));
    const params = encodeTlv(
      0x30,
      Buffer.concat([
        encodeTlv(0xa0, sha256),
        encodeTlv(0xa1, encodeTlv(0x30, Buffer.concat([oidTlv('2a864886f70d010108'), sha256]))),
        encodeTlv(0xa2, encodeTlv(0x02, Buffer.from([32]))),
      ]),
    );
    const alg = { oid: '1.2.840.113549.1.1.10', params };
    expect(describeAlgorithm(alg)).toMatchObject({ name: 'rsa-pss-sha256', sha1: false });
    expect(verifySignature(data, sig, alg, rsa.publicKey)).toBe(true);
    // The defaults (SHA-1, salt 20) do not describe this signature.
    expect(verifySignature(data, sig, { oid: '1.2.840.113549.1.1.10' }, rsa.publicKey)).toBe(false);
  });
});
