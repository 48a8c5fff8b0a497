import { TrustReasons } from '../verdict';
import { fail } from './failure';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/;
const LABELS = new Set(['PKCS7', 'CMS', 'PKCS #7 SIGNED DATA']);

/**
 * The DER (or BER) bytes of a CMS input that may be PEM armoured (`-----BEGIN PKCS7-----`, as
 * `openssl cms -outform PEM` writes, or `CMS`). Anything not starting with a PEM header is taken as binary.
 */
export function toDer(input: Buffer): Buffer {
  const head = input.subarray(0, 64).toString('latin1').trimStart();
  if (!head.startsWith('-----BEGIN')) return input;
  const match = PEM_BLOCK.exec(input.toString('latin1'));
  if (!match || !LABELS.has(match[1])) {
    return fail(TrustReasons.cmsMalformed, 'PEM input is not a PKCS7 or CMS block');
  }
  const body = match[2].replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return fail(TrustReasons.cmsMalformed, 'PEM body is not base64');
  return Buffer.from(body, 'base64');
}
