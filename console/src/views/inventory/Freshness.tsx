/** How fresh the index is, per cloud: when it was last read in full, whether that last read failed, and why. */
import type { InventoryFreshnessQuery } from '../../../generated/gql/graphql';
import { formatAgo, formatCount, formatTime } from '../../format';
import { useNow } from '../../live';

type Freshness = InventoryFreshnessQuery['inventoryFreshness'][number];

export function FreshnessList({ clouds }: { clouds: readonly Freshness[] }) {
  const now = useNow(5000);
  return (
    <section class="freshness" aria-labelledby="freshness-title">
      <h2 id="freshness-title">Index freshness</h2>
      <ul aria-live="polite">
        {clouds.map((f) => (
          <li
            key={f.cloud.id}
            data-testid={`freshness-${f.cloud.id}`}
            data-synced={f.syncedAt ? 'true' : 'false'}
            data-stale={f.stale ? 'true' : 'false'}
          >
            <strong>{f.cloud.name ?? f.cloud.id}</strong>{' '}
            {f.syncedAt ? (
              <span title={formatTime(f.syncedAt)}>synced {formatAgo(f.syncedAt, now)}</span>
            ) : (
              <span class="muted">not synced yet</span>
            )}
            {' · '}
            {formatCount(f.vmCount)} VMs
            {f.stale ? (
              <>
                {' · '}
                <span class="stale">stale: last known state</span>
                {f.lastError ? <span class="freshness-error"> ({f.lastError})</span> : null}
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
