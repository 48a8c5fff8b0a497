import { LtError } from '../errors/lt-error';
import type { WorkCalendar } from './calendar';
import { addOfficeTime, workingDayFrom, workingMsBetween } from './counting';
import { DAY_MS, fromLocal, toLocal } from '../time';

/** A processing time as national procedure records state it (`THOIGIANGIAIQUYET` + `DONVITINH`). */
export interface Duration {
  /** ≥ 0; fractions allowed for the working units (0.5 day = 4 h), whole numbers for calendar days. */
  value: number;
  /** `working_days` = "Ngày làm việc" (1 day = one day of office time, 8 h); `calendar_days` = "Ngày". */
  unit: 'working_days' | 'calendar_days' | 'working_hours';
  /** Calendar days only: holidays (not weekends) do not count. @defaultValue false */
  skipHolidays?: boolean;
}

/** A supplement period: from the supplement request to the citizen's resubmission; open while `to` is absent. */
export interface Pause {
  from: Date;
  to?: Date;
}

const HOUR_MS = 3_600_000;
const UNITS = new Set(['working_days', 'calendar_days', 'working_hours']);

/**
 * The due date (`NgayHenTra`) of something received at `receivedAt`.
 *
 * Working units count office time from {@link startOfCounting}, outside pauses. The clock stops during each
 * pause, so a pause inside the counting window pushes the due date by exactly its office time; a pause that
 * begins after the due date changes nothing (the deadline was already missed). Calendar days count elapsed
 * 24 h steps (holidays skipped when asked), then add each pause's elapsed length; a result on a non-working day
 * moves to the end of the next working day (last period end, 17:00), as Civil Code 2015 Art. 148(5) does for a
 * period whose last day is a day off, which leaves the office a whole working day rather than its first minute.
 *
 * An open pause counts up to `now`: the returned date is where the deadline stands if the citizen resubmits
 * now, and it moves forward while the clock is stopped. Callers that show "clock stopped" test for the open pause.
 */
export function dueDate(
  cal: WorkCalendar,
  receivedAt: Date,
  duration: Duration,
  pauses: readonly Pause[] = [],
  now: Date = new Date(),
): Date {
  checkDuration(duration);
  const spans = normalisePauses(pauses, receivedAt, now);
  if (duration.unit === 'calendar_days') return calendarDue(cal, receivedAt, duration, spans);
  const perUnit = duration.unit === 'working_days' ? cal.msPerDay : HOUR_MS;
  let left = Math.round(duration.value * perUnit);
  let cursor = receivedAt;
  for (const s of spans) {
    const before = workingMsBetween(cal, cursor, s.from);
    if (left <= before) break;
    left -= before;
    cursor = s.to;
  }
  return addOfficeTime(cal, cursor, left);
}

function calendarDue(cal: WorkCalendar, receivedAt: Date, d: Duration, spans: Span[]): Date {
  let t = receivedAt.getTime();
  for (let n = d.value, steps = 0; n > 0; steps++) {
    if (steps > d.value + 3660)
      throw new LtError('LT_CALENDAR_NO_WORKING_DAY', 'permanent', 'Only holidays ahead');
    t += DAY_MS;
    if (!(d.skipHolidays && cal.isHolidayNumber(toLocal(new Date(t)).day))) n--;
  }
  for (const s of spans) if (s.from.getTime() < t) t += s.to.getTime() - s.from.getTime();
  const { day } = toLocal(new Date(t));
  if (cal.isWorkingDayNumber(day)) return new Date(t);
  return fromLocal(workingDayFrom(cal, day + 1), cal.periods[cal.periods.length - 1].end);
}

interface Span {
  from: Date;
  to: Date;
}

/** Pauses clipped to after receipt, open ones closed at `now`, sorted and merged so no time counts twice. */
function normalisePauses(pauses: readonly Pause[], receivedAt: Date, now: Date): Span[] {
  const spans = pauses.map((p, i) => {
    const from = Math.max(p.from.getTime(), receivedAt.getTime());
    const to = (p.to ?? now).getTime();
    if (!Number.isFinite(from) || !Number.isFinite(to) || (p.to && p.to < p.from)) {
      throw new LtError(
        'LT_CALENDAR_BAD_PAUSE',
        'validation',
        `pauses[${i}] is not a valid from ≤ to interval`,
      );
    }
    return { from, to };
  });
  const merged: Array<{ from: number; to: number }> = [];
  for (const s of spans.filter((x) => x.to > x.from).sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged.map((s) => ({ from: new Date(s.from), to: new Date(s.to) }));
}

function checkDuration(d: Duration): void {
  const whole = d.unit !== 'calendar_days' || Number.isInteger(d.value);
  if (!UNITS.has(d.unit) || !Number.isFinite(d.value) || d.value < 0 || !whole) {
    throw new LtError('LT_CALENDAR_BAD_DURATION', 'validation', `Unusable duration ${JSON.stringify(d)}`);
  }
}

/** Late: finished after the due date, or still open past it. No due date, never late. */
export function isOverdue(dueAt: Date | undefined, finishedAt: Date | undefined, now: Date): boolean {
  if (!dueAt) return false;
  return (finishedAt ?? now).getTime() > dueAt.getTime();
}

/** Whether a finished dossier met its due date; `undefined` while unfinished or without a due date. */
export function finishedOnTime(dueAt: Date | undefined, finishedAt: Date | undefined): boolean | undefined {
  if (!dueAt || !finishedAt) return undefined;
  return finishedAt.getTime() <= dueAt.getTime();
}
