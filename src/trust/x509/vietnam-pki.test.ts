import fs from 'node:fs';
import path from 'node:path';
import { vectorDir } from '../../../test/vectors';
import { TrustReasons } from '../verdict';
import { Certificate, validateChain } from './index';

const dir = vectorDir('x509', 'vietnam-pki');
const load = (f: string) => Certificate.parseAll(fs.readFileSync(path.join(dir, f)));
const one = (f: string) => {
  const all = load(f);
  expect(all).toHaveLength(1);
  return all[0];
};
const AT = new Date('2026-11-22T00:00:00Z');
let checked = 0;

afterAll(() => console.log(`vietnam-pki vectors: ${checked} of 5 as expected`));

describe('Vietnamese national and government roots', () => {
  test('vnrca256 (DER) has the pinned SHA-256 fingerprint and its subject', () => {
    const root = one('vnrca256.crt');
    expect(root.fingerprint256).toBe(
      'BA:C8:BF:60:9A:B4:20:A8:EE:17:80:D7:4F:4D:E5:C7:F7:18:49:59:D2:A7:37:5B:0A:75:E4:C2:9F:09:08:E7',
    );
    expect(root.subject).toBe(
      'CN=Vietnam National Root CA, OU=National Centre of Digital Signature Authentication, ' +
        'O=Ministry of Information and Communications, C=VN',
    );
    expect(root.isSelfIssued).toBe(true);
    expect(root.notBefore.toISOString().slice(0, 10)).toBe('2014-04-15');
    expect(root.basicConstraints?.ca).toBe(true);
    checked++;
  });

  test('VNPT-CA SHA2 (PEM) chains to the national root', () => {
    const vnpt = one('vnpt-ca-sha2.crt');
    expect(vnpt.serialHex).toBe('FC4F741B4BC0896CAC601BA22E9ABF04');
    expect(vnpt.fingerprint256.startsWith('7D:6B:A5:24:')).toBe(true);
    const r = validateChain(vnpt, { anchors: load('vnrca256.crt'), time: AT, revocation: 'off' });
    expect(r).toMatchObject({ valid: true, sha1Used: false });
    if (r.valid)
      expect(r.path.map((c) => c.fingerprint256)).toEqual([
        load('vnrca256.crt')[0].fingerprint256,
        vnpt.fingerprint256,
      ]);
    checked++;
  });

  test('the government CA G2 chains to RootCA G2, UTF-8 names intact', () => {
    const cpca = one('cpcag2.crt');
    expect(cpca.subject).toBe('CN=CA phục vụ các cơ quan Nhà nước G2, O=Ban Cơ yếu Chính phủ, C=VN');
    const r = validateChain(cpca, { anchors: load('rootcag2.crt'), time: AT, revocation: 'off' });
    expect(r.valid).toBe(true);
    checked++;
  });

  test('the government CA G2 against the national root only is untrusted', () => {
    const r = validateChain(one('cpcag2.crt'), {
      anchors: load('vnrca256.crt'),
      time: AT,
      revocation: 'off',
    });
    expect(r).toMatchObject({ valid: false, reason: TrustReasons.certUntrusted });
    checked++;
  });

  test('without a CRL, revocation "require" refuses the VNPT intermediate', () => {
    const r = validateChain(one('vnpt-ca-sha2.crt'), { anchors: load('vnrca256.crt'), time: AT });
    expect(r).toMatchObject({ valid: false, reason: TrustReasons.certRevocationUnknown, index: 1 });
    checked++;
  });

  test('an anchor given as the leaf is valid within its validity period only', () => {
    const root = one('vnrca256.crt');
    expect(validateChain(root, { anchors: [root], time: AT }).valid).toBe(true);
    expect(validateChain(root, { anchors: [root], time: new Date('2040-01-01T00:00:00Z') })).toMatchObject({
      valid: false,
      reason: TrustReasons.certExpired,
    });
  });

  test('an expired VNPT intermediate is refused at its position', () => {
    const r = validateChain(one('vnpt-ca-sha2.crt'), {
      anchors: load('vnrca256.crt'),
      time: new Date('2030-01-01T00:00:00Z'),
      revocation: 'off',
    });
    expect(r).toMatchObject({ valid: false, reason: TrustReasons.certExpired, index: 1 });
  });

  test('toSignerInfo summarises the certificate', () => {
    const info = one('vnpt-ca-sha2.crt').toSignerInfo();
    // VNPT encodes its subject CN first, so the RFC 4514 display (last encoded RDN first) starts with C.
    expect(info).toMatchObject({
      subject: 'C=VN, O=VIETNAM POSTS AND TELECOMMUNICATIONS GROUP, CN=VNPT-CA SHA2',
      serial: 'FC4F741B4BC0896CAC601BA22E9ABF04',
    });
    expect(info.notAfter.slice(0, 10)).toBe('2029-08-30');
  });
});
