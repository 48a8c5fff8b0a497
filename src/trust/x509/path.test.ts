import fs from 'node:fs';
import path from 'node:path';
import { vectorDir } from '../../../test/vectors';
import { TrustReasons } from '../verdict';
import { Certificate, Crl, validatePath } from './index';

const dir = vectorDir('x509', 'nist-pkits');
const cert = (f: string) => Certificate.fromDer(fs.readFileSync(path.join(dir, 'certs', f)));
const crl = (f: string) => Crl.fromDer(fs.readFileSync(path.join(dir, 'crls', f)));
const good = ['TrustAnchorRootCertificate.crt', 'GoodCACert.crt', 'ValidCertificatePathTest1EE.crt'].map(
  cert,
);
const crls = ['TrustAnchorRootCRL.crl', 'GoodCACRL.crl'].map(crl);
const time = new Date('2020-01-01T00:00:00Z');
// PKITS 2011 is RSA-SHA256 throughout except the DSA CA, which signs with dsa-with-sha1.
const dsa = ['TrustAnchorRootCertificate.crt', 'DSACACert.crt', 'ValidDSASignaturesTest4EE.crt'].map(cert);
const dsaCrls = ['TrustAnchorRootCRL.crl', 'DSACACRL.crl'].map(crl);

describe('validatePath', () => {
  test('a SHA-256 path is valid without allowing SHA-1, with its policies', () => {
    expect(validatePath(good, { time, crls })).toEqual({
      valid: true,
      sha1Used: false,
      policies: ['2.16.840.1.101.3.2.1.48.1'],
    });
  });

  test('SHA-1 is refused by default and reported when allowed', () => {
    expect(validatePath(dsa, { time, crls: dsaCrls })).toMatchObject({
      valid: false,
      reason: TrustReasons.algorithmForbidden,
      index: 2,
    });
    expect(validatePath(dsa, { time, crls: dsaCrls, allowSha1: true })).toMatchObject({
      valid: true,
      sha1Used: true,
    });
  });

  test('revocation modes: require needs CRLs, if-available and off do not', () => {
    expect(validatePath(good, { time })).toMatchObject({
      reason: TrustReasons.certRevocationUnknown,
      index: 1,
    });
    expect(validatePath(good, { time, revocation: 'if-available' }).valid).toBe(true);
    expect(validatePath(good, { time, revocation: 'off' }).valid).toBe(true);
    // if-available still uses a CRL that is there: the revoked EE of 4.4.3 is caught.
    const revoked = [good[0], good[1], cert('InvalidRevokedEETest3EE.crt')];
    expect(validatePath(revoked, { time, crls, revocation: 'if-available' })).toMatchObject({
      reason: TrustReasons.certRevoked,
      index: 2,
    });
  });

  test('the trust anchor must be valid at the time unless told otherwise', () => {
    const late = new Date('2031-06-01T00:00:00Z');
    expect(validatePath(good, { time: late, revocation: 'off' })).toMatchObject({
      reason: TrustReasons.certExpired,
      index: 0,
    });
  });

  test('a path given in the wrong order fails on name chaining', () => {
    expect(validatePath([good[0], good[2], good[1]], { time, crls })).toMatchObject({
      reason: TrustReasons.certNameChaining,
      index: 1,
    });
  });
});
