/** A node's or cloud's health in words and colour (never colour alone). */
const LABELS: Record<string, string> = {
  UP: 'up',
  DEGRADED: 'degraded',
  DOWN: 'down',
  UNKNOWN: 'unknown',
  POWERED_ON: 'powered on',
  POWERED_OFF: 'powered off',
  SUSPENDED: 'suspended',
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span class={`badge badge-${status.toLowerCase()}`} data-status={status}>
      {label ?? LABELS[status] ?? status.toLowerCase()}
    </span>
  );
}
