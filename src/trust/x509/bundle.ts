import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, id_signedData } from '@peculiar/asn1-cms';
import { children, readTlv } from './der';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** The raw certificates of a PKCS#7 certs-only SignedData (`.p7b`/`.p7c`), exactly as encoded. */
function certsOfPkcs7(der: Buffer): Buffer[] {
  const ci = AsnConvert.parse(der, ContentInfo);
  if (ci.contentType !== id_signedData) throw new Error('PKCS#7: not SignedData');
  // Sliced rather than re-serialised from the schema so each certificate keeps its signed bytes.
  const [, explicit] = children(readTlv(der).value);
  const signedData = readTlv(explicit.value);
  const certSet = children(signedData.value).find((f) => f.tag === 0xa0);
  return certSet
    ? children(certSet.value)
        .filter((c) => c.tag === 0x30)
        .map((c) => Buffer.from(c.raw))
    : [];
}

function isPkcs7(der: Buffer): boolean {
  const first = children(readTlv(der).value)[0];
  return first?.tag === 0x06;
}

function fromDer(der: Buffer): Buffer[] {
  return isPkcs7(der) ? certsOfPkcs7(der) : [Buffer.from(readTlv(der).raw)];
}

/** DER blobs of every certificate in PEM, DER or PKCS#7 input. */
export function parseCertificateBundle(bytes: Buffer): Buffer[] {
  const text =
    bytes.subarray(0, 64).toString('latin1').includes('-----BEGIN') || bytes.includes('-----BEGIN');
  if (!text) return fromDer(bytes);
  const out: Buffer[] = [];
  for (const m of bytes.toString('latin1').matchAll(PEM_BLOCK)) {
    const der = Buffer.from(m[2].replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    if (m[1] === 'CERTIFICATE' || m[1] === 'X509 CERTIFICATE' || m[1] === 'TRUSTED CERTIFICATE')
      out.push(Buffer.from(readTlv(der).raw));
    else if (m[1] === 'PKCS7' || m[1] === 'CMS') out.push(...certsOfPkcs7(der));
  }
  return out;
}
