import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { LtError } from '../../src/errors';
import { Certificate } from '../../src/trust/x509';
import type { SigningConfig } from './config';

/** The agency's signing identity: the key that signs outbound packages and the certificate sent with it. */
export interface AgencyIdentity {
  privateKey: KeyObject;
  /** The signer's certificate, PEM, then any chain certificates the file holds. */
  certificatePem: string;
  certificate: Certificate;
  algorithm: 'sha256' | 'sha1';
}

/**
 * Reads the key and certificate once at start. A key that does not match the certificate is refused here,
 * not discovered by every receiving agency refusing our packages.
 */
export function loadIdentity(config: SigningConfig): AgencyIdentity {
  const read = (file: string, what: string): Buffer => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new LtError(
        'LT_CONFIG_INVALID',
        'validation',
        `systems.idesk.signing.${what}: cannot read ${file} (${(err as NodeJS.ErrnoException).code})`,
      );
    }
  };
  const keyBytes = read(config.keyFile, 'keyFile');
  const certBytes = read(config.certificateFile, 'certificateFile');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(keyBytes);
  } catch (err) {
    throw new LtError(
      'LT_CONFIG_INVALID',
      'validation',
      `systems.idesk.signing.keyFile: not a private key (${(err as Error).message})`,
    );
  }
  const [certificate] = Certificate.parseAll(certBytes);
  if (!certificate) {
    throw new LtError(
      'LT_CONFIG_INVALID',
      'validation',
      'systems.idesk.signing.certificateFile: holds no certificate',
    );
  }
  const fromKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const fromCert = certificate.publicKey().export({ type: 'spki', format: 'der' });
  if (!fromKey.equals(fromCert)) {
    throw new LtError(
      'LT_CONFIG_INVALID',
      'validation',
      'systems.idesk.signing: the key does not belong to the certificate',
    );
  }
  const pem = certBytes.toString('utf8');
  const certificatePem = pem.includes('-----BEGIN CERTIFICATE-----')
    ? pem
    : `-----BEGIN CERTIFICATE-----\n${certificate.der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
  return { privateKey, certificatePem, certificate, algorithm: config.algorithm ?? 'sha256' };
}
