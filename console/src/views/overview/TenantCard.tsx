/** A tenant's cumulative VDC: every VDC it has in every cloud, as one, with limits against use. */
import { Fragment } from 'preact';
import { Meter } from '../../components/Meter';
import { Card } from '../../components/Page';
import { formatCount, formatMb, formatMhz } from '../../format';
import type { OverviewTenantsQuery } from '../../../generated/gql/graphql';

export type TenantData = OverviewTenantsQuery['tenants'][number];

export function TenantCard({ tenant }: { tenant: TenantData }) {
  const c = tenant.cumulativeVdc;
  const figures: Array<[string, string, number]> = [
    ['VDCs', 'vdcs', c.vdcCount],
    ['VMs', 'vms', c.vmCount],
    ['Powered on', 'powered-on', c.poweredOnVmCount],
    ['vCPUs', 'vcpus', c.vcpuCount],
  ];
  return (
    <Card title={tenant.name} testId={`tenant-${tenant.id}`} aside={<code class="muted">{tenant.id}</code>}>
      <dl>
        {figures.map(([label, key, value]) => (
          <Fragment key={key}>
            <dt>{label}</dt>
            <dd data-testid={`tenant-${tenant.id}-${key}`}>{formatCount(value)}</dd>
          </Fragment>
        ))}
        <dt>Memory</dt>
        <dd data-testid={`tenant-${tenant.id}-memory`}>{formatMb(c.memoryMb)}</dd>
      </dl>
      <Meter label="CPU used" used={c.cpuUsedMhz} limit={c.cpuLimitMhz} format={formatMhz} />
      <Meter label="Memory used" used={c.memoryUsedMb} limit={c.memoryLimitMb} format={formatMb} />
      <Meter label="Storage used" used={c.storageUsedMb} limit={c.storageLimitMb} format={formatMb} />
      {c.cpuLimitMhz === null ? <p class="muted">No VDC of this tenant reports limits (dedicated clouds report none).</p> : null}
    </Card>
  );
}
