import fs from 'node:fs';
import path from 'node:path';
import { specSample } from '../../../test/vectors';
import { BIDV_BIN, buildVietQr, crc16, crcValid, readTlv, withoutDiacritics } from './payload';

/** NAPAS test vectors 6.1.1–6.1.4, read in place: `<section>\t<payload>`. */
const vectors = new Map(
  fs
    .readFileSync(path.join(specSample('vietqr'), 'napas_test_vectors.txt'), 'utf8')
    .split('\n')
    .filter((l) => /^6\.1\.\d\t/.test(l))
    .map((l) => l.split('\t') as [string, string]),
);

describe('VietQR payload (NAPAS EMVCo)', () => {
  it('computes CRC-16/CCITT-FALSE (check value 29B1)', () => {
    expect(crc16('123456789')).toBe('29B1');
  });

  it('has every NAPAS vector’s CRC right', () => {
    expect(vectors.size).toBe(4);
    for (const payload of vectors.values()) expect(crcValid(payload)).toBe(true);
    expect(crcValid(vectors.get('6.1.3')!.replace('54061800', '54061900'))).toBe(false);
  });

  it('reproduces 6.1.2 (static, to a card), 6.1.3 (dynamic, to an account) and 6.1.4 (dynamic, card) exactly', () => {
    expect(buildVietQr({ bin: '970403', account: '9704031101234567', to: 'card' })).toBe(
      vectors.get('6.1.2'),
    );
    const order = { amount: 180000, billNumber: 'NPS6869', purpose: 'thanh toan don hang' };
    expect(buildVietQr({ bin: '970403', account: '0011012345678', ...order })).toBe(vectors.get('6.1.3'));
    expect(buildVietQr({ bin: '970403', account: '9704031101234567', to: 'card', ...order })).toBe(
      vectors.get('6.1.4'),
    );
  });

  it('does not reproduce 6.1.1, whose quoted account length is inconsistent (12 for 13 characters)', () => {
    const quoted = vectors.get('6.1.1')!;
    const ours = buildVietQr({ bin: '970403', account: '0011012345678' });
    expect(ours).not.toBe(quoted);
    // Ours is the consistent form: tag 38 as in 6.1.3, static.
    expect(readTlv(ours).find(([t]) => t === '38')![1]).toBe(
      readTlv(vectors.get('6.1.3')!).find(([t]) => t === '38')![1],
    );
  });

  it('writes a dossier fee for BIDV: dossier code as bill number, purpose without diacritics', () => {
    const payload = buildVietQr({
      bin: BIDV_BIN,
      account: '12010000123456',
      amount: 50000,
      billNumber: '000.01.53.H48-261122-0001',
      purpose: 'Lệ phí hồ sơ 000.01.53.H48-261122-0001',
    });
    expect(crcValid(payload)).toBe(true);
    const fields = new Map(readTlv(payload));
    expect(fields.get('01')).toBe('12');
    expect(fields.get('54')).toBe('50000');
    expect(fields.get('38')).toContain('0006970418');
    expect(new Map(readTlv(fields.get('62')!))).toEqual(
      new Map([
        ['01', '000.01.53.H48-261122-0001'],
        ['08', 'Le phi ho so 000.01.53.H48-261122-0001'],
      ]),
    );
    expect(withoutDiacritics('Đồng ý')).toBe('Dong y');
  });

  it.each([
    [{ bin: '97041', account: '1' }, /bin/],
    [{ bin: BIDV_BIN, account: '12 34' }, /account/],
    [{ bin: BIDV_BIN, account: '1', amount: 1.5 }, /amount/],
    [{ bin: BIDV_BIN, account: '1', purpose: 'x'.repeat(120) }, /over the 99/],
  ])('refuses %j with LT_VIETQR_INVALID', (request, detail) => {
    expect(() => buildVietQr(request)).toThrow(detail);
  });
});
