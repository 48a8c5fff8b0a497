import { encodeTlv } from './der';
import { displayName, namesEqual, normaliseText, parseName } from './names';

const OIDS: Record<string, string> = { C: '550406', O: '55040a', OU: '55040b', CN: '550403' };

/** Builds a Name: each RDN is [type, stringTag, value]. */
function name(...rdns: [string, number, string][]): Buffer {
  return encodeTlv(
    0x30,
    Buffer.concat(
      rdns.map(([t, tag, v]) =>
        encodeTlv(
          0x31,
          encodeTlv(
            0x30,
            Buffer.concat([
              encodeTlv(0x06, Buffer.from(OIDS[t], 'hex')),
              encodeTlv(tag, Buffer.from(v, 'utf8')),
            ]),
          ),
        ),
      ),
    ),
  );
}
const P = 0x13; // PrintableString
const U = 0x0c; // UTF8String

describe('RFC 5280 §7.1 name comparison', () => {
  test('whitespace and case are not significant', () => {
    expect(normaliseText('  Good   CA ')).toBe('good ca');
    const a = parseName(name(['C', P, 'US'], ['CN', P, 'Good CA']));
    const b = parseName(name(['C', P, 'us'], ['CN', P, '  good    ca ']));
    expect(namesEqual(a, b)).toBe(true);
  });

  test('PrintableString and UTF8String of the same text are equal', () => {
    const a = parseName(name(['O', P, 'Test Certificates 2011']));
    const b = parseName(name(['O', U, 'TEST CERTIFICATES 2011']));
    expect(namesEqual(a, b)).toBe(true);
  });

  test('a different value, order or length is a different name', () => {
    const base = parseName(name(['C', P, 'US'], ['OU', P, 'one'], ['OU', P, 'two']));
    expect(namesEqual(base, parseName(name(['C', P, 'US'], ['OU', P, 'two'], ['OU', P, 'one'])))).toBe(false);
    expect(namesEqual(base, parseName(name(['C', P, 'US'], ['OU', P, 'one'])))).toBe(false);
    expect(namesEqual(base, parseName(name(['C', P, 'VN'], ['OU', P, 'one'], ['OU', P, 'two'])))).toBe(false);
  });

  test('Vietnamese UTF-8 compares case-insensitively and displays in RFC 4514 order', () => {
    const a = parseName(name(['C', P, 'VN'], ['CN', U, 'Ban Cơ yếu Chính phủ']));
    const b = parseName(name(['C', P, 'VN'], ['CN', U, 'BAN CƠ YẾU CHÍNH PHỦ']));
    expect(namesEqual(a, b)).toBe(true);
    expect(displayName(a)).toBe('CN=Ban Cơ yếu Chính phủ, C=VN');
  });

  test('special characters are escaped in the display form', () => {
    expect(displayName(parseName(name(['CN', U, 'a,b+c'])))).toBe('CN=a\\,b\\+c');
  });
});
