import { TrustReasons } from '../verdict';
import { fail } from './failure';
import { isUniversal, type Tlv } from './tlv';

/** Object identifiers this module reads (RFC 5652, RFC 5035, RFC 4055, RFC 5754, RFC 5758, RFC 8419). */
export const Oids = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  counterSignature: '1.2.840.113549.1.9.6',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  subjectKeyIdentifier: '2.5.29.14',
  mgf1: '1.2.840.113549.1.1.8',
} as const;

/** Decodes an OBJECT IDENTIFIER element to its dotted form. */
export function decodeOid(tlv: Tlv): string {
  if (!isUniversal(tlv, 6) || tlv.constructed || tlv.content.length === 0) {
    return fail(TrustReasons.cmsMalformed, 'expected an OBJECT IDENTIFIER');
  }
  const arcs: number[] = [];
  let value = 0;
  for (const byte of tlv.content) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) fail(TrustReasons.cmsMalformed, 'OID arc too large');
    if (byte & 0x80) continue;
    if (arcs.length === 0)
      arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else arcs.push(value);
    value = 0;
  }
  if (tlv.content[tlv.content.length - 1] & 0x80) fail(TrustReasons.cmsMalformed, 'truncated OID');
  return arcs.join('.');
}
