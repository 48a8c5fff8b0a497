import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throwaway signer made with the openssl CLI: key, self-signed certificate (DER), paths for `-signer`. */
export interface TestSigner {
  certPath: string;
  keyPath: string;
  certDer: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * Builds CMS test signatures with `openssl cms -sign`, an implementation independent of the verifier
 * under test, in a temporary folder that `cleanup` removes.
 */
export class OpensslCms {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-cms-'));
  private count = 0;

  /** A self-signed signer; `keyArgs` as for `openssl req -newkey`, e.g. `['rsa:2048']`. */
  signer(name: string, keyArgs: string[]): TestSigner {
    const keyPath = path.join(this.dir, `${name}.key`);
    const certPath = path.join(this.dir, `${name}.crt`);
    this.openssl(
      ['req', '-x509', '-newkey', ...keyArgs, '-nodes', '-keyout', keyPath, '-out', certPath].concat([
        '-subj',
        `/CN=${name}`,
        '-days',
        '2',
      ]),
    );
    const privateKey = createPrivateKey(fs.readFileSync(keyPath));
    const cert = new X509Certificate(fs.readFileSync(certPath));
    return { certPath, keyPath, certDer: cert.raw, privateKey, publicKey: cert.publicKey };
  }

  /** `openssl cms -sign -binary` over `content` with the given signers and extra flags; returns the output. */
  sign(content: Buffer, signers: TestSigner[], flags: string[] = []): Buffer {
    const n = ++this.count;
    const input = path.join(this.dir, `content-${n}.bin`);
    const output = path.join(this.dir, `signed-${n}.p7`);
    fs.writeFileSync(input, content);
    const signerArgs = signers.flatMap((s) => ['-signer', s.certPath, '-inkey', s.keyPath]);
    const outform = flags.includes('-outform') ? [] : ['-outform', 'DER'];
    this.openssl([
      'cms',
      '-sign',
      '-binary',
      '-in',
      input,
      ...signerArgs,
      ...outform,
      ...flags,
      '-out',
      output,
    ]);
    return fs.readFileSync(output);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}
