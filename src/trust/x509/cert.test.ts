import fs from 'node:fs';
import path from 'node:path';
import { vectorDir } from '../../../test/vectors';
import { encodeTlv } from './der';
import { Certificate, KeyUsageBit } from './index';

const vn = vectorDir('x509', 'vietnam-pki');
const pkits = vectorDir('x509', 'nist-pkits', 'certs');
const pkitsCert = (f: string) => Certificate.fromDer(fs.readFileSync(path.join(pkits, f)));

/** A certs-only PKCS#7 SignedData, as `openssl crl2pkcs7 -nocrl` writes it. */
function p7b(certs: Buffer[]): Buffer {
  const signedData = encodeTlv(
    0x30,
    Buffer.concat([
      encodeTlv(0x02, Buffer.from([1])),
      encodeTlv(0x31, Buffer.alloc(0)),
      encodeTlv(0x30, encodeTlv(0x06, Buffer.from('2a864886f70d010701', 'hex'))),
      encodeTlv(0xa0, Buffer.concat(certs)),
      encodeTlv(0x31, Buffer.alloc(0)),
    ]),
  );
  return encodeTlv(
    0x30,
    Buffer.concat([encodeTlv(0x06, Buffer.from('2a864886f70d010702', 'hex')), encodeTlv(0xa0, signedData)]),
  );
}

describe('Certificate parsing', () => {
  test('parseAll reads DER, several PEM blocks and a PKCS#7 bundle', () => {
    const der = fs.readFileSync(path.join(vn, 'vnrca256.crt'));
    const pem = Buffer.concat([
      fs.readFileSync(path.join(vn, 'rootcag2.crt')),
      fs.readFileSync(path.join(vn, 'cpcag2.crt')),
    ]);
    expect(Certificate.parseAll(der)).toHaveLength(1);
    const two = Certificate.parseAll(pem);
    expect(two.map((c) => c.subject.split(',')[0])).toEqual([
      'CN=RootCA chuyên dùng Chính phủ G2',
      'CN=CA phục vụ các cơ quan Nhà nước G2',
    ]);
    const bundle = Certificate.parseAll(p7b([der, two[1].der]));
    expect(bundle.map((c) => c.fingerprint256)).toEqual([
      Certificate.fromDer(der).fingerprint256,
      two[1].fingerprint256,
    ]);
  });

  test('malformed input throws', () => {
    expect(() => Certificate.fromDer(Buffer.from([0x30, 0x03, 0x02, 0x01]))).toThrow();
    expect(() => Certificate.fromDer(Buffer.from('hello'))).toThrow();
  });

  test('raw names, serial, validity and key', () => {
    const c = pkitsCert('GoodCACert.crt');
    expect(c.subject).toBe('CN=Good CA, O=Test Certificates 2011, C=US');
    expect(c.issuer).toBe('CN=Trust Anchor, O=Test Certificates 2011, C=US');
    expect(c.subjectDer[0]).toBe(0x30);
    expect(c.serialHex).toBe('02');
    expect(c.notAfter.toISOString()).toBe('2030-12-31T08:30:00.000Z');
    expect(c.publicKey().asymmetricKeyType).toBe('rsa');
    expect(c.isSelfIssued).toBe(false);
    expect(c.verifiedBy(pkitsCert('TrustAnchorRootCertificate.crt').publicKey())).toBe(true);
  });

  test('extension accessors', () => {
    const ca = pkitsCert('pathLenConstraint6CACert.crt');
    expect(ca.basicConstraints).toEqual({ ca: true, pathLen: 6 });
    expect(ca.keyUsage! & (1 << KeyUsageBit.keyCertSign)).toBeTruthy();
    expect(ca.certificatePolicies).toEqual(['2.16.840.1.101.3.2.1.48.1']);
    expect(ca.subjectKeyIdentifier).toMatch(/^[0-9a-f]+$/);
    expect(ca.authorityKeyIdentifier).toBe(pkitsCert('TrustAnchorRootCertificate.crt').subjectKeyIdentifier);
    expect(pkitsCert('nameConstraintsDN1CACert.crt').nameConstraints?.permitted?.[0].kind).toBe('dn');
    expect(pkitsCert('PoliciesP12subCAP1Cert.crt').policyConstraints ?? null).toBeDefined();
    expect(pkitsCert('Mapping1to2CACert.crt').policyMappings).toEqual([
      { issuer: '2.16.840.1.101.3.2.1.48.1', subject: '2.16.840.1.101.3.2.1.48.2' },
    ]);
    expect(pkitsCert('inhibitAnyPolicy0CACert.crt').inhibitAnyPolicy).toBe(0);
    expect(pkitsCert('ValidRFC822nameConstraintsTest21EE.crt').subjectAltName?.[0].kind).toBe('email');
    expect(
      pkitsCert('ValiddistributionPointTest1EE.crt').cRLDistributionPoints?.[0].name?.fullName?.[0].kind,
    ).toBe('dn');
    expect(pkitsCert('InvalidUnknownCriticalCertificateExtensionTest2EE.crt').criticalExtensions).toContain(
      '2.16.840.1.101.2.1.12.2',
    );
  });

  test('a DSA key without parameters inherits them from its issuer', () => {
    const inherited = pkitsCert('DSAParametersInheritedCACert.crt');
    expect(inherited.inheritsKeyParams).toBe(true);
    const key = inherited.publicKeyWithParams(pkitsCert('DSACACert.crt').spkiParams!);
    expect(key.asymmetricKeyType).toBe('dsa');
    expect(pkitsCert('ValidDSAParameterInheritanceTest5EE.crt').verifiedBy(key)).toBe(true);
  });
});
