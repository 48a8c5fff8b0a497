import fs from 'node:fs';
import path from 'node:path';
import { vectorDir } from '../../../test/vectors';
import { Certificate, Crl } from './index';

const dir = vectorDir('x509', 'nist-pkits');
const crl = (f: string) => Crl.fromDer(fs.readFileSync(path.join(dir, 'crls', f)));
const cert = (f: string) => Certificate.fromDer(fs.readFileSync(path.join(dir, 'certs', f)));

describe('CRL parsing', () => {
  test('a complete CRL: issuer, times, number, entries with reasons, signature', () => {
    const c = crl('GoodCACRL.crl');
    expect(c.issuer).toBe('CN=Good CA, O=Test Certificates 2011, C=US');
    expect(c.thisUpdate.toISOString()).toBe('2010-01-01T08:30:00.000Z');
    expect(c.nextUpdate?.toISOString()).toBe('2030-12-31T08:30:00.000Z');
    expect(c.crlNumber).toBe(1n);
    expect(c.isDelta).toBe(false);
    expect(c.entries.map((e) => [e.serial.toString('hex'), e.reason])).toEqual([
      ['0e', 1],
      ['0f', 1],
    ]);
    expect(c.currentAt(new Date('2020-01-01T00:00:00Z'))).toBe(true);
    expect(c.currentAt(new Date('2031-01-01T00:00:00Z'))).toBe(false);
    expect(c.verify(cert('GoodCACert.crt').publicKey())).toBe(true);
    expect(c.verify(cert('TrustAnchorRootCertificate.crt').publicKey())).toBe(false);
  });

  test('a delta CRL carries its base number and removeFromCRL entries', () => {
    const d = crl('deltaCRLCA1deltaCRL.crl');
    expect(d.isDelta).toBe(true);
    expect(d.deltaBase).toBe(1n);
    expect(d.crlNumber).toBe(5n);
    expect(d.entries.find((e) => e.serial.equals(Buffer.from([4])))?.reason).toBe(8);
  });

  test('an indirect CRL: IDP flags and certificateIssuer carried over to later entries', () => {
    const c = crl('indirectCRLCA5CRL.crl');
    expect(c.idp).toMatchObject({ indirect: true, onlyUser: false, onlyCA: false });
    expect(c.entries[0].certificateIssuer).toBeUndefined();
    const ca6 = c.entries.filter((e) => e.certificateIssuer?.[0]?.kind === 'dn');
    expect(ca6.length).toBeGreaterThan(1);
  });

  test('unknown critical CRL and entry extensions are flagged', () => {
    expect(crl('UnknownCRLExtensionCACRL.crl').unknownCritical).toBe(true);
    expect(crl('UnknownCRLEntryExtensionCACRL.crl').unknownCritical).toBe(true);
    expect(crl('GoodCACRL.crl').unknownCritical).toBe(false);
  });

  test('garbage is refused', () => {
    expect(() => Crl.fromDer(Buffer.from('not a crl'))).toThrow();
  });
});
