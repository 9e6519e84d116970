/** How numbers, sizes, money and times read on screen: one place, so every view says them alike. */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export const formatCount = (n: number): string => integer.format(n);

/** MHz as GHz from 1000 up. */
export const formatMhz = (mhz: number): string => (mhz >= 1000 ? `${decimal.format(mhz / 1000)} GHz` : `${integer.format(mhz)} MHz`);

/** MB as GB/TB (binary, as the clouds count them). */
export function formatMb(mb: number): string {
  if (mb >= 1024 * 1024) return `${decimal.format(mb / 1024 / 1024)} TB`;
  if (mb >= 1024) return `${decimal.format(mb / 1024)} GB`;
  return `${integer.format(mb)} MB`;
}

export const formatMoney = (amount: number, currency: string): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);

/** A percentage of `part` in `whole`, whole numbers; '—' without a whole. */
export const formatShare = (part: number, whole: number): string => (whole > 0 ? `${integer.format((part / whole) * 100)} %` : '—');

/** A timestamp in the reader's locale and zone, to the second. */
export const formatTime = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString('en-GB') : '—');

/** How long ago, coarse: "12 s ago", "3 min ago", "2 h ago". */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** The calendar month (UTC) `YYYY-MM` of a date. */
export const monthOf = (date: Date): string => date.toISOString().slice(0, 7);

/** An instant as the API takes periods: ISO 8601 UTC, whole seconds (`2026-11-01T00:00:00Z`). */
export const isoSeconds = (at: Date | number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `YYYY-MM` → the period [first instant, first instant of the next month) in whole-second UTC. */
export function monthPeriod(month: string): { start: string; end: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return { start: isoSeconds(new Date(Date.UTC(year, mon - 1, 1))), end: isoSeconds(new Date(Date.UTC(year, mon, 1))) };
}

/** The month before `month`. */
export function previousMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return monthOf(new Date(Date.UTC(year, mon - 2, 1)));
}

/** The month after `month`. */
export function nextMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return monthOf(new Date(Date.UTC(year, mon, 1)));
}

/** Bytes in binary units, as the clouds count them: "512 B", "3.2 MiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? integer.format(value) : decimal.format(value)} ${units[unit]}`;
}

/** A transfer rate: "1.5 MiB/s". */
export const formatRate = (bytesPerSec: number): string => `${formatBytes(bytesPerSec)}/s`;
