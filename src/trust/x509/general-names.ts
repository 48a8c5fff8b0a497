import { AsnConvert } from '@peculiar/asn1-schema';
import type { GeneralName, RelativeDistinguishedName } from '@peculiar/asn1-x509';
import { Name } from '@peculiar/asn1-x509';
import type { Ava, Rdns } from './names';
import { parseName } from './names';

/** A GeneralName reduced to the forms path validation compares (RFC 5280 §4.2.1.6). */
export type GName =
  { kind: 'dn'; rdns: Rdns } | { kind: 'email' | 'dns' | 'uri' | 'ip' | 'other'; value: string };

/** Converts the schema class to a {@link GName}. */
export function toGName(g: GeneralName): GName {
  if (g.directoryName)
    return { kind: 'dn', rdns: parseName(Buffer.from(AsnConvert.serialize(g.directoryName))) };
  if (g.rfc822Name !== undefined) return { kind: 'email', value: g.rfc822Name };
  if (g.dNSName !== undefined) return { kind: 'dns', value: g.dNSName };
  if (g.uniformResourceIdentifier !== undefined) return { kind: 'uri', value: g.uniformResourceIdentifier };
  if (g.iPAddress !== undefined) return { kind: 'ip', value: g.iPAddress };
  return { kind: 'other', value: '' };
}

/** One RDN (nameRelativeToCRLIssuer) as parsed AVAs. */
export function rdnOf(rdn: RelativeDistinguishedName): Ava[] {
  return parseName(Buffer.from(AsnConvert.serialize(new Name([rdn]))))[0];
}

/** Bits of a BIT STRING as a number, bit 0 (the first named bit) in the least significant place. */
export function bitsOf(bs: { value: ArrayBuffer }): number {
  const bytes = new Uint8Array(bs.value);
  let n = 0;
  for (let i = 0; i < bytes.length * 8 && i < 31; i++) if (bytes[i >> 3] & (0x80 >> (i & 7))) n |= 1 << i;
  return n;
}

/** An unsigned INTEGER held as bytes (SkipCerts and friends). */
export function intOf(buf: ArrayBuffer | number): number {
  if (typeof buf === 'number') return buf;
  return new Uint8Array(buf).reduce((acc, b) => acc * 256 + b, 0);
}
