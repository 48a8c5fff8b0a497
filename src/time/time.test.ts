import {
  DAY_MS,
  VN_OFFSET_MS,
  dayToIso,
  fromLocal,
  fromLocalCompact,
  isCalendarDate,
  isoToDay,
  parseIsoDay,
  toLocal,
  toLocalCompact,
  weekday,
} from '.';

describe('Vietnam local days', () => {
  it('is UTC+7: 17:00 UTC is already the next local day', () => {
    expect(VN_OFFSET_MS).toBe(7 * 3_600_000);
    expect(toLocal(new Date('2025-06-30T16:59:59.999Z'))).toEqual({ day: 20269, ms: DAY_MS - 1 });
    expect(toLocal(new Date('2025-06-30T17:00:00.000Z'))).toEqual({ day: 20270, ms: 0 });
    expect(dayToIso(20270)).toBe('2025-07-01');
    expect(fromLocal(20270, 9 * 3_600_000).toISOString()).toBe('2025-07-01T02:00:00.000Z');
    expect(weekday(20270)).toBe(2); // a Tuesday
  });

  it('parses real calendar dates only, refusing rather than rolling over', () => {
    expect(parseIsoDay('2025-07-01')).toBe(20270);
    expect(parseIsoDay('2024-02-29')).toBe(isoToDay('2024-03-01') - 1);
    for (const bad of ['2025-02-29', '2025-02-30', '2025-13-01', '2025-04-31', '2025-00-10', '2025-7-1', ''])
      expect(parseIsoDay(bad)).toBeUndefined();
    expect(() => isoToDay('2025-02-30')).toThrow(expect.objectContaining({ code: 'LT_CALENDAR_BAD_DATE' }));
    expect(() => toLocal(new Date(NaN))).toThrow(expect.objectContaining({ code: 'LT_CALENDAR_BAD_DATE' }));
  });

  it('does not read years 0–99 as 1900–1999', () => {
    expect(dayToIso(parseIsoDay('0050-03-01')!)).toBe('0050-03-01');
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(0, 2, 29)).toBe(true); // 0 is a leap year, 1900 is not
  });
});

describe('yyyyMMddHHmmss', () => {
  it('writes an ISO string or a Date in Vietnam time, and reads it back', () => {
    expect(toLocalCompact('2025-07-01T02:00:00Z')).toBe('20250701090000');
    expect(toLocalCompact(new Date('2025-12-31T17:30:05.999Z'))).toBe('20260101003005');
    expect(toLocalCompact(new Date(NaN))).toBe('');
    expect(toLocalCompact(null)).toBe('');
    expect(fromLocalCompact('20250701090000')).toBe('2025-07-01T02:00:00.000Z');
    expect(fromLocalCompact('19000101070000')).toBe('1900-01-01T00:00:00.000Z');
  });

  it('refuses years before 1900, impossible dates and times, and non-strings', () => {
    expect(fromLocalCompact('00010101000000')).toBeUndefined();
    expect(fromLocalCompact('18991231235959')).toBeUndefined();
    expect(fromLocalCompact('20250431090000')).toBeUndefined();
    expect(fromLocalCompact('20250701240000')).toBeUndefined();
    expect(fromLocalCompact('2025070109000a')).toBeUndefined();
    expect(fromLocalCompact(20250701090000)).toBeUndefined();
    expect(fromLocalCompact(undefined)).toBeUndefined();
  });
});
