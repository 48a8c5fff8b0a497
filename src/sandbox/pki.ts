import crypto from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { OctetString } from '@peculiar/asn1-schema';
import { TRUST_DIR } from '../paths';

/**
 * The sandbox's own small PKI, so that `npm start` exchanges signed edXML between two agencies without
 * any file from outside: a root CA (trusted by the sandbox's trust store beside the shipped public roots),
 * the gateway's agency certificate, and the certificate of the simulated agency on the other end. Made
 * once with node:crypto and kept under the data folder. Never for production: the keys sit unprotected on
 * disk and the root is nobody's.
 */
export interface SandboxIdentity {
  keyFile: string;
  certificateFile: string;
}

export interface SandboxPki {
  anchorsDir: string;
  gateway: SandboxIdentity;
  remote: SandboxIdentity;
}

const SHA256_RSA = '1.2.840.113549.1.1.11';

const toArrayBuffer = (b: Buffer): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;

function name(organisation: string, common: string): Name {
  const rdn = (type: string, value: string, printable = false) =>
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({
        type,
        value: new AttributeValue(printable ? { printableString: value } : { utf8String: value }),
      }),
    ]);
  return new Name([rdn('2.5.4.6', 'VN', true), rdn('2.5.4.10', organisation), rdn('2.5.4.3', common)]);
}

function extension(id: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID: id, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function issue(options: {
  subject: Name;
  issuer: Name;
  publicKey: KeyObject;
  signingKey: KeyObject;
  ca: boolean;
  years: number;
}): Buffer {
  const algorithm = new AlgorithmIdentifier({ algorithm: SHA256_RSA, parameters: null });
  const serial = crypto.randomBytes(12);
  serial[0] &= 0x7f;
  const now = Date.now();
  const usage = options.ca
    ? KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign
    : KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation;
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: toArrayBuffer(serial),
    signature: algorithm,
    issuer: options.issuer,
    validity: new Validity({
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + options.years * 365 * 86_400_000),
    }),
    subject: options.subject,
    subjectPublicKeyInfo: AsnConvert.parse(
      options.publicKey.export({ type: 'spki', format: 'der' }),
      SubjectPublicKeyInfo,
    ),
    extensions: new Extensions([
      extension('2.5.29.19', true, new BasicConstraints({ cA: options.ca })),
      extension('2.5.29.15', true, new KeyUsage(usage)),
    ]),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = crypto.sign('sha256', tbsDer, options.signingKey);
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: algorithm,
    signatureValue: toArrayBuffer(signature),
  });
  return Buffer.from(AsnConvert.serialize(cert));
}

const pem = (label: string, der: Buffer): string =>
  `-----BEGIN ${label}-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

/** The sandbox PKI under `dir`, made on first use and reused afterwards. */
export function ensureSandboxPki(dir: string): SandboxPki {
  const anchorsDir = path.join(dir, 'roots');
  const identity = (who: string): SandboxIdentity => ({
    keyFile: path.join(dir, `${who}.key`),
    certificateFile: path.join(dir, `${who}.pem`),
  });
  const pki: SandboxPki = { anchorsDir, gateway: identity('gateway'), remote: identity('remote') };
  if (fs.existsSync(pki.remote.certificateFile)) return pki;
  fs.mkdirSync(anchorsDir, { recursive: true });
  // The shipped public roots stay trusted in the sandbox too.
  for (const file of fs.readdirSync(path.join(TRUST_DIR, 'roots'))) {
    fs.copyFileSync(path.join(TRUST_DIR, 'roots', file), path.join(anchorsDir, file));
  }
  const rsa = () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const root = rsa();
  const rootName = name('LienThong Sandbox', 'LienThong Sandbox Root CA (not for production)');
  const rootDer = issue({
    subject: rootName,
    issuer: rootName,
    publicKey: root.publicKey,
    signingKey: root.privateKey,
    ca: true,
    years: 10,
  });
  fs.writeFileSync(path.join(anchorsDir, 'sandbox-root.pem'), pem('CERTIFICATE', rootDer));
  const leaf = (who: string, organisation: string) => {
    const keys = rsa();
    const der = issue({
      subject: name(organisation, `${organisation} (sandbox)`),
      issuer: rootName,
      publicKey: keys.publicKey,
      signingKey: root.privateKey,
      ca: false,
      years: 2,
    });
    fs.writeFileSync(identity(who).keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    fs.writeFileSync(identity(who).certificateFile, pem('CERTIFICATE', der));
  };
  leaf('gateway', 'UBND huyện Bình Sơn');
  leaf('remote', 'UBND tỉnh Quảng Ngãi');
  return pki;
}
