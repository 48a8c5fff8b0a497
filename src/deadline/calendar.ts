import { LtError } from '../errors/lt-error';
import { readCalendarDirectory, validateCalendarYear } from './calendar-file';
import type { CalendarYear } from './calendar-file';
import { decidesTet, defaultTetDays, lawHolidays } from './law-holidays';
import type { Holiday } from './law-holidays';
import { DAY_MS, dayToIso, isoToDay, weekday } from '../time';
import { DEFAULT_OFFICE_HOURS, parseOfficeHours, periodsMs } from './office-hours';
import type { OfficeHours, PeriodMs } from './office-hours';

/** Options shared by both constructors. */
export interface WorkCalendarOptions {
  /** @defaultValue {@link DEFAULT_OFFICE_HOURS} */
  hours?: OfficeHours;
}

interface YearDays {
  off: Map<number, Holiday>;
  working: Set<number>;
}

/**
 * Which local days are working days for Vietnamese civil servants, and the office hours inside them.
 *
 * A day is a working day unless it is a Saturday or Sunday, a law holiday (Labour Code Art. 112) or a day off
 * decided for that year; a weekend day listed in the year's `workingDays` is worked. Years without a file fall
 * back to law defaults, so deadlines that run into next year still compute; {@link WorkCalendar.isDecided}
 * tells a caller whether to trust them.
 */
export class WorkCalendar {
  /** The validated office hours. */
  readonly hours: OfficeHours;
  /** Office periods in milliseconds since local midnight, sorted. */
  readonly periods: readonly PeriodMs[];
  /** Office time in one working day: 8 h with the default hours. */
  readonly msPerDay: number;
  private readonly decided = new Map<number, CalendarYear>();
  private readonly cache = new Map<number, YearDays>();

  private constructor(years: CalendarYear[], options: WorkCalendarOptions) {
    this.hours = parseOfficeHours(options.hours ?? DEFAULT_OFFICE_HOURS);
    this.periods = periodsMs(this.hours);
    this.msPerDay = this.periods.reduce((sum, p) => sum + p.end - p.start, 0);
    for (const y of years) this.decided.set(y.year, y);
    // Built now, at start-up, rather than inside the first request that counts a deadline in those years.
    for (const y of years) this.year(y.year);
  }

  /** Loads every `<year>.yaml` of a directory; any problem refuses with `LT_CALENDAR_INVALID`. */
  static fromDirectory(dir: string, options: WorkCalendarOptions = {}): WorkCalendar {
    const { years, problems } = readCalendarDirectory(dir);
    if (problems.length > 0) throw invalid(problems, { dir });
    return new WorkCalendar(years, options);
  }

  /** Builds a calendar from year documents already in memory, validated like files. */
  static fromYears(years: CalendarYear[], options: WorkCalendarOptions = {}): WorkCalendar {
    const problems = years.flatMap((y, i) => validateCalendarYear(y, `years[${i}]`));
    const counts = new Map<unknown, number>();
    for (const y of years) counts.set(y.year, (counts.get(y.year) ?? 0) + 1);
    for (const [year, n] of counts) if (n > 1) problems.push(`years: year ${String(year)} given ${n} times`);
    if (problems.length > 0) throw invalid(problems, {});
    return new WorkCalendar(years, options);
  }

  /** Whether a year file records that year's decisions (otherwise only law defaults apply). */
  isDecided(year: number): boolean {
    return this.decided.has(year);
  }

  /** `localDate` is a Vietnamese local date `YYYY-MM-DD`. */
  isWorkingDay(localDate: string): boolean {
    return this.isWorkingDayNumber(isoToDay(localDate));
  }

  /** A law or decided day off that is not merely a weekend (what `skipHolidays` skips). */
  isHoliday(localDate: string): boolean {
    return this.isHolidayNumber(isoToDay(localDate));
  }

  /** Every non-weekend day off of a year, sorted; law days win when a file repeats them. */
  holidays(year: number): Holiday[] {
    const { off, working } = this.year(year);
    return [...off.entries()]
      .filter(([day]) => !working.has(day))
      .sort(([a], [b]) => a - b)
      .map(([, h]) => ({ ...h }));
  }

  /** @internal Same as {@link isWorkingDay} on a local day number, for the counting code. */
  isWorkingDayNumber(day: number): boolean {
    const { off, working } = this.year(yearOf(day));
    if (working.has(day)) return true;
    const wd = weekday(day);
    return wd !== 0 && wd !== 6 && !off.has(day);
  }

  /** @internal */
  isHolidayNumber(day: number): boolean {
    const { off, working } = this.year(yearOf(day));
    return off.has(day) && !working.has(day);
  }

  private year(year: number): YearDays {
    let days = this.cache.get(year);
    if (!days) {
      days = this.build(year);
      this.cache.set(year, days);
    }
    return days;
  }

  private build(year: number): YearDays {
    const law = lawHolidays(year);
    const file = this.decided.get(year);
    const off = new Map<number, Holiday>();
    const add = (day: number, name: string, source: Holiday['source']) => {
      if (!off.has(day)) off.set(day, { date: dayToIso(day), name, source });
    };
    for (const [day, name] of law.days) add(day, name, 'law');
    const decidedOff = (file?.daysOff ?? []).map((e) => [isoToDay(e.date), e.name] as const);
    for (const [day, name] of decidedOff) add(day, name, 'decision');
    if (
      law.tetDay1 !== undefined &&
      !decidesTet(
        law.tetDay1,
        decidedOff.map(([d]) => d),
      )
    ) {
      for (const [day, name] of defaultTetDays(law.tetDay1)) add(day, name, 'law');
    }
    const working = new Set((file?.workingDays ?? []).map((e) => isoToDay(e.date)));
    return { off, working };
  }
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function invalid(problems: string[], details: Record<string, unknown>): LtError {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new LtError('LT_CALENDAR_INVALID', 'validation', `Invalid calendar: ${problems[0]}${more}`, {
    details: { ...details, problems },
  });
}
