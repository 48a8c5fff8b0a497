/** Working-day calendar and deadlines (due dates) in Vietnamese local time. */
export { WorkCalendar } from './calendar';
export type { WorkCalendarOptions } from './calendar';
export { readCalendarDirectory, validateCalendarYear } from './calendar-file';
export type { CalendarEntry, CalendarYear } from './calendar-file';
export { addOfficeTime, startOfCounting, workingMsBetween } from './counting';
export { dueDate, finishedOnTime, isOverdue } from './due';
export type { Duration, Pause } from './due';
export type { Holiday } from './law-holidays';
export { DEFAULT_OFFICE_HOURS, parseOfficeHours } from './office-hours';
export type { OfficeHours, OfficePeriod } from './office-hours';
