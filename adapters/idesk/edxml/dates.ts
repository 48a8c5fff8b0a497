/**
 * edXML dates (`yyyy/MM/dd`, the EdXML102 jar's DateUtils) and times (`yyyy/MM/dd HH:mm:ss`, Vietnam local
 * time) to and from the model's ISO day and ISO UTC instant.
 */
import { dayToIso, fromLocal, parseIsoDay, toLocal } from '../../../src/time';
import { EdxmlErrors, edxmlError } from './errors';

const DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const TIME = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function badDate(element: string, value: string, form: string): Error {
  return edxmlError(EdxmlErrors.badDate, `${element} '${value.slice(0, 40)}' is not a ${form}`, {
    element,
  });
}

/** `2015/09/30` → `2015-09-30`; empty or absent → undefined; anything else (31 February too) refused. */
export function readDate(value: string | undefined, element: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const m = DATE.exec(value);
  const day = m ? parseIsoDay(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
  if (day === undefined) throw badDate(element, value, 'yyyy/MM/dd date');
  return dayToIso(day);
}

/** `2018/09/28 17:25:11` (Vietnam) → `2018-09-28T10:25:11.000Z`; empty or absent → undefined. */
export function readTime(value: string | undefined, element: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const m = TIME.exec(value);
  const day = m ? parseIsoDay(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
  const [h, mi, s] = m ? [Number(m[4]), Number(m[5]), Number(m[6])] : [0, 0, 0];
  if (day === undefined || h > 23 || mi > 59 || s > 59) {
    throw badDate(element, value, 'yyyy/MM/dd HH:mm:ss time');
  }
  return fromLocal(day, ((h * 60 + mi) * 60 + s) * 1000).toISOString();
}

/** `YYYY-MM-DD` (or a Date, taken as its Vietnamese day) → `yyyy/MM/dd`. */
export function writeDate(value: string | Date, element: string): string {
  const iso = typeof value === 'string' ? value : dayToIso(toLocal(value).day);
  if (parseIsoDay(iso) === undefined) throw badDate(element, String(value), 'YYYY-MM-DD date');
  return iso.replace(/-/g, '/');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant (or a Date) → `yyyy/MM/dd HH:mm:ss` in Vietnam time; seconds are truncated. */
export function writeTime(value: string | Date, element: string): string {
  const at = typeof value === 'string' ? new Date(value) : value;
  if (!Number.isFinite(at.getTime())) throw badDate(element, String(value), 'ISO instant');
  const { day, ms } = toLocal(at);
  const sec = Math.floor(ms / 1000);
  const clock = `${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}`;
  return `${dayToIso(day).replace(/-/g, '/')} ${clock}`;
}
