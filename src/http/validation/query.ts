import type { Request } from 'express';
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
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const text = dateOnly ? `${value}T${bound === 'from' ? '00:00:00.000' : '23:59:59.999'}+07:00` : value;
    const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i.test(text);
    const ms = valid ? Date.parse(text) : NaN;
    if (Number.isNaN(ms) || !sameCalendarDate(text, ms)) {
      throw invalidQuery(name, 'must be a date (YYYY-MM-DD) or an RFC 3339 date-time with offset');
    }
    return new Date(ms).toISOString();
  }
}

/** Date.parse rolls 2025-02-30 over to March; refuse dates that do not exist. */
function sameCalendarDate(text: string, ms: number): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const offset = /(Z|[+-]\d{2}:\d{2})$/i.exec(text)![1];
  const shift =
    offset.toUpperCase() === 'Z'
      ? 0
      : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(ms + shift * 60_000);
  return local.getUTCFullYear() === y && local.getUTCMonth() + 1 === m && local.getUTCDate() === d;
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
