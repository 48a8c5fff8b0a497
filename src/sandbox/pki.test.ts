import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedTrustStore, readCertificateFolder } from '../trust/store';
import { verifyCertificateFile } from '../trust/verify';
import { Certificate } from '../trust/x509';
import { ensureSandboxPki } from './pki';

describe('sandbox PKI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-sbx-pki-'));
  const pki = ensureSandboxPki(dir);

  it('issues agency certificates that chain to its root, and keeps the public roots trusted', async () => {
    const anchors = readCertificateFolder(pki.anchorsDir);
    expect(anchors.some((a) => /LienThong Sandbox Root CA/.test(a.subject))).toBe(true);
    expect(anchors.some((a) => /Vietnam National Root CA/.test(a.subject))).toBe(true);
    for (const who of [pki.gateway, pki.remote]) {
      const verdict = await verifyCertificateFile(fs.readFileSync(who.certificateFile), {
        store: fixedTrustStore(anchors, { revocation: 'off' }),
      });
      expect(verdict).toMatchObject({ status: 'valid', trustedBy: 'chain' });
    }
    const leaf = Certificate.parseAll(fs.readFileSync(pki.gateway.certificateFile))[0];
    expect(leaf.basicConstraints?.ca ?? false).toBe(false);
  });

  it('is made once and reused', () => {
    const before = fs.readFileSync(pki.gateway.certificateFile, 'utf8');
    expect(fs.readFileSync(ensureSandboxPki(dir).gateway.certificateFile, 'utf8')).toBe(before);
  });
});
