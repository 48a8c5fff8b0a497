import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import YAML from 'yaml';
import { LtError } from '../errors/lt-error';
import { parseIsoDay, weekday } from '../time';

/** One dated line of a year file. */
export interface CalendarEntry {
  /** Local date, `YYYY-MM-DD`, quoted in YAML. */
  date: string;
  name: string;
}

/** The content of `mappings/calendar/<year>.yaml`: what was decided for civil servants that year. */
export interface CalendarYear {
  kind: 'calendar-year';
  year: number;
  /** The decision or announcement recorded, or why the year is still on law defaults. */
  source: string;
  /** Days off beyond the law's fixed days: decided Tết days, the 2/9 adjacent day, nghỉ bù, swapped days. */
  daysOff?: CalendarEntry[];
  /** Weekend days worked to pay back a swapped day off (làm bù). */
  workingDays?: CalendarEntry[];
}

const TOP_KEYS = new Set(['kind', 'year', 'source', 'daysOff', 'workingDays']);
const ENTRY_KEYS = new Set(['date', 'name']);
const YEAR_FILE = /^(\d{4})\.yaml$/;

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every problem in one parsed year file, each as `<file>: <key path>: <reason>`; empty when valid. Pure, so the
 * loader and a `lienthong mappings validate` command report the same things.
 */
export function validateCalendarYear(doc: unknown, file: string): string[] {
  const problems: string[] = [];
  const say = (path: string, reason: string) => problems.push(`${file}: ${path}: ${reason}`);
  if (!isMap(doc)) return [`${file}: (root): must be a mapping with kind: calendar-year`];
  for (const key of Object.keys(doc)) if (!TOP_KEYS.has(key)) say(key, 'unknown key');
  if (doc.kind !== 'calendar-year') say('kind', `must be 'calendar-year', got ${JSON.stringify(doc.kind)}`);
  const year = doc.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2200) {
    say('year', `must be a four-digit integer, got ${JSON.stringify(year)}`);
  }
  const named = YEAR_FILE.exec(basename(file));
  if (named && typeof year === 'number' && Number(named[1]) !== year)
    say('year', `${year} in a file named for ${named[1]}`);
  if (typeof doc.source !== 'string' || doc.source.trim() === '') say('source', 'must be a non-empty string');
  const seen = new Map<string, string>();
  for (const list of ['daysOff', 'workingDays'] as const) {
    const entries = doc[list];
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) {
      say(list, 'must be a list of { date, name }');
      continue;
    }
    entries.forEach((entry: unknown, i) => {
      const at = `${list}[${i}]`;
      if (!isMap(entry)) return say(at, 'must be a mapping { date, name }');
      for (const key of Object.keys(entry)) if (!ENTRY_KEYS.has(key)) say(`${at}.${key}`, 'unknown key');
      if (typeof entry.name !== 'string' || entry.name.trim() === '')
        say(`${at}.name`, 'must be a non-empty string');
      const date = entry.date;
      const day = typeof date === 'string' ? parseIsoDay(date) : undefined;
      if (typeof date !== 'string' || day === undefined) {
        return say(`${at}.date`, `must be a real 'YYYY-MM-DD' date in quotes, got ${JSON.stringify(date)}`);
      }
      if (typeof year === 'number' && Number(date.slice(0, 4)) !== year)
        say(`${at}.date`, `${date} is not in ${year}`);
      const first = seen.get(date);
      if (first) say(`${at}.date`, `${date} duplicates ${first}`);
      else seen.set(date, at);
      const wd = weekday(day);
      if (list === 'workingDays' && wd !== 0 && wd !== 6)
        say(`${at}.date`, `${date} is not a Saturday or Sunday`);
    });
  }
  return problems;
}

/**
 * Reads every `<year>.yaml` of a directory. Other `.yaml`/`.yml` files are reported rather than skipped, so a
 * misnamed year cannot silently fall back to law defaults. A missing directory refuses with
 * `LT_CALENDAR_NOT_FOUND`; file problems are returned, not thrown.
 */
export function readCalendarDirectory(dir: string): { years: CalendarYear[]; problems: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    throw new LtError('LT_CALENDAR_NOT_FOUND', 'not_found', `Cannot read calendar directory ${dir}`, {
      cause: err,
      details: { dir },
    });
  }
  const years: CalendarYear[] = [];
  const problems: string[] = [];
  for (const name of names.filter((n) => /\.ya?ml$/.test(n))) {
    if (!YEAR_FILE.test(name)) {
      problems.push(`${name}: (file): calendar files must be named <year>.yaml`);
      continue;
    }
    const parsed = YAML.parseDocument(readFileSync(join(dir, name), 'utf8'));
    if (parsed.errors.length > 0) {
      problems.push(...parsed.errors.map((e) => `${name}: (yaml): ${e.message.split('\n')[0]}`));
      continue;
    }
    const doc: unknown = parsed.toJS();
    const found = validateCalendarYear(doc, name);
    if (found.length === 0) years.push(doc as CalendarYear);
    problems.push(...found);
  }
  if (years.length === 0 && problems.length === 0) problems.push(`${dir}: (directory): no <year>.yaml files`);
  return { years, problems };
}
