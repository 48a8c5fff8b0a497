import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The benchmark's signer: an agency certificate issued by a small root CA, all made by openssl. */
export interface BenchPki {
  dir: string;
  caCertPem: string;
  agencyCertPem: string;
  agencyKeyPem: string;
}

const openssl = (dir: string, args: string[]): Buffer =>
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

const words = (s: string): string[] => s.split(' ');
const CA_SUBJECT = '/C=VN/O=Bench Root CA/CN=LienThong Bench Root CA';
const AGENCY_SUBJECT = '/C=VN/ST=Quang Ngai/O=UBND tinh Quang Ngai/CN=Van thu UBND tinh Quang Ngai';

// The extensions a real issuing CA sets: the path validator checks basicConstraints and keyUsage, so a bare
// `req -x509` certificate would not be a fair (or valid) chain.
const CA_EXT = [
  '-addext',
  'basicConstraints=critical,CA:TRUE,pathlen:0',
  '-addext',
  'keyUsage=critical,keyCertSign,cRLSign',
  '-addext',
  'subjectKeyIdentifier=hash',
];
const AGENCY_EXT = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,nonRepudiation',
  'extendedKeyUsage=emailProtection',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid:always',
].join('\n');

/** Root CA (RSA-2048, self-signed) → agency certificate (RSA-2048, SHA-256), in `dir`. */
export function makePki(dir: string): BenchPki {
  openssl(dir, [
    ...words('req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -keyout ca.key -out ca.pem'),
    ...CA_EXT,
    '-subj',
    CA_SUBJECT,
  ]);
  openssl(dir, [
    ...words('req -new -newkey rsa:2048 -nodes -sha256 -keyout agency.key -out agency.csr'),
    '-subj',
    AGENCY_SUBJECT,
  ]);
  fs.writeFileSync(path.join(dir, 'agency.ext'), AGENCY_EXT + '\n');
  openssl(
    dir,
    words(
      'x509 -req -in agency.csr -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days 30 -extfile agency.ext -out agency.pem',
    ),
  );
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    dir,
    caCertPem: read('ca.pem'),
    agencyCertPem: read('agency.pem'),
    agencyKeyPem: read('agency.key'),
  };
}

/**
 * CMS SignedData over `content`, attached, with signed attributes (openssl's default: contentType,
 * messageDigest, signingTime, smimeCapabilities) and the signer's certificate, RSA-2048 SHA-256, DER.
 */
export function signCms(pki: BenchPki, content: Buffer): Buffer {
  fs.writeFileSync(path.join(pki.dir, 'content.bin'), content);
  openssl(
    pki.dir,
    words(
      'cms -sign -binary -nodetach -md sha256 -in content.bin -signer agency.pem -inkey agency.key -outform DER -out content.p7s',
    ),
  );
  return fs.readFileSync(path.join(pki.dir, 'content.p7s'));
}

/** `openssl version` (first line), for the record. */
export function opensslVersion(): string {
  return execFileSync('openssl', ['version'], { stdio: 'pipe' }).toString('utf8').trim();
}
