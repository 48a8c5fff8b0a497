import { hmacDigest, matchingSecret, sha256Hex, timingSafeEqualBytes, withinTolerance } from './hmac';

describe('HMAC primitives', () => {
  it('computes RFC 4231 test case 2 (HMAC-SHA256, key "Jefe")', () => {
    expect(hmacDigest('sha256', 'Jefe', 'what do ya want ', 'for nothing?').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares bytes of any length, equal only when equal', () => {
    expect(timingSafeEqualBytes(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
    expect(timingSafeEqualBytes(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
    expect(timingSafeEqualBytes(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
    expect(timingSafeEqualBytes(Buffer.alloc(0), Buffer.alloc(0))).toBe(true);
  });

  it('finds which of several active secrets signed (rotation), and none for a wrong one', () => {
    const mac = (secret: string) => hmacDigest('sha256', secret, 'body');
    const secrets = ['old-secret', 'new-secret'];
    expect(matchingSecret(mac('new-secret'), secrets, mac)).toBe(1);
    expect(matchingSecret(mac('old-secret'), secrets, mac)).toBe(0);
    expect(matchingSecret(mac('stolen'), secrets, mac)).toBe(-1);
    expect(matchingSecret(Buffer.from('short'), secrets, mac)).toBe(-1);
    expect(matchingSecret(mac('x'), [], mac)).toBe(-1);
  });

  it('accepts a signed time within the tolerance, the edge included, either way', () => {
    expect(withinTolerance(1000, 1300, 300)).toBe(true);
    expect(withinTolerance(1300, 1000, 300)).toBe(true);
    expect(withinTolerance(1000, 1301, 300)).toBe(false);
    expect(withinTolerance(Number.NaN, 1000, 300)).toBe(false);
  });
});
