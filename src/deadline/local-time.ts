/**
 * Wall-clock arithmetic in Asia/Ho_Chi_Minh. Vietnam has used UTC+7 without daylight saving since 1975, so a
 * fixed offset is exact for every instant a dossier can carry and avoids depending on the host's time zone or
 * ICU data. If Vietnam ever adopts DST, this file is the one place to change.
 */
import { LtError } from '../errors/lt-error';

export const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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

/** `YYYY-MM-DD` of a local day number. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Local day number of a `YYYY-MM-DD` string, or undefined when it is not a real calendar date. */
export function parseIsoDay(value: string): number | undefined {
  const m = LOCAL_DATE.exec(value);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches it.
  return dayToIso(t / DAY_MS) === value ? t / DAY_MS : undefined;
}

/** Like {@link parseIsoDay} but refuses with `LT_CALENDAR_BAD_DATE`. */
export function isoToDay(value: string): number {
  const day = parseIsoDay(value);
  if (day === undefined) {
    throw new LtError('LT_CALENDAR_BAD_DATE', 'validation', `Not a YYYY-MM-DD calendar date: '${value}'`);
  }
  return day;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
