/** The billing month, kept in the route (`?month=YYYY-MM`), so a month's view can be linked and reloaded. */
import { monthOf, nextMonth, previousMonth } from '../../format';
import { href, navigate } from '../../router';
import { monthName } from './fields';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The route's month when it is one, else the previous calendar month (UTC): the last one that can be invoiced. */
export function routeMonth(query: URLSearchParams, now = new Date()): string {
  const asked = query.get('month');
  return asked && MONTH.test(asked) ? asked : previousMonth(monthOf(now));
}

export function MonthPicker({ month }: { month: string }) {
  const current = monthOf(new Date());
  const go = (to: string) => navigate(href(['billing'], { month: to }));
  return (
    <div class="month-picker">
      <button
        type="button"
        class="secondary"
        onClick={() => go(previousMonth(month))}
        aria-label={`Previous month, ${monthName(previousMonth(month))}`}
      >
        ‹
      </button>
      <label for="billing-month">Month</label>
      <input
        id="billing-month"
        type="month"
        value={month}
        max={current}
        required
        onChange={(e) => {
          const value = (e.target as HTMLInputElement).value;
          if (MONTH.test(value)) go(value);
        }}
      />
      <button
        type="button"
        class="secondary"
        disabled={month >= current}
        onClick={() => go(nextMonth(month))}
        aria-label={`Next month, ${monthName(nextMonth(month))}`}
      >
        ›
      </button>
    </div>
  );
}
