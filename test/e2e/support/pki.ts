import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A small test PKI made with the openssl command line: a root CA, and end-entity certificates it issues
 * with chosen validity dates (so an expired certificate can be made without a fake clock). Files land in a
 * temporary folder; `rootsDir` holds only the root, for `trust.anchorsDir`.
 */
export interface TestIdentity {
  keyFile: string;
  certificateFile: string;
  keyPem: string;
  certificatePem: string;
}

export interface TestPki {
  dir: string;
  rootsDir: string;
  /** A certificate from the root; `keyUsage` replaces the default `digitalSignature,nonRepudiation`. */
  issue(name: string, options?: { startDate?: string; endDate?: string; keyUsage?: string }): TestIdentity;
  /** A self-signed identity no trust store knows: what a forger has. */
  selfSigned(name: string, subject?: string): TestIdentity;
}

const openssl = (args: string[], cwd: string): void => {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
};

/** `openssl req -x509` arguments for a new RSA-2048 key and its self-signed certificate. */
function selfSignedArgs(
  subject: string,
  days: number,
  keyout: string,
  out: string,
  extra: string[] = [],
): string[] {
  return [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    String(days),
    '-subj',
    subject,
    ...extra,
    '-keyout',
    keyout,
    '-out',
    out,
  ];
}

export function createTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-pki-'));
  const rootsDir = path.join(dir, 'roots');
  fs.mkdirSync(rootsDir);
  openssl(
    selfSignedArgs(
      '/C=VN/O=LienThong Test/CN=LienThong Test Root CA',
      3650,
      'root.key',
      path.join(rootsDir, 'root.pem'),
      ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    ),
    dir,
  );
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
  fs.writeFileSync(
    path.join(dir, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = test_ca',
      '[ test_ca ]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'new_certs_dir = $dir',
      'serial = $dir/serial',
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'x509_extensions = leaf',
      '[ any ]',
      'commonName = supplied',
      'organizationName = optional',
      'countryName = optional',
      '[ leaf ]',
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature,nonRepudiation',
      '',
    ].join('\n'),
  );
  const identity = (name: string): TestIdentity => {
    const keyFile = path.join(dir, `${name}.key`);
    const certificateFile = path.join(dir, `${name}.pem`);
    return {
      keyFile,
      certificateFile,
      get keyPem() {
        return fs.readFileSync(keyFile, 'utf8');
      },
      get certificatePem() {
        return fs.readFileSync(certificateFile, 'utf8');
      },
    };
  };
  return {
    dir,
    rootsDir,
    issue(name, options = {}) {
      const id = identity(name);
      openssl(
        [
          'req',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-subj',
          `/C=VN/O=${name}/CN=${name}`,
          '-keyout',
          id.keyFile,
          '-out',
          `${name}.csr`,
        ],
        dir,
      );
      let usage: string[] = [];
      if (options.keyUsage) {
        fs.writeFileSync(
          path.join(dir, `${name}.ext`),
          `[ext]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,${options.keyUsage}\n`,
        );
        usage = ['-extfile', `${name}.ext`, '-extensions', 'ext'];
      }
      const dates = options.startDate
        ? ['-startdate', options.startDate, '-enddate', options.endDate ?? '20991231235959Z']
        : ['-days', '365'];
      openssl(
        [
          'ca',
          '-batch',
          '-notext',
          '-config',
          'ca.cnf',
          '-cert',
          path.join(rootsDir, 'root.pem'),
          '-keyfile',
          'root.key',
          '-in',
          `${name}.csr`,
          '-out',
          id.certificateFile,
          ...dates,
          ...usage,
        ],
        dir,
      );
      return id;
    },
    selfSigned(name, subject = `/C=VN/O=${name}/CN=${name}`) {
      const id = identity(name);
      openssl(selfSignedArgs(subject, 365, id.keyFile, id.certificateFile), dir);
      return id;
    },
  };
}
