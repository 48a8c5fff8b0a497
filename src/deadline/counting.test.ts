import path from 'node:path';
import { MAPPINGS_DIR } from '../paths';
import { WorkCalendar } from './calendar';
import { addOfficeTime, startOfCounting, workingMsBetween } from './counting';

const cal = WorkCalendar.fromDirectory(path.join(MAPPINGS_DIR, 'calendar'));
/** An instant written in Vietnamese local time. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const HOUR = 3_600_000;

describe('startOfCounting', () => {
  it.each([
    ['inside office hours: at once', '2025-06-02 09:00', '2025-06-02 09:00'],
    ['before 07:00: at 07:00', '2025-06-02 06:15', '2025-06-02 07:00'],
    ['lunch break: at 13:30', '2025-06-02 12:00', '2025-06-02 13:30'],
    ['11:30 sharp is already lunch', '2025-06-02 11:30', '2025-06-02 13:30'],
    ['17:00 sharp: next working morning', '2025-06-02 17:00', '2025-06-03 07:00'],
    ['Friday evening: Monday morning', '2025-06-06 18:00', '2025-06-09 07:00'],
    ['Saturday: Monday morning', '2025-06-07 10:00', '2025-06-09 07:00'],
    ['swapped working Saturday counts', '2025-04-26 10:00', '2025-04-26 10:00'],
    ['before Tết Bính Ngọ: after it', '2026-02-13 17:30', '2026-02-23 07:00'],
  ])('%s', (_case, at, expected) => {
    expect(startOfCounting(cal, vn(at))).toEqual(vn(expected));
  });

  it('does not depend on the host time zone (instants are compared, not local strings)', () => {
    expect(startOfCounting(cal, new Date('2025-06-02T10:00:00Z')).toISOString()).toBe(
      '2025-06-03T00:00:00.000Z',
    );
  });
});

describe('workingMsBetween', () => {
  it('counts only office time', () => {
    expect(workingMsBetween(cal, vn('2025-06-02 09:00'), vn('2025-06-02 14:00'))).toBe(3 * HOUR);
    expect(workingMsBetween(cal, vn('2025-06-06 16:00'), vn('2025-06-09 08:00'))).toBe(2 * HOUR);
    expect(workingMsBetween(cal, vn('2025-06-02 00:00'), vn('2025-06-09 00:00'))).toBe(40 * HOUR);
  });

  it('is 0 for an empty or reversed interval', () => {
    expect(workingMsBetween(cal, vn('2025-06-02 14:00'), vn('2025-06-02 09:00'))).toBe(0);
    expect(workingMsBetween(cal, vn('2025-06-07 09:00'), vn('2025-06-08 17:00'))).toBe(0);
  });
});

describe('addOfficeTime', () => {
  it('stops at a period end instead of rolling to the next period', () => {
    expect(addOfficeTime(cal, vn('2025-06-02 07:00'), 8 * HOUR)).toEqual(vn('2025-06-02 17:00'));
    expect(addOfficeTime(cal, vn('2025-06-02 07:00'), 4.5 * HOUR)).toEqual(vn('2025-06-02 11:30'));
  });

  it('refuses negative office time', () => {
    expect(() => addOfficeTime(cal, vn('2025-06-02 07:00'), -1)).toThrow(
      expect.objectContaining({ code: 'LT_CALENDAR_BAD_DURATION' }),
    );
  });
});
