import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedTrustStore } from '../store';
import { verifyCmsSignature } from '../verify';
import { Certificate } from '../x509';

const run = (args: string[], cwd: string) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });

/** A leaf whose keyUsage allows only what is given, issued by a fresh root, signing "hello" as CMS. */
function signedBy(keyUsage: string): { root: Certificate; p7: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-ku-'));
  run(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '30',
      '-subj',
      '/CN=KU Root',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout',
      'root.key',
      '-out',
      'root.pem',
    ],
    dir,
  );
  run(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=KU Leaf',
      '-keyout',
      'leaf.key',
      '-out',
      'leaf.csr',
    ],
    dir,
  );
  fs.writeFileSync(
    path.join(dir, 'ext.cnf'),
    `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,${keyUsage}\n`,
  );
  run(
    [
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'root.pem',
      '-CAkey',
      'root.key',
      '-CAcreateserial',
      '-days',
      '30',
      '-extfile',
      'ext.cnf',
      '-out',
      'leaf.pem',
    ],
    dir,
  );
  fs.writeFileSync(path.join(dir, 'hello.txt'), 'hello');
  run(
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
      'leaf.pem',
      '-inkey',
      'leaf.key',
      '-outform',
      'DER',
      '-out',
      'hello.p7',
    ],
    dir,
  );
  return {
    root: Certificate.parseAll(fs.readFileSync(path.join(dir, 'root.pem')))[0],
    p7: fs.readFileSync(path.join(dir, 'hello.p7')),
  };
}

describe('the signer certificate must be allowed to sign', () => {
  it('accepts digitalSignature, refuses a key-encipherment-only certificate however well it chains', async () => {
    const good = signedBy('digitalSignature');
    const ok = await verifyCmsSignature(good.p7, { store: fixedTrustStore([good.root]) });
    expect(ok.verdict).toMatchObject({ status: 'valid', trustedBy: 'chain' });
    const tls = signedBy('keyEncipherment');
    const refused = await verifyCmsSignature(tls.p7, { store: fixedTrustStore([tls.root]) });
    expect(refused.verdict).toMatchObject({ status: 'invalid', reason: 'LT_CERT_KEY_USAGE' });
    expect(refused.content).toBeUndefined();
  });
});
