/** A task's or a load's progress, for eyes and screen readers alike. */
export function Progress({ label, value, detail }: { label: string; value?: number; detail?: string }) {
  const known = value !== undefined;
  return (
    <div class="progress" data-testid="progress">
      <div
        class={known ? 'bar' : 'bar indeterminate'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(known ? { 'aria-valuenow': value } : {})}
      >
        <span style={known ? { width: `${value}%` } : undefined} />
      </div>
      <span class="progress-text">
        {label}
        {known ? ` ${value} %` : ''}
        {detail ? ` · ${detail}` : ''}
      </span>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}
