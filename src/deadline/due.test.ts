import path from 'node:path';
import { MAPPINGS_DIR } from '../paths';
import { WorkCalendar } from './calendar';
import { addOfficeTime, workingMsBetween } from './counting';
import { dueDate, finishedOnTime, isOverdue } from './due';
import type { Duration } from './due';

const cal = WorkCalendar.fromDirectory(path.join(MAPPINGS_DIR, 'calendar'));
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const days = (value: number): Duration => ({ value, unit: 'working_days' });

describe('dueDate in working days', () => {
  it('3 working days from Monday 09:00 is Thursday 09:00', () => {
    expect(dueDate(cal, vn('2025-06-02 09:00'), days(3))).toEqual(vn('2025-06-05 09:00'));
  });

  it('1 working day from Friday 16:00 is Monday 16:00', () => {
    expect(dueDate(cal, vn('2025-06-06 16:00'), days(1))).toEqual(vn('2025-06-09 16:00'));
  });

  it('ends at 17:00 the same day, not the next morning', () => {
    expect(dueDate(cal, vn('2025-06-02 07:00'), days(1))).toEqual(vn('2025-06-02 17:00'));
  });

  it('starts the next working morning when received after hours', () => {
    expect(dueDate(cal, vn('2025-06-02 18:30'), days(1))).toEqual(vn('2025-06-03 17:00'));
  });

  it('jumps over Tết Bính Ngọ (14/2–22/2/2026)', () => {
    // Friday 13/2: 5 h; Monday 23/2: 8 h; Tuesday 24/2: the remaining 3 h from 07:00.
    expect(dueDate(cal, vn('2026-02-13 10:00'), days(2))).toEqual(vn('2026-02-24 10:00'));
  });

  it('counts working hours and half days', () => {
    expect(dueDate(cal, vn('2025-06-02 10:00'), { value: 4, unit: 'working_hours' })).toEqual(
      vn('2025-06-02 16:00'),
    );
    expect(dueDate(cal, vn('2025-06-02 07:00'), days(0.5))).toEqual(vn('2025-06-02 11:00'));
  });

  it('uses the configured office hours for the length of a day', () => {
    const short = WorkCalendar.fromYears([], { hours: { periods: [{ start: '08:00', end: '12:00' }] } });
    expect(dueDate(short, vn('2025-06-02 10:00'), days(1))).toEqual(vn('2025-06-03 10:00'));
  });
});

describe('dueDate in calendar days', () => {
  it('adds 24 h per day and moves a result on a day off to the next working day 17:00', () => {
    const cd: Duration = { value: 3, unit: 'calendar_days' };
    expect(dueDate(cal, vn('2025-06-02 10:00'), cd)).toEqual(vn('2025-06-05 10:00'));
    expect(dueDate(cal, vn('2025-06-04 10:00'), cd)).toEqual(vn('2025-06-09 17:00'));
  });

  it('skips holidays, not weekends, only when asked', () => {
    const received = vn('2026-04-29 10:00'); // 30/4 and 1/5 are holidays, 2–3/5 a weekend
    expect(dueDate(cal, received, { value: 7, unit: 'calendar_days' })).toEqual(vn('2026-05-06 10:00'));
    expect(dueDate(cal, received, { value: 7, unit: 'calendar_days', skipHolidays: true })).toEqual(
      vn('2026-05-08 10:00'),
    );
  });

  it('extends by the elapsed time of a pause', () => {
    const pause = { from: vn('2025-06-03 10:00'), to: vn('2025-06-03 22:00') };
    expect(dueDate(cal, vn('2025-06-02 10:00'), { value: 3, unit: 'calendar_days' }, [pause])).toEqual(
      vn('2025-06-05 22:00'),
    );
  });
});

describe('supplement pauses', () => {
  const received = vn('2025-06-02 09:00');
  const base = dueDate(cal, received, days(3)); // Thursday 09:00

  it('extend the due date by exactly the paused office time', () => {
    const pause = { from: vn('2025-06-03 10:00'), to: vn('2025-06-03 15:00') };
    const paused = workingMsBetween(cal, pause.from, pause.to);
    expect(paused).toBe(3 * 3_600_000);
    const due = dueDate(cal, received, days(3), [pause]);
    expect(due).toEqual(addOfficeTime(cal, base, paused));
    expect(due).toEqual(vn('2025-06-05 14:00'));
  });

  it('count overlapping pauses once and ignore a pause after the due date', () => {
    const pauses = [
      { from: vn('2025-06-03 10:00'), to: vn('2025-06-03 14:00') },
      { from: vn('2025-06-03 13:30'), to: vn('2025-06-03 15:00') },
      { from: vn('2025-06-06 08:00'), to: vn('2025-06-06 10:00') },
    ];
    expect(dueDate(cal, received, days(3), pauses)).toEqual(vn('2025-06-05 14:00'));
  });

  it('count an open pause up to now', () => {
    const open = [{ from: vn('2025-06-03 10:00') }];
    expect(dueDate(cal, received, days(3), open, vn('2025-06-03 15:00'))).toEqual(vn('2025-06-05 14:00'));
  });

  it('refuse a pause that ends before it starts', () => {
    const bad = [{ from: vn('2025-06-03 10:00'), to: vn('2025-06-03 09:00') }];
    expect(() => dueDate(cal, received, days(3), bad)).toThrow(
      expect.objectContaining({ code: 'LT_CALENDAR_BAD_PAUSE' }),
    );
  });
});

describe('duration checks and lateness', () => {
  it.each([
    [{ value: -1, unit: 'working_days' }],
    [{ value: 1.5, unit: 'calendar_days' }],
    [{ value: Number.NaN, unit: 'working_hours' }],
    [{ value: 1, unit: 'weeks' }],
  ])('refuses %j', (d) => {
    expect(() => dueDate(cal, vn('2025-06-02 09:00'), d as Duration)).toThrow(
      expect.objectContaining({ code: 'LT_CALENDAR_BAD_DURATION' }),
    );
  });

  it('isOverdue and finishedOnTime', () => {
    const due = vn('2025-06-05 09:00');
    expect(isOverdue(due, undefined, vn('2025-06-05 09:00'))).toBe(false);
    expect(isOverdue(due, undefined, vn('2025-06-05 09:01'))).toBe(true);
    expect(isOverdue(due, vn('2025-06-04 09:00'), vn('2025-06-09 09:00'))).toBe(false);
    expect(isOverdue(undefined, undefined, vn('2030-01-01 00:00'))).toBe(false);
    expect(finishedOnTime(due, vn('2025-06-05 09:00'))).toBe(true);
    expect(finishedOnTime(due, vn('2025-06-05 10:00'))).toBe(false);
    expect(finishedOnTime(due, undefined)).toBeUndefined();
  });
});
