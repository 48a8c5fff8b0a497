/** The partners' wire forms of an instant, to and from the canonical ISO UTC (`…Z`). */
import { VN_OFFSET_MS, calendarDay, fromLocal } from './vietnam';

/**
 * Earliest year a `yyyyMMddHHmmss` time may name: `00010101000000` is a null C# DateTime formatted, a bug,
 * not a date (and `Date.UTC` would read years 0–99 as 1900–1999).
 */
const MIN_COMPACT_YEAR = 1900;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh (the national portal's format, spec §1.2); "" for no time or an
 * unparseable one. The year is not range-checked here: {@link fromLocalCompact} says whether the result is valid.
 */
export function toLocalCompact(at: string | Date | undefined | null): string {
  if (at === undefined || at === null) return '';
  // Not instanceof: a Date from another realm (a jest sandbox, a worker) is a Date all the same.
  const isDate = Object.prototype.toString.call(at) === '[object Date]';
  const t = isDate ? (at as Date).getTime() : Date.parse(at as string);
  if (!Number.isFinite(t)) return '';
  const d = new Date(t + VN_OFFSET_MS);
  return (
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1) +
    pad(d.getUTCDate()) +
    pad(d.getUTCHours()) +
    pad(d.getUTCMinutes()) +
    pad(d.getUTCSeconds())
  );
}

/**
 * ISO UTC of a `yyyyMMddHHmmss` Vietnam local time, e.g. `20250701090000` → `2025-07-01T02:00:00.000Z`;
 * undefined unless it is 14 digits naming a real date and time from 1900 on (31 February is refused, not
 * rolled over into March).
 */
export function fromLocalCompact(s: unknown): string | undefined {
  const m = typeof s === 'string' ? COMPACT.exec(s) : null;
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1).map(Number);
  const day = calendarDay(y, mo, d);
  if (day === undefined || y < MIN_COMPACT_YEAR || h > 23 || mi > 59 || sec > 59) return undefined;
  return fromLocal(day, ((h * 60 + mi) * 60 + sec) * 1000).toISOString();
}

/**
 * ISO UTC (`…Z`) of a partner's ISO time such as iGate's `2022-09-21T02:15:00.000+0000` (the `+0000`
 * form, without a colon, is valid ISO 8601 but not what the canonical model stores).
 */
export function toIsoUtc(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const t = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** iGate's wire form of a UTC instant: milliseconds and a `+0000` offset. */
export function toIgateTime(iso: string | undefined | null): string | undefined {
  if (typeof iso !== 'string' || iso === '') return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().replace('Z', '+0000');
}
