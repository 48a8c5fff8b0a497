/** Vietnam local time (UTC+7) and the partners' wire forms of an instant: the one place that knows the offset. */
export {
  DAY_MS,
  VN_OFFSET_MS,
  dayToIso,
  fromLocal,
  isCalendarDate,
  isoToDay,
  parseIsoDay,
  toLocal,
  weekday,
} from './vietnam';
export type { LocalPoint } from './vietnam';
export { fromLocalCompact, toIgateTime, toIsoUtc, toLocalCompact } from './formats';
