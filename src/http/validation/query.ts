import type { Request } from 'express';
import { DAY_MS, fromLocal, isCalendarDate, parseIsoDay } from '../../time';
import { invalidQuery } from '../http-errors';

/**
 * Reads query parameters strictly: unknown names and repeated names are refused, so a typo
 * (`?statuss=`) is an error rather than a silently unfiltered list.
 */
export class QueryReader {
  private readonly values = new Map<string, string>();

  constructor(req: Request, allowed: readonly string[]) {
    const query = req.query as Record<string, unknown>;
    for (const [name, value] of Object.entries(query)) {
      if (!allowed.includes(name))
        throw invalidQuery(name, `is not supported (allowed: ${allowed.join(', ')})`);
      if (typeof value !== 'string') throw invalidQuery(name, 'must be given once, as a plain value');
      this.values.set(name, value);
    }
  }

  string(name: string, maxLength = 128): string | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    if (value === '' || value.length > maxLength)
      throw invalidQuery(name, `must be 1 to ${maxLength} characters`);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalidQuery(name, `must be one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const value = this.values.get(name);
    if (value === undefined) return fallback;
    if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
      throw invalidQuery(name, `must be an integer from ${min} to ${max}`);
    }
    return Number(value);
  }

  /**
   * An RFC 3339 date-time (with Z or an offset), or a plain date meaning that whole day in Vietnam
   * time: the start of the day for a lower bound, its last millisecond for an upper bound. Returned in
   * UTC ISO form, as the store keeps times.
   */
  instant(name: string, bound: 'from' | 'to'): string | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    const ms = readInstant(value, bound);
    if (ms === undefined) {
      throw invalidQuery(name, 'must be a date (YYYY-MM-DD) or an RFC 3339 date-time with offset');
    }
    return new Date(ms).toISOString();
  }
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/i;

/** Epoch milliseconds of a date or date-time, or undefined; dates and times that do not exist are refused. */
function readInstant(value: string, bound: 'from' | 'to'): number | undefined {
  const day = parseIsoDay(value);
  if (day !== undefined) return fromLocal(day, bound === 'from' ? 0 : DAY_MS - 1).getTime();
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  // Date.parse rolls 2025-02-30 and 24:00 over to the next day; refuse them instead.
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Refuses a range whose lower bound is after its upper bound. */
export function assertRange(fromName: string, from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from > to)
    throw invalidQuery(fromName, 'is after the end of its range');
}

/** Drops absent filters, so services see only the ones actually given. */
export function compact<T extends object>(filter: T): T {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as T;
}
