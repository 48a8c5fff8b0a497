import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vectorDir } from '../../test/vectors';
import { PACKAGE_ROOT } from '../paths';
import { detectKind } from './verify-command';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'lienthong.js');
const xmldsig = (f: string) => path.join(vectorDir('xmldsig', 'xml-crypto'), f);

/** `npx lienthong verify`, run as an operator runs it: the compiled CLI in its own process. */
function verify(...args: string[]): { code: number | null; verdict: Record<string, unknown> } {
  const run = spawnSync(process.execPath, [BIN, 'verify', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, verdict: JSON.parse(run.stdout) as Record<string, unknown> };
}

describe('lienthong verify', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js'))) {
      throw new Error('dist/ is missing: npm test builds it before jest (npm run build)');
    }
  });

  it('exits 0 on a valid signature, trusted through --trust', () => {
    const run = verify(xmldsig('valid_signature_utf8.xml'), '--trust', xmldsig('client_public.pem'));
    expect(run.code).toBe(0);
    expect(run.verdict).toMatchObject({ kind: 'xmldsig', status: 'valid', reason: 'LT_TRUST_OK' });
  });

  it('exits 1 on a tampered sample, with the reason', () => {
    const run = verify(
      xmldsig('invalid_signature__changed_content.xml'),
      '--trust',
      xmldsig('client_public.pem'),
      '--legacy-sha1',
    );
    expect(run.code).toBe(1);
    expect(run.verdict).toMatchObject({ status: 'invalid', reason: 'LT_SIG_DIGEST_MISMATCH' });
  });

  it('exits 1 on a valid signature whose key nobody trusts', () => {
    const run = verify(xmldsig('valid_signature_utf8.xml'));
    expect(run.code).toBe(1);
    expect(run.verdict.status).not.toBe('valid');
  });

  it('exits 1 on SHA-1 unless --legacy-sha1', () => {
    const run = verify(xmldsig('valid_signature.xml'), '--trust', xmldsig('client_public.pem'));
    expect(run).toMatchObject({ code: 1, verdict: { reason: 'LT_SIG_ALGORITHM_FORBIDDEN' } });
    const legacy = verify(
      xmldsig('valid_signature.xml'),
      '--trust',
      xmldsig('client_public.pem'),
      '--legacy-sha1',
    );
    expect(legacy).toMatchObject({ code: 0, verdict: { status: 'valid', legacySha1: true } });
  });

  it('exits 2 on hostile or unusable input', () => {
    const bomb = verify(path.join(vectorDir('hostile-xml', 'defusedxml'), 'xmlbomb.xml'));
    expect(bomb).toMatchObject({
      code: 2,
      verdict: { status: 'unusable', reason: 'LT_XML_DOCTYPE_FORBIDDEN' },
    });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-verify-'));
    fs.writeFileSync(path.join(tmp, 'note.txt'), 'not a signature');
    expect(verify(path.join(tmp, 'note.txt'))).toMatchObject({
      code: 2,
      verdict: { reason: 'LT_TRUST_UNKNOWN_KIND' },
    });
    expect(verify(xmldsig('valid_signature.xml'), '--kind', 'pgp')).toMatchObject({ code: 2 });
    expect(verify(path.join(tmp, 'absent.xml'))).toMatchObject({
      code: 2,
      verdict: { reason: 'LT_TRUST_INPUT_UNREADABLE' },
    });
  });

  it('checks CMS detached signatures at a given time, and certificates', () => {
    const cms = (f: string) => path.join(vectorDir('cms', 'boringssl-pkcs7'), f);
    const args = [cms('sign_sha256.p7s'), '--detached', cms('content.bin'), '--trust', cms('sign_cert.pem')];
    expect(verify(...args)).toMatchObject({ code: 1, verdict: { kind: 'cms', reason: 'LT_CERT_EXPIRED' } });
    expect(verify(...args, '--at', '2022-04-15T00:00:00Z')).toMatchObject({
      code: 0,
      verdict: { status: 'valid' },
    });
    const vnpt = path.join(vectorDir('x509', 'vietnam-pki'), 'vnpt-ca-sha2.crt');
    expect(verify(vnpt)).toMatchObject({ code: 0, verdict: { kind: 'x509', status: 'valid' } });
  });

  it('guesses the kind from the bytes', () => {
    expect(detectKind(Buffer.from('\uFEFF  <a/>'))).toBe('xmldsig');
    expect(detectKind(Buffer.from('-----BEGIN CERTIFICATE-----\n'))).toBe('x509');
    expect(detectKind(Buffer.from('-----BEGIN PKCS7-----\n'))).toBe('cms');
    expect(detectKind(Buffer.from('hello'))).toBeUndefined();
  });
});
