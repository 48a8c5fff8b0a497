import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { SignerIdentifier } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { Oids } from './oid';

/** A certificate that the SignerInfo's sid designates, with its public key. */
export interface SignerCandidate {
  der: Buffer;
  key: KeyObject;
}

/**
 * Every certificate in the pool that `sid` designates (RFC 5652 §5.3): by issuer Name and serial number,
 * or by subject key identifier, taken from the certificate's SKI extension or, when it has none, computed
 * as the SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2 method 1, what OpenSSL and BoringSSL use).
 * Several may match (one key certified twice); the caller tries them in order. Certificates that do not
 * parse, or whose key node:crypto cannot load, are skipped: they cannot be the signer.
 */
export function findSignerCertificates(sid: SignerIdentifier, pool: Buffer[]): SignerCandidate[] {
  const out: SignerCandidate[] = [];
  for (const der of pool) {
    let cert: Certificate;
    try {
      cert = AsnConvert.parse(der, Certificate);
    } catch {
      continue;
    }
    if (!designates(sid, cert)) continue;
    try {
      const spki = Buffer.from(AsnConvert.serialize(cert.tbsCertificate.subjectPublicKeyInfo));
      out.push({ der, key: createPublicKey({ key: spki, format: 'der', type: 'spki' }) });
    } catch {
      continue;
    }
  }
  return out;
}

function designates(sid: SignerIdentifier, cert: Certificate): boolean {
  const tbs = cert.tbsCertificate;
  if (sid.issuerAndSerialNumber) {
    const { issuer, serialNumber } = sid.issuerAndSerialNumber;
    return (
      sameInteger(serialNumber, tbs.serialNumber) &&
      Buffer.from(AsnConvert.serialize(issuer)).equals(Buffer.from(AsnConvert.serialize(tbs.issuer)))
    );
  }
  if (sid.subjectKeyIdentifier) {
    const wanted = Buffer.from(sid.subjectKeyIdentifier.buffer);
    const actual = subjectKeyId(cert);
    return wanted.length > 0 && actual !== undefined && wanted.equals(actual);
  }
  return false;
}

function subjectKeyId(cert: Certificate): Buffer | undefined {
  const tbs = cert.tbsCertificate;
  const extension = tbs.extensions?.find((e) => e.extnID === Oids.subjectKeyIdentifier);
  if (extension) {
    try {
      return Buffer.from(AsnConvert.parse(extension.extnValue.buffer, OctetString).buffer);
    } catch {
      return undefined;
    }
  }
  return createHash('sha1').update(Buffer.from(tbs.subjectPublicKeyInfo.subjectPublicKey)).digest();
}

/** INTEGER contents compared by value: a leading 0x00 pad is not part of the number. */
function sameInteger(a: ArrayBuffer, b: ArrayBuffer): boolean {
  const strip = (x: ArrayBuffer): Buffer => {
    const buf = Buffer.from(x);
    let i = 0;
    while (i < buf.length - 1 && buf[i] === 0) i++;
    return buf.subarray(i);
  };
  return strip(a).equals(strip(b));
}
