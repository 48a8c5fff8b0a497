import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTestPki } from '../../../test/e2e/support/pki';
import { fixedTrustStore, readCertificateFolder } from '../store';
import { verifyCmsSignature } from '../verify';

const pki = createTestPki();
const store = fixedTrustStore(readCertificateFolder(pki.rootsDir));

/** "hello" signed as attached CMS by a certificate of the test root whose keyUsage is `keyUsage`. */
function signedBy(name: string, keyUsage: string): Buffer {
  const id = pki.issue(name, { keyUsage });
  fs.writeFileSync(path.join(pki.dir, 'hello.txt'), 'hello');
  const out = path.join(pki.dir, `${name}.p7`);
  execFileSync(
    'openssl',
    [
      'cms',
      '-sign',
      '-binary',
      '-nodetach',
      '-md',
      'sha256',
      '-in',
      'hello.txt',
      '-signer',
      id.certificateFile,
      '-inkey',
      id.keyFile,
      '-outform',
      'DER',
      '-out',
      out,
    ],
    { cwd: pki.dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return fs.readFileSync(out);
}

describe('the signer certificate must be allowed to sign', () => {
  it('accepts digitalSignature, refuses a key-encipherment-only certificate however well it chains', async () => {
    const ok = await verifyCmsSignature(signedBy('ku-signer', 'digitalSignature'), { store });
    expect(ok.verdict).toMatchObject({ status: 'valid', trustedBy: 'chain' });
    const refused = await verifyCmsSignature(signedBy('ku-tls', 'keyEncipherment'), { store });
    expect(refused.verdict).toMatchObject({ status: 'invalid', reason: 'LT_CERT_KEY_USAGE' });
    expect(refused.content).toBeUndefined();
  });
});
