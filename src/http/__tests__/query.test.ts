import type { Request } from 'express';
import { QueryReader } from '../validation/query';

const reader = (query: Record<string, unknown>, allowed = Object.keys(query)) =>
  new QueryReader({ query } as unknown as Request, allowed);

describe('QueryReader.instant', () => {
  it.each([
    ['2025-07-01', 'from', '2025-06-30T17:00:00.000Z'],
    ['2025-07-01', 'to', '2025-07-01T16:59:59.999Z'],
    ['2024-02-29', 'from', '2024-02-28T17:00:00.000Z'],
    ['2025-07-01T00:00:00Z', 'from', '2025-07-01T00:00:00.000Z'],
    ['2025-07-01T00:00:00.5z', 'from', '2025-07-01T00:00:00.500Z'],
    ['2025-07-01T06:30:00-05:00', 'to', '2025-07-01T11:30:00.000Z'],
    ['2025-12-31T23:59:59+07:00', 'to', '2025-12-31T16:59:59.000Z'],
  ] as const)('reads %s as a %s bound: %s', (value, bound, expected) => {
    expect(reader({ t: value }).instant('t', bound)).toBe(expected);
  });

  it.each([
    ['2025-02-29'],
    ['2025-02-30T00:00:00Z'],
    ['2025-13-01'],
    ['2025-07-01T24:00:00Z'],
    ['2025-07-01T10:00:00'],
    ['2025-07-01 10:00:00Z'],
    ['01/07/2025'],
    ['1719792000'],
    [''],
  ])('refuses %j naming the parameter', (value) => {
    expect(() => reader({ receivedFrom: value }).instant('receivedFrom', 'from')).toThrow(
      expect.objectContaining({ code: 'LT_HTTP_INVALID_QUERY', details: { parameter: 'receivedFrom' } }),
    );
  });

  it('is undefined when absent', () => {
    expect(reader({}, ['t']).instant('t', 'from')).toBeUndefined();
  });
});

describe('QueryReader', () => {
  it('refuses unknown and repeated parameters', () => {
    expect(() => reader({ x: '1' }, ['y'])).toThrow(/'x' is not supported/);
    expect(() => reader({ y: ['1', '2'] }, ['y'])).toThrow(/'y' must be given once/);
  });

  it('reads bounded integers with a default', () => {
    expect(reader({}, ['limit']).integer('limit', 1, 500, 50)).toBe(50);
    expect(reader({ limit: '1' }).integer('limit', 1, 500, 50)).toBe(1);
    for (const bad of ['0', '501', '-1', '1e2', '10.0', ' 5']) {
      expect(() => reader({ limit: bad }).integer('limit', 1, 500, 50)).toThrow(/integer from 1 to 500/);
    }
  });

  it('bounds string length', () => {
    expect(reader({ code: 'a'.repeat(128) }).string('code')).toHaveLength(128);
    expect(() => reader({ code: 'a'.repeat(129) }).string('code')).toThrow(/1 to 128 characters/);
    expect(() => reader({ code: '' }).string('code')).toThrow(/1 to 128 characters/);
  });
});
