/** A summary ribbon: a row of big figures with their captions (a view's totals at a glance). */
import type { ComponentChildren } from 'preact';

export function Ribbon({ label = 'Summary', testId, children }: { label?: string; testId?: string; children: ComponentChildren }) {
  return (
    <div class="ribbon" role="group" aria-label={label} data-testid={testId}>
      {children}
    </div>
  );
}

/** One figure of a ribbon; `live` makes it the view's live region (a change is said, not only shown). */
export function Figure({
  value,
  caption,
  testId,
  live,
}: {
  value: ComponentChildren;
  caption: ComponentChildren;
  testId?: string;
  live?: boolean;
}) {
  return (
    <div {...(live ? { role: 'status', 'aria-live': 'polite' } : {})}>
      <span class="figure" data-testid={testId}>
        {value}
      </span>
      <span class="caption">{caption}</span>
    </div>
  );
}
