import { LtError } from '../errors/lt-error';
import type { WorkCalendar } from './calendar';
import { DAY_MS, fromLocal, toLocal } from '../time';

/** Ten years without a working day means a broken calendar, not a long holiday: stop instead of looping. */
const MAX_SCAN_DAYS = 3660;

/** @internal The first working day on or after a local day number. */
export function workingDayFrom(cal: WorkCalendar, day: number): number {
  for (let i = 0; i < MAX_SCAN_DAYS; i++) if (cal.isWorkingDayNumber(day + i)) return day + i;
  throw new LtError('LT_CALENDAR_NO_WORKING_DAY', 'permanent', `No working day within ${MAX_SCAN_DAYS} days`);
}

/**
 * When the clock starts for something received at `at` (TD `CaculateTime` rule): inside office hours, at once;
 * before a period on a working day (early morning, lunch break), at that period's start; after the last period
 * or on a non-working day, at the first period of the next working day.
 */
export function startOfCounting(cal: WorkCalendar, at: Date): Date {
  const { day, ms } = toLocal(at);
  if (cal.isWorkingDayNumber(day)) {
    for (const p of cal.periods) {
      if (ms < p.start) return fromLocal(day, p.start);
      if (ms < p.end) return new Date(at.getTime());
    }
  }
  return fromLocal(workingDayFrom(cal, day + 1), cal.periods[0].start);
}

/**
 * The instant `officeMs` of office time after `from`. A count that ends exactly at a period's end returns that
 * end (17:00), not the next period's start: the office is still open at the last instant of the period.
 */
export function addOfficeTime(cal: WorkCalendar, from: Date, officeMs: number): Date {
  if (!Number.isFinite(officeMs) || officeMs < 0) {
    throw new LtError(
      'LT_CALENDAR_BAD_DURATION',
      'validation',
      `Office time must be ≥ 0 ms, got ${officeMs}`,
    );
  }
  let { day, ms: t } = toLocal(startOfCounting(cal, from));
  let left = Math.round(officeMs);
  for (;;) {
    for (const p of cal.periods) {
      if (p.end <= t) continue;
      const begin = Math.max(t, p.start);
      if (left <= p.end - begin) return fromLocal(day, begin + left);
      left -= p.end - begin;
    }
    day = workingDayFrom(cal, day + 1);
    t = 0;
  }
}

/** Office time, in milliseconds, between two instants (0 when `to` is not after `from`). */
export function workingMsBetween(cal: WorkCalendar, from: Date, to: Date): number {
  if (!(to.getTime() > from.getTime())) return 0;
  const a = toLocal(from);
  const b = toLocal(to);
  let total = 0;
  for (let day = a.day; day <= b.day; day++) {
    if (!cal.isWorkingDayNumber(day)) continue;
    const lo = day === a.day ? a.ms : 0;
    const hi = day === b.day ? b.ms : DAY_MS;
    for (const p of cal.periods) total += Math.max(0, Math.min(hi, p.end) - Math.max(lo, p.start));
  }
  return total;
}
