/**
 * A minimal DER reader. The schema classes of @peculiar/asn1-x509 decode values, but name comparison,
 * signature checks and SPKI rebuilding need the exact encoded bytes (`tbsCertificate`, `issuer`, the
 * string type of each attribute), which re-serialising cannot guarantee. This reader only slices.
 */

/** One tag-length-value: `tag` is the full first octet (class, constructed bit and number). */
export interface Tlv {
  tag: number;
  /** The whole element, header included. */
  raw: Buffer;
  /** The contents octets. */
  value: Buffer;
}

/** Reads the element starting at `offset`; throws on truncated or indefinite-length input. */
export function readTlv(buf: Buffer, offset = 0): Tlv {
  if (offset + 2 > buf.length) throw new Error('DER: truncated header');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: high tag numbers are not supported');
  let len = buf[offset + 1];
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('DER: unsupported length form');
    if (offset + 2 + n > buf.length) throw new Error('DER: truncated length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 2 + i];
    hdr = 2 + n;
  }
  const end = offset + hdr + len;
  if (end > buf.length) throw new Error('DER: truncated value');
  return { tag, raw: buf.subarray(offset, end), value: buf.subarray(offset + hdr, end) };
}

/** The elements inside a constructed value. */
export function children(value: Buffer): Tlv[] {
  const out: Tlv[] = [];
  let off = 0;
  while (off < value.length) {
    const t = readTlv(value, off);
    out.push(t);
    off += t.raw.length;
  }
  return out;
}

/** Decodes an OBJECT IDENTIFIER's contents to dotted form. */
export function decodeOid(value: Buffer): string {
  const parts: number[] = [];
  let acc = 0;
  for (const b of value) {
    acc = acc * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) {
        const first = acc < 80 ? Math.floor(acc / 40) : 2;
        parts.push(first, acc - first * 40);
      } else parts.push(acc);
      acc = 0;
    }
  }
  return parts.join('.');
}

/** Encodes a length-prefixed element (used to rebuild an SPKI with inherited DSA parameters). */
export function encodeTlv(tag: number, value: Buffer): Buffer {
  const len = value.length;
  let hdr: Buffer;
  if (len < 0x80) hdr = Buffer.from([tag, len]);
  else {
    const bytes: number[] = [];
    for (let l = len; l > 0; l = Math.floor(l / 256)) bytes.unshift(l % 256);
    hdr = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([hdr, value]);
}
