import { LtError } from '../errors/lt-error';

/** One stretch of office time in a working day, local Vietnamese time, `HH:mm`, end exclusive. */
export interface OfficePeriod {
  start: string;
  end: string;
}

/** The office time of every working day. Periods are sorted and do not overlap (see {@link parseOfficeHours}). */
export interface OfficeHours {
  readonly periods: readonly OfficePeriod[];
}

/**
 * The civil-service day used by TD `CaculateTime` and most one-stop offices: 07:00–11:30 and 13:30–17:00,
 * 8 hours, so "1 working day" equals 8 hours of office time.
 * @defaultValue morning 07:00–11:30, afternoon 13:30–17:00
 */
export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({
  periods: Object.freeze([
    Object.freeze({ start: '07:00', end: '11:30' }),
    Object.freeze({ start: '13:30', end: '17:00' }),
  ]),
});

/** A period as milliseconds since local midnight, the form the counting code works in. */
export interface PeriodMs {
  start: number;
  end: number;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function toMs(value: unknown, path: string): number {
  const m = typeof value === 'string' ? HH_MM.exec(value) : null;
  if (!m) throw bad(`${path} must be 'HH:mm' (00:00–23:59), got ${JSON.stringify(value)}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

function bad(detail: string): LtError {
  return new LtError('LT_CALENDAR_BAD_HOURS', 'validation', `Office hours: ${detail}`);
}

/**
 * Validates untrusted office hours (from configuration): at least one period, each `HH:mm` with start before
 * end, sorted and non-overlapping. Refuses with `LT_CALENDAR_BAD_HOURS` naming the offending period.
 */
export function parseOfficeHours(input: unknown): OfficeHours {
  const periods = (input as { periods?: unknown } | null)?.periods;
  if (!Array.isArray(periods) || periods.length === 0) throw bad('periods must be a non-empty list');
  let previousEnd = -1;
  const out: OfficePeriod[] = periods.map((p: unknown, i) => {
    const { start, end, ...rest } = (p ?? {}) as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) throw bad(`periods[${i}] has unknown key '${extra[0]}'`);
    const s = toMs(start, `periods[${i}].start`);
    const e = toMs(end, `periods[${i}].end`);
    if (s >= e) throw bad(`periods[${i}] starts at or after its end`);
    if (s < previousEnd) throw bad(`periods[${i}] overlaps or precedes periods[${i - 1}]`);
    previousEnd = e;
    return { start: start as string, end: end as string };
  });
  return { periods: out };
}

/** Periods in milliseconds since local midnight (input assumed valid: run {@link parseOfficeHours} first). */
export function periodsMs(hours: OfficeHours): PeriodMs[] {
  return hours.periods.map((p, i) => ({
    start: toMs(p.start, `periods[${i}].start`),
    end: toMs(p.end, `periods[${i}].end`),
  }));
}
