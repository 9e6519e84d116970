/**
 * Used against allocated (or allocated against capacity): a bar and the figures in
 * words, so the share is never told by colour alone. No limit: the figure alone.
 */
import { formatShare } from '../format';

export function Meter({
  label,
  used,
  limit,
  format,
  unlimited,
}: {
  label: string;
  used: number | null | undefined;
  limit: number | null | undefined;
  format: (n: number) => string;
  unlimited?: boolean;
}) {
  const hasLimit = !unlimited && limit !== null && limit !== undefined && limit > 0;
  const share = hasLimit && used !== null && used !== undefined ? Math.min(100, (used / limit) * 100) : undefined;
  const text =
    used === null || used === undefined
      ? `not reported${hasLimit ? ` of ${format(limit)}` : ''}`
      : hasLimit
        ? `${format(used)} of ${format(limit)} (${formatShare(used, limit)})`
        : `${format(used)}${unlimited ? ' (no limit)' : ''}`;
  return (
    <div class="meter">
      <div class="meter-label">
        <span>{label}</span>
        <span class="meter-text">{text}</span>
      </div>
      {share !== undefined ? (
        <div
          class={share >= 90 ? 'meter-bar high' : 'meter-bar'}
          role="meter"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(share)}
          aria-valuetext={text}
        >
          <span style={{ width: `${share}%` }} />
        </div>
      ) : null}
    </div>
  );
}
