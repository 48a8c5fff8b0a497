import { TrustReasons } from '../verdict';
import { fail } from './failure';

/**
 * A minimal BER reader (definite and indefinite lengths, constructed strings). The ASN.1 library decodes
 * the pieces, but three things need the exact bytes as they were sent, which a decode/re-encode round trip
 * does not guarantee: the signed attributes (the signature covers their encoding), the certificates (their
 * own signatures do) and streamed BER content (indefinite length, OCTET STRING split in segments).
 */
export interface Tlv {
  /** Tag class: 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  constructed: boolean;
  /** Tag number within its class. */
  tagNumber: number;
  /** The whole element, header included (the end-of-contents octets too for indefinite length). */
  der: Buffer;
  /** The contents octets (without end-of-contents octets). */
  content: Buffer;
  indefinite: boolean;
}

/** Nesting deeper than this is hostile, not a real signature; it bounds the recursion below. */
const MAX_DEPTH = 64;

/** Reads one element at `offset`; throws `LT_CMS_MALFORMED` on truncated or inconsistent encodings. */
export function readTlv(buf: Buffer, offset = 0, depth = 0): Tlv {
  if (depth > MAX_DEPTH) malformed('nesting too deep');
  let pos = offset;
  const first = byteAt(buf, pos++);
  const cls = first >> 6;
  const constructed = (first & 0x20) !== 0;
  let tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    let b: number;
    do {
      b = byteAt(buf, pos++);
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if (tagNumber > 0xffffff) malformed('tag number too large');
    } while (b & 0x80);
  }
  const lenByte = byteAt(buf, pos++);
  if (lenByte === 0x80) {
    if (!constructed) malformed('indefinite length on a primitive element');
    const contentStart = pos;
    while (!(byteAt(buf, pos) === 0 && byteAt(buf, pos + 1) === 0)) {
      pos += readTlv(buf, pos, depth + 1).der.length;
    }
    const content = buf.subarray(contentStart, pos);
    return { cls, constructed, tagNumber, der: buf.subarray(offset, pos + 2), content, indefinite: true };
  }
  let length = lenByte;
  if (lenByte & 0x80) {
    const count = lenByte & 0x7f;
    if (count > 4) malformed('length field too long');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + byteAt(buf, pos++);
  }
  if (pos + length > buf.length) malformed('element runs past the end of the input');
  const content = buf.subarray(pos, pos + length);
  return { cls, constructed, tagNumber, der: buf.subarray(offset, pos + length), content, indefinite: false };
}

/** The elements inside a constructed element, in order. */
export function children(tlv: Tlv, depth = 0): Tlv[] {
  if (!tlv.constructed) malformed('expected a constructed element');
  const out: Tlv[] = [];
  for (let pos = 0; pos < tlv.content.length;) {
    const child = readTlv(tlv.content, pos, depth + 1);
    out.push(child);
    pos += child.der.length;
  }
  return out;
}

/** True for a universal-class element with this tag number (SEQUENCE 16, SET 17, OCTET STRING 4, ...). */
export function isUniversal(tlv: Tlv, tagNumber: number): boolean {
  return tlv.cls === 0 && tlv.tagNumber === tagNumber;
}

/** True for a context-specific `[n]` element. */
export function isContext(tlv: Tlv, tagNumber: number): boolean {
  return tlv.cls === 2 && tlv.tagNumber === tagNumber;
}

/** The value of an OCTET STRING, joining the segments of a constructed (BER) one. */
export function octetStringValue(tlv: Tlv, depth = 0): Buffer {
  if (!tlv.constructed) return tlv.content;
  if (depth > MAX_DEPTH) malformed('nesting too deep');
  return Buffer.concat(children(tlv).map((segment) => octetStringValue(segment, depth + 1)));
}

/** Re-wraps contents under a new one-byte tag with a DER (definite) length. */
export function withTag(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function byteAt(buf: Buffer, pos: number): number {
  if (pos >= buf.length) malformed('truncated encoding');
  return buf[pos];
}

function malformed(why: string): never {
  return fail(TrustReasons.cmsMalformed, `bad ASN.1: ${why}`);
}
