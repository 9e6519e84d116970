/**
 * The cumulative VDC: every VDC of the tenant in every cloud as one, allocated against
 * used where the clouds report it (an org's virtual VDC does; a dedicated cloud has no
 * allocation), then one line per part (cloud).
 */
import { Meter } from '../../components/Meter';
import { Card } from '../../components/Page';
import { formatCount, formatMb, formatMhz } from '../../format';
import { cloudKindLabel } from '../../labels';
import type { TenantData } from './summary';

type Cumulative = TenantData['cumulativeVdc'];
type Figures = Pick<Cumulative, 'cpuLimitMhz' | 'cpuUsedMhz' | 'memoryLimitMb' | 'memoryUsedMb' | 'storageLimitMb' | 'storageUsedMb'>;
interface Unlimited {
  cpu: boolean;
  memory: boolean;
  storage: boolean;
}

function Meters({ figures, unlimited, of }: { figures: Figures; unlimited: Unlimited; of: string }) {
  if (figures.cpuLimitMhz === null && figures.cpuUsedMhz === null && figures.storageLimitMb === null)
    return <p class="muted tenant-note">No allocation: {of} reports what its VMs have, not a limit.</p>;
  return (
    <div class="tenant-meters">
      <Meter label="CPU" used={figures.cpuUsedMhz} limit={figures.cpuLimitMhz} format={formatMhz} unlimited={unlimited.cpu} />
      <Meter label="Memory" used={figures.memoryUsedMb} limit={figures.memoryLimitMb} format={formatMb} unlimited={unlimited.memory} />
      <Meter label="Storage" used={figures.storageUsedMb} limit={figures.storageLimitMb} format={formatMb} unlimited={unlimited.storage} />
      {limitsOfTheRest(figures, unlimited)}
    </div>
  );
}

/** A VDC without a limit makes the whole unlimited; the others' limits are still worth knowing. */
function limitsOfTheRest(figures: Figures, unlimited: Unlimited) {
  const rest = [
    unlimited.cpu && figures.cpuLimitMhz ? `${formatMhz(figures.cpuLimitMhz)} CPU` : undefined,
    unlimited.memory && figures.memoryLimitMb ? `${formatMb(figures.memoryLimitMb)} memory` : undefined,
    unlimited.storage && figures.storageLimitMb ? `${formatMb(figures.storageLimitMb)} storage` : undefined,
  ].filter(Boolean);
  return rest.length ? <p class="muted tenant-note">Some VDCs have no limit; the others are limited to {rest.join(', ')}.</p> : null;
}

const vmLine = (f: { vcpuCount: number; memoryMb: number }) => `${formatCount(f.vcpuCount)} vCPUs · ${formatMb(f.memoryMb)} memory`;

export function CumulativeCard({ tenant }: { tenant: TenantData }) {
  const cumulative = tenant.cumulativeVdc;
  const unlimitedIn = (cloudId: string): Unlimited => {
    const v = tenant.orgs.find((o) => o.cloud?.id === cloudId)?.virtualVdc;
    return { cpu: v?.cpuUnlimited ?? false, memory: v?.memoryUnlimited ?? false, storage: v?.storageUnlimited ?? false };
  };
  const parts = cumulative.parts;
  // The whole is unlimited where any of its parts is.
  const unlimited = parts.reduce<Unlimited>(
    (all, part) => {
      const u = unlimitedIn(part.cloud.id);
      return { cpu: all.cpu || u.cpu, memory: all.memory || u.memory, storage: all.storage || u.storage };
    },
    { cpu: false, memory: false, storage: false },
  );
  return (
    <Card
      title="Cumulative VDC"
      testId="cumulative-vdc"
      aside={<span class="muted">{parts.length === 1 ? '1 cloud' : `${formatCount(parts.length)} clouds`}</span>}
    >
      <dl class="tenant-facts">
        <dt>VDCs</dt>
        <dd data-testid="cumulative-vdc-count">{formatCount(cumulative.vdcCount)}</dd>
        <dt>VMs</dt>
        <dd data-testid="cumulative-vm-count">{formatCount(cumulative.vmCount)}</dd>
        <dt>Powered on</dt>
        <dd data-testid="cumulative-powered-on">{formatCount(cumulative.poweredOnVmCount)}</dd>
        <dt>Size</dt>
        <dd>{vmLine(cumulative)}</dd>
      </dl>
      <Meters figures={cumulative} unlimited={unlimited} of="no cloud" />
      <ul class="tenant-parts">
        {parts.map((part) => (
          <li key={part.cloud.id} data-testid="cumulative-part" data-cloud-id={part.cloud.id}>
            <h4>
              {part.cloud.name ?? part.cloud.id}{' '}
              <span class="muted">
                · {part.source === 'ORG' ? 'your organization in a' : 'dedicated'} {cloudKindLabel(part.cloud.kind, 'tenant')}
              </span>
            </h4>
            <p class="tenant-part-line">
              {formatCount(part.vdcCount)} VDCs · <span data-testid="part-vm-count">{formatCount(part.vmCount)}</span> VMs,{' '}
              <span data-testid="part-powered-on">{formatCount(part.poweredOnVmCount)}</span> on · {vmLine(part)}
            </p>
            <Meters figures={part} unlimited={unlimitedIn(part.cloud.id)} of="this cloud" />
          </li>
        ))}
      </ul>
    </Card>
  );
}
