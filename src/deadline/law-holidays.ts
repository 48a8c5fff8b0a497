import Holidays from 'date-holidays';
import { isoToDay } from '../time';

/** A day off that is not a weekend: fixed by the Labour Code (`law`) or decided for that year (`decision`). */
export interface Holiday {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  name: string;
  source: 'law' | 'decision';
}

/** The law's days of one year, by local day number, and where the lunar new year falls. */
export interface LawYear {
  days: Map<number, string>;
  /** Local day number of mùng 1 tháng Giêng, when date-holidays knows it. */
  tetDay1?: number;
}

/** date-holidays' rule for mùng 1 tháng Giêng; its eve is a separate `public` entry. */
const TET_DAY_1_RULE = 'vietnamese 1-0-1';

// Building a Holidays instance parses the whole rule set; the rules never change at run time, so share one.
let shared: Holidays | undefined;

/**
 * date-holidays' VN set, reduced to its `public` rules. The full set also computes a dozen lunar observances
 * (Vu Lan, Trung thu, Phật đản…) that no deadline uses, and that made the first look at a year cost ~400 ms
 * of blocked event loop; the public rules alone cost ~20 ms.
 */
function publicRules(): Holidays {
  const holidays = new Holidays('VN');
  // The typings omit both: rules carry `type`, and `setHoliday(rule, false)` disables a rule (library README).
  const disable = holidays.setHoliday.bind(holidays) as unknown as (rule: string, off: false) => boolean;
  for (const r of holidays.getRules() as unknown as Array<{ rule: string; type: string }>) {
    if (r.type !== 'public') disable(r.rule, false);
  }
  return holidays;
}

/**
 * Labour Code 2019 Art. 112(1) days as date-holidays knows them: its `public` entries for VN are 1/1, Tết eve,
 * Tết day 1, Giỗ Tổ (10/3 lunar), 30/4, 1/5 and 2/9. Only each entry's own date is taken: date-holidays
 * also stretches the eve entry over five days, but how Tết is completed is this module's decision
 * ({@link defaultTetDays}), not the library's.
 */
export function lawHolidays(year: number): LawYear {
  shared ??= publicRules();
  const law: LawYear = { days: new Map() };
  for (const h of shared.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const day = isoToDay(h.date.slice(0, 10));
    law.days.set(day, h.name);
    if (h.rule === TET_DAY_1_RULE) law.tetDay1 = day;
  }
  return law;
}

/**
 * The law gives Tết 5 days but lets the Prime Minister place them each year (Art. 112(3)). Until a year file
 * decides, we take the eve and mùng 1–4: the eve and mùng 1 come from date-holidays, this adds mùng 2–4. It
 * does not move days that fall on a weekend (the yearly decision does that), so an undecided year can count
 * fewer days off than the real one.
 */
export function defaultTetDays(tetDay1: number): Array<[day: number, name: string]> {
  return [1, 2, 3].map((i) => [tetDay1 + i, `Tết Nguyên Đán (mùng ${i + 1}, mặc định theo luật)`]);
}

/**
 * A year file decides Tết when it lists any day off this close to mùng 1: every decision so far places the
 * five days between the 26th of the last lunar month and mùng 6, well inside this window.
 */
const TET_WINDOW_DAYS = { before: 7, after: 10 } as const;

export function decidesTet(tetDay1: number, daysOff: Iterable<number>): boolean {
  for (const day of daysOff) {
    if (day >= tetDay1 - TET_WINDOW_DAYS.before && day <= tetDay1 + TET_WINDOW_DAYS.after) return true;
  }
  return false;
}
