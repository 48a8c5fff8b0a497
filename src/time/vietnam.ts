/**
 * Wall-clock arithmetic in Asia/Ho_Chi_Minh. Vietnam has used UTC+7 without daylight saving since 1975, so a
 * fixed offset is exact for every instant a dossier can carry and avoids depending on the host's time zone or
 * ICU data. If Vietnam ever adopts DST, this folder is the one place to change.
 */
import { LtError } from '../errors/lt-error';

/** Vietnam's offset from UTC, in milliseconds. */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local position: `day` counts days since 1970-01-01 (local), `ms` is the time of day in milliseconds. */
export interface LocalPoint {
  day: number;
  ms: number;
}

/** Splits an instant into its Vietnamese local day and time of day. */
export function toLocal(at: Date): LocalPoint {
  const t = at.getTime();
  if (!Number.isFinite(t)) throw new LtError('LT_CALENDAR_BAD_DATE', 'validation', 'Invalid Date instant');
  const local = t + VN_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return { day, ms: local - day * DAY_MS };
}

/** The instant of a Vietnamese local day plus a time of day. */
export function fromLocal(day: number, ms: number): Date {
  return new Date(day * DAY_MS + ms - VN_OFFSET_MS);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Day number (days since 1970-01-01) of a year, month (1–12) and day of month, or undefined when that date
 * does not exist: 2025-02-30 is refused, not rolled over to March.
 */
export function calendarDay(year: number, month: number, day: number): number | undefined {
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const same =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return same ? date.getTime() / DAY_MS : undefined;
}

/** Whether year-month-day names a real date of the (proleptic) Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return calendarDay(year, month, day) !== undefined;
}

/** `YYYY-MM-DD` of a local day number. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Local day number of a `YYYY-MM-DD` string, or undefined when it is not a real calendar date. */
export function parseIsoDay(value: string): number | undefined {
  const m = ISO_DAY.exec(value);
  return m ? calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** Like {@link parseIsoDay} but refuses with `LT_CALENDAR_BAD_DATE`. */
export function isoToDay(value: string): number {
  const day = parseIsoDay(value);
  if (day === undefined) {
    throw new LtError('LT_CALENDAR_BAD_DATE', 'validation', `Not a YYYY-MM-DD calendar date: '${value}'`);
  }
  return day;
}
