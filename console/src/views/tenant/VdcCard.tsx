/** One VDC of the tenant, as Cloud Director's tenant portal shows it: its cloud and org, its VMs and their size. */
import { Card } from '../../components/Page';
import { formatCount, formatMb } from '../../format';
import { cloudKindLabel } from '../../labels';
import type { VdcRow } from './summary';

export function VdcCard({ vdc }: { vdc: VdcRow }) {
  return (
    <Card title={vdc.name} testId="vdc-card" aside={<span class="tenant-kind">{cloudKindLabel(vdc.cloudKind, 'tenant')}</span>}>
      <div data-vdc-id={vdc.id} class="tenant-vdc">
        <dl class="tenant-facts">
          <dt>Cloud</dt>
          <dd>{vdc.cloudName}</dd>
          <dt>Organization</dt>
          <dd>{vdc.org ?? <span class="muted">none (dedicated)</span>}</dd>
          <dt>VMs</dt>
          <dd>
            <span data-testid="vdc-vm-count">{formatCount(vdc.vmCount)}</span>,{' '}
            <span data-testid="vdc-running">{formatCount(vdc.runningCount)}</span> running
          </dd>
          <dt>vCPUs</dt>
          <dd>{formatCount(vdc.vcpuCount)}</dd>
          <dt>Memory</dt>
          <dd>{formatMb(vdc.memoryMb)}</dd>
        </dl>
        <p class="muted tenant-note">
          {vdc.org
            ? 'Allocated and used: pooled over the organization’s VDCs, on its line of the cumulative VDC.'
            : 'The whole cloud is yours: no allocation to meter.'}
        </p>
      </div>
    </Card>
  );
}
