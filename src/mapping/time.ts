/**
 * Wire time formats. Vietnam has used UTC+7 without daylight saving since 1975, so local time is a fixed
 * offset: no time-zone database is needed, and none can be wrong.
 */
const VN_OFFSET_MS = 7 * 3600 * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh (the national portal's format, spec §1.2); "" for no time. */
export function toLocalCompact(iso: string | undefined | null): string {
  if (iso === undefined || iso === null || iso === '') return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
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

/** ISO UTC of a `yyyyMMddHHmmss` local time; undefined when it is empty or not a real time. */
export function fromLocalCompact(s: string | undefined | null): string | undefined {
  if (typeof s !== 'string' || !/^\d{14}$/.test(s)) return undefined;
  const [y, mo, d, h, mi, se] = [0, 4, 6, 8, 10, 12].map((i, k) => Number(s.slice(i, k === 0 ? 4 : i + 2)));
  const t = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(t);
  // Date.UTC rolls 31 February over into March: refuse instead of shifting a date silently.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59)
    return undefined;
  return new Date(t - VN_OFFSET_MS).toISOString();
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
