import path from 'node:path';
import { MAPPINGS_DIR } from '../paths';
import { WorkCalendar } from './calendar';
import type { CalendarYear } from './calendar-file';

const cal = WorkCalendar.fromDirectory(path.join(MAPPINGS_DIR, 'calendar'));
const dates = (year: number) => cal.holidays(year).map((h) => h.date);

describe('WorkCalendar over mappings/calendar', () => {
  it('knows which years are decided', () => {
    expect([2025, 2026, 2027, 2028].map((y) => cal.isDecided(y))).toEqual([true, true, true, false]);
  });

  it('lists the 2025 law days and decided days, Tết Ất Tỵ 27/1–31/1 included', () => {
    expect(dates(2025)).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-09-01',
      '2025-09-02',
    ]);
    const gioTo = cal.holidays(2025).find((h) => h.date === '2025-04-07');
    expect(gioTo).toMatchObject({ source: 'law', name: expect.stringMatching(/Hùng Vương/) });
    expect(cal.holidays(2025).find((h) => h.date === '2025-05-02')?.source).toBe('decision');
  });

  it('2026: Tết Bính Ngọ 16/2–20/2, Giỗ Tổ on Sunday 26/4 with nghỉ bù on Monday 27/4', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27']) {
      expect([d, cal.isWorkingDay(d)]).toEqual([d, false]);
    }
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
    expect(dates(2026)).toEqual(
      expect.arrayContaining(['2026-04-26', '2026-04-27', '2026-09-01', '2026-09-02']),
    );
    expect(cal.holidays(2026).find((h) => h.date === '2026-04-26')?.source).toBe('law');
  });

  it('treats weekends as days off unless worked to pay back a swap', () => {
    expect(cal.isWorkingDay('2025-04-19')).toBe(false); // an ordinary Saturday
    expect(cal.isWorkingDay('2025-04-26')).toBe(true); // làm bù for Friday 2/5
    expect(cal.isWorkingDay('2025-05-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.isWorkingDay('2025-04-28')).toBe(true); // an ordinary Monday
  });

  it('completes an undecided Tết to eve + mùng 1–4 (2027)', () => {
    expect(dates(2027).filter((d) => d.startsWith('2027-02'))).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
    ]);
    expect(cal.isWorkingDay('2027-02-10')).toBe(true);
  });

  it('falls back to law defaults for a year without a file', () => {
    expect(cal.isWorkingDay('2028-01-01')).toBe(false);
    expect(cal.holidays(2028).length).toBe(10); // 7 law entries + mùng 2–4
  });

  it('refuses a malformed local date', () => {
    expect(() => cal.isWorkingDay('2025-02-30')).toThrow(
      expect.objectContaining({ code: 'LT_CALENDAR_BAD_DATE' }),
    );
  });
});

describe('WorkCalendar.fromYears', () => {
  const year = (y: number, extra: Partial<CalendarYear> = {}): CalendarYear => ({
    kind: 'calendar-year',
    year: y,
    source: 'test',
    ...extra,
  });

  it('lets a decided Tết replace the default completion', () => {
    const decided = WorkCalendar.fromYears([
      year(2027, { daysOff: [{ date: '2027-02-10', name: 'Tết (nghỉ bù)' }] }),
    ]);
    expect(decided.isWorkingDay('2027-02-09')).toBe(true); // mùng 4 no longer added by default
    expect(decided.isWorkingDay('2027-02-10')).toBe(false);
  });

  it('refuses a year given twice', () => {
    expect(() => WorkCalendar.fromYears([year(2030), year(2030)])).toThrow(/year 2030 given 2 times/);
  });

  it('validates office hours', () => {
    const hours = { periods: [{ start: '13:00', end: '12:00' }] };
    expect(() => WorkCalendar.fromYears([], { hours })).toThrow(
      expect.objectContaining({ code: 'LT_CALENDAR_BAD_HOURS' }),
    );
  });
});
