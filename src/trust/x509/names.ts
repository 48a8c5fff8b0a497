import { children, decodeOid, readTlv } from './der';

/** One attribute of a distinguished name, kept with its encoded value for exact comparison. */
export interface Ava {
  type: string;
  /** The decoded text when the value is a string type, else undefined. */
  text?: string;
  /** The encoded value (tag included). */
  raw: Buffer;
}

/** A distinguished name as its RDN sequence, in encoded order (most significant, e.g. C, first). */
export type Rdns = Ava[][];

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** OID of the PKCS#9 emailAddress attribute, checked against rfc822Name constraints (RFC 5280 §4.2.1.10). */
export const EMAIL_ADDRESS_OID = '1.2.840.113549.1.9.1';

function decodeString(tag: number, v: Buffer): string | undefined {
  switch (tag) {
    case 0x0c: // UTF8String
      return v.toString('utf8');
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x1a: // VisibleString
      return v.toString('latin1');
    case 0x14: // TeletexString: in practice Latin-1
      return v.toString('latin1');
    case 0x1e: // BMPString, UTF-16BE
      return Buffer.from(v).swap16().toString('utf16le');
    case 0x1c: {
      // UniversalString, UTF-32BE
      let s = '';
      for (let i = 0; i + 3 < v.length; i += 4) s += String.fromCodePoint(v.readUInt32BE(i));
      return s;
    }
    default:
      return undefined;
  }
}

/** Parses an encoded Name (SEQUENCE OF SET OF AttributeTypeAndValue). */
export function parseName(der: Buffer): Rdns {
  const seq = readTlv(der);
  if (seq.tag !== 0x30) throw new Error('Name: not a SEQUENCE');
  return children(seq.value).map((set) =>
    children(set.value).map((atv) => {
      const [oid, val] = children(atv.value);
      const value = readTlv(val.raw);
      return { type: decodeOid(oid.value), text: decodeString(value.tag, value.value), raw: val.raw };
    }),
  );
}

/**
 * RFC 5280 §7.1 (RFC 4518 in short): case-insensitive, insignificant leading, trailing and repeated
 * internal spaces, and the string type (PrintableString, UTF8String, ...) does not matter.
 */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function avaEqual(a: Ava, b: Ava): boolean {
  if (a.type !== b.type) return false;
  if (a.text !== undefined && b.text !== undefined) return normaliseText(a.text) === normaliseText(b.text);
  return a.raw.equals(b.raw);
}

function rdnEqual(a: Ava[], b: Ava[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => avaEqual(x, y)));
}

/** Whether two names are the same per RFC 5280 §7.1. */
export function namesEqual(a: Rdns, b: Rdns): boolean {
  return a.length === b.length && a.every((rdn, i) => rdnEqual(rdn, b[i]));
}

/** Whether `name` lies within the DN subtree `base` (base is a prefix of name), for name constraints. */
export function withinDnSubtree(name: Rdns, base: Rdns): boolean {
  return base.length <= name.length && base.every((rdn, i) => rdnEqual(rdn, name[i]));
}

function escapeValue(s: string): string {
  return s
    .replace(/([,+"\\<>;=])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/**
 * Display form in RFC 4514 order: the LAST encoded RDN first, so "CN=..., O=..., C=VN" (the reverse of
 * openssl's default `/C=VN/O=.../CN=...`). Values are UTF-8 text; non-string values are `#hex`.
 */
export function displayName(rdns: Rdns): string {
  return [...rdns]
    .reverse()
    .map((rdn) =>
      rdn
        .map((a) => {
          const key = SHORT[a.type] ?? a.type;
          return `${key}=${a.text !== undefined ? escapeValue(a.text) : '#' + a.raw.toString('hex')}`;
        })
        .join('+'),
    )
    .join(', ');
}
