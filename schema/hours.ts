/**
 * Whole UTC hours and calendar months: how usage and billing periods are written on
 * every wire (`YYYY-MM-DDTHH:00:00Z`, months `YYYY-MM`), and the arithmetic on them.
 * Whole seconds, never milliseconds: FOCUS's date format (and its validator) refuses them.
 */

export const HOUR_MS = 3_600_000;

/** The most hours one usage read may cover: a 31-day month. */
export const MAX_USAGE_WINDOW_HOURS = 744;

const HOUR_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/;
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM-DDTHH:mm:ssZ`, UTC, whole seconds. */
export function isoSeconds(at: Date | number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The start of the hour holding `at`. */
export function hourStart(at: Date | number): Date {
  const ms = new Date(at).getTime();
  return new Date(ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS));
}

/** A whole UTC hour as written on the wire; undefined when `text` is not exactly one. */
export function parseHour(text: string): Date | undefined {
  if (!HOUR_PATTERN.test(text)) return undefined;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) || isoSeconds(at) !== text ? undefined : at;
}

/** `YYYY-MM` of the month holding `at` (UTC). */
export function monthOf(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 7);
}

/** The first instant of a `YYYY-MM` month; undefined when `month` is not one. */
export function parseMonth(month: string): Date | undefined {
  const match = MONTH_PATTERN.exec(month);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : undefined;
}

/** The first instant of the month after the one holding `at`. */
export function nextMonthStart(at: Date | number): Date {
  const d = new Date(at);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** The first instant of the month holding `at`. */
export function monthStartOf(at: Date | number): Date {
  const d = new Date(at);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

/** Hours in the month holding `at`: 672 to 744. */
export function hoursInMonth(at: Date | number): number {
  return (nextMonthStart(at).getTime() - monthStartOf(at).getTime()) / HOUR_MS;
}

export interface HourRange {
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** The calendar months a range covers, each cut to the range, in order. */
export function monthSegments(range: HourRange): HourRange[] {
  const segments: HourRange[] = [];
  for (let start = range.start; start < range.end;) {
    const end = new Date(Math.min(nextMonthStart(start).getTime(), range.end.getTime()));
    segments.push({ start, end });
    start = end;
  }
  return segments;
}

/** Whole hours in a range. */
export function hoursIn(range: HourRange): number {
  return Math.round((range.end.getTime() - range.start.getTime()) / HOUR_MS);
}

/**
 * A period of whole hours as clients and the gateway send it, checked: both ends whole
 * UTC hours, end after start, at most `maxHours` long. The message names what is wrong.
 */
export function parseHourRange(start: string, end: string, maxHours = Infinity): HourRange | { error: string } {
  const from = parseHour(start);
  const to = parseHour(end);
  if (!from) return { error: `start must be a whole UTC hour, YYYY-MM-DDTHH:00:00Z (got "${start}")` };
  if (!to) return { error: `end must be a whole UTC hour, YYYY-MM-DDTHH:00:00Z (got "${end}")` };
  if (to <= from) return { error: 'end must be after start' };
  const hours = hoursIn({ start: from, end: to });
  if (hours > maxHours) return { error: `the period is ${hours} hours; at most ${maxHours} are allowed` };
  return { start: from, end: to };
}
