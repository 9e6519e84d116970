/**
 * The five VMs that used the most CPU in the latest metered hour. Metering collects
 * whole hours some minutes after they end, so the latest one is searched for in the
 * last couple of hours, and over the last day only when those have none (records come
 * in hour order: the last page holds it). Nothing metered in that day is said as such,
 * not shown as an empty table.
 */
import type { CombinedError } from '@urql/core';
import { useClient } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { Problems } from '../../components/Problems';
import { Loading } from '../../components/Progress';
import { formatCount, formatMhz, isoSeconds } from '../../format';
import { href } from '../../router';
import type { BusiestUsageQuery } from '../../../generated/gql/graphql';
import { BusiestUsageDocument } from './documents';

type UsageRecord = BusiestUsageQuery['usageRecords']['records'][number];

const HOUR_MS = 3_600_000;
/** Where the latest metered hour is looked for first: it is usually the last or the one before. */
const RECENT_HOURS = 2;
/** How far back it is looked for when the recent hours have nothing. */
export const LOOKBACK_HOURS = 24;
/** Pages of 1000 records at most (a day of a few thousand VMs). */
const MAX_PAGES = 50;
/** Metering adds hours every few minutes: re-read now and then. */
const REREAD_MS = 5 * 60_000;

interface Busiest {
  hour: string | undefined;
  top: UsageRecord[];
  error?: CombinedError;
}

export function BusiestVms() {
  const client = useClient();
  const [state, setState] = useState<Busiest | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    /** The records of the latest hour within the last `hours` (undefined once the view is gone). */
    const latestIn = async (hours: number): Promise<{ latest: UsageRecord[]; error?: CombinedError } | undefined> => {
      const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
      const period = { start: isoSeconds(end - hours * HOUR_MS), end: isoSeconds(end) };
      let latest: UsageRecord[] = [];
      let after: string | null | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await client.query(BusiestUsageDocument, { period, after }).toPromise();
        if (cancelled) return undefined;
        // Keep only the latest hour seen so far (records are in hour order).
        for (const record of res.data?.usageRecords.records ?? []) {
          if (latest[0] && record.hour > latest[0].hour) latest = [];
          latest.push(record);
        }
        if (res.error) return { latest, error: res.error };
        if (!res.data?.usageRecords.hasNextPage) break;
        after = res.data.usageRecords.endCursor;
      }
      // MAX_PAGES reached with more to read: rank what was read rather than wait forever.
      return { latest };
    };
    const read = async () => {
      let found = await latestIn(RECENT_HOURS);
      if (found && !found.error && found.latest.length === 0) found = await latestIn(LOOKBACK_HOURS);
      if (!found) return;
      const top = found.latest
        .filter((r) => r.cpuUsedMhz !== null && r.cpuUsedMhz !== undefined)
        .sort((a, b) => (b.cpuUsedMhz ?? 0) - (a.cpuUsedMhz ?? 0))
        .slice(0, 5);
      setState({ hour: found.latest[0]?.hour, top, ...(found.error ? { error: found.error } : {}) });
    };
    void read();
    const timer = setInterval(() => void read(), REREAD_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client]);

  if (!state) return <Loading what="metered usage" />;
  const { hour, top, error } = state;
  const until = hour ? isoSeconds(new Date(hour).getTime() + HOUR_MS) : undefined;
  return (
    <div data-testid="busiest">
      <Problems error={error} what="Metered usage could not be read" />
      {!hour ? (
        <p class="notice" data-testid="busiest-none">
          Nothing metered yet: no hour of the last {LOOKBACK_HOURS} has been collected, so there is no CPU use to rank.
        </p>
      ) : top.length === 0 ? (
        <p class="notice" data-testid="busiest-no-cpu">
          The latest metered hour ({hour.slice(11, 16)}–{until?.slice(11, 16)} UTC) has no CPU figures: no VM ran, or its cloud does not
          measure CPU.
        </p>
      ) : (
        <div class="table-wrap">
          <table class="overview-table">
            <caption>
              Top {top.length} by CPU used,{' '}
              <span data-testid="busiest-hour" data-hour={hour}>
                {hour.slice(0, 10)} {hour.slice(11, 16)}
              </span>
              –{until?.slice(11, 16)} UTC (the latest metered hour)
            </caption>
            <thead>
              <tr>
                <th scope="col">VM</th>
                <th scope="col">Cloud</th>
                <th scope="col">Tenant</th>
                <th scope="col" class="number">
                  vCPUs
                </th>
                <th scope="col" class="number">
                  CPU used
                </th>
              </tr>
            </thead>
            <tbody>
              {top.map((r) => (
                <tr key={r.vmId} data-testid="busiest-row" data-vm={r.vmId}>
                  <th scope="row">
                    <a href={href(['vms', r.vmId])}>{r.vmName}</a>
                  </th>
                  <td>{r.cloudId}</td>
                  <td>{r.tenantId ?? <span class="muted">unmapped</span>}</td>
                  <td class="number">{formatCount(r.vcpuMax)}</td>
                  <td class="number">{formatMhz(r.cpuUsedMhz ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
