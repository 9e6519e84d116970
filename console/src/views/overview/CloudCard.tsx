/**
 * One cloud: its kind, its nodes' health (live), a plain "cloud unreachable" state
 * when a node is DEGRADED/DOWN or cannot reach the cloud's API, its VMs by power
 * state, and for a multi-tenant cloud the provider's capacity against what is allocated.
 */
import { Fragment } from 'preact';
import { Meter } from '../../components/Meter';
import { Card } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { formatCount, formatMb, formatMhz } from '../../format';
import { cloudKindLabel, nodeKindLabel, POWER_STATES } from '../../labels';
import type { OverviewCloudsQuery, OverviewNodesQuery } from '../../../generated/gql/graphql';

export type CloudData = OverviewCloudsQuery['clouds'][number];
export type NodeData = OverviewNodesQuery['nodes'][number];

export interface CloudView {
  id: string;
  cloud: CloudData | undefined;
  /** Name and kind from an earlier read, for a cloud the API now leaves out. */
  lastKnown?: Pick<CloudData, 'name' | 'kind'> | undefined;
  nodes: NodeData[];
  /** Messages of the API's errors naming this cloud. */
  errors: string[];
}

/** Why the cloud counts as down, in words; undefined when it is up. */
export function downReason({ cloud, nodes, errors }: CloudView): string | undefined {
  const down = nodes.find((n) => n.status === 'DOWN');
  if (down) return `its ${nodeKindLabel(down.kind)} does not answer health checks`;
  const unreachable = nodes.find((n) => n.status === 'DEGRADED' || n.cloudReachable === false);
  if (unreachable) return `its ${nodeKindLabel(unreachable.kind)} cannot reach the cloud's API`;
  if (!cloud && nodes.length > 0) return 'its cloud-node is unavailable';
  if (cloud && cloud.vdcs === null && errors.length > 0) return "the cloud's API did not answer";
  return undefined;
}

/** The cloud an API error names (CLOUD_UNAVAILABLE and friends carry `extensions.cloudId`). */
export const cloudOfError = (error: { extensions?: Record<string, unknown> }): string | undefined =>
  typeof error.extensions?.cloudId === 'string' ? error.extensions.cloudId : undefined;

/** VMs by power state; undefined when the cloud gave no VDCs (down). */
export function powerCounts(cloud: CloudData | undefined): Record<(typeof POWER_STATES)[number], number> | undefined {
  if (!cloud?.vdcs) return undefined;
  const counts = { POWERED_ON: 0, POWERED_OFF: 0, SUSPENDED: 0 };
  for (const vdc of cloud.vdcs) for (const vm of vdc.vms ?? []) if (vm.powerState) counts[vm.powerState] += 1;
  return counts;
}

export function CloudCard({ view }: { view: CloudView }) {
  const { id, cloud, nodes } = view;
  const name = cloud?.name ?? view.lastKnown?.name ?? id;
  const kind = cloud?.kind ?? view.lastKnown?.kind;
  const reason = downReason(view);
  const counts = powerCounts(cloud);
  const total = counts ? counts.POWERED_ON + counts.POWERED_OFF + counts.SUSPENDED : undefined;
  const provider = cloud?.provider;
  return (
    <Card
      title={name}
      testId={`cloud-${id}`}
      aside={
        <span data-testid={`cloud-${id}-state`} data-state={reason ? 'down' : 'up'}>
          <StatusBadge status={reason ? 'DOWN' : 'UP'} label={reason ? 'cloud unreachable' : 'reachable'} />
        </span>
      }
    >
      <p class="muted cloud-kind">
        <code>{id}</code> · {kind ? cloudKindLabel(kind, 'operator') : 'kind unknown while unavailable'}
        {cloud?.tenant ? ` · owned by ${cloud.tenant.name}` : ''}
      </p>
      {reason ? (
        <p class="cloud-down" data-testid={`cloud-${id}-down`}>
          Down: {reason}. Figures below are what the API still gave.
        </p>
      ) : null}
      <ul class="node-health" aria-label={`Nodes of ${name}`}>
        {nodes.map((node) => (
          <li key={node.id} data-testid={`node-health-${node.id}`}>
            <span>{nodeKindLabel(node.kind)}</span> <StatusBadge status={node.status} />
            {node.cloudReachable === false ? <span class="stale"> cloud API not answering</span> : null}
          </li>
        ))}
      </ul>
      {counts && total !== undefined ? (
        <dl class="vm-counts">
          <dt>VMs</dt>
          <dd data-testid={`cloud-${id}-vms`}>{formatCount(total)}</dd>
          {POWER_STATES.map((state) => (
            <Fragment key={state}>
              <dt>
                <StatusBadge status={state} />
              </dt>
              <dd data-testid={`cloud-${id}-vms-${state}`}>{formatCount(counts[state])}</dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        <p class="muted" data-testid={`cloud-${id}-vms-unknown`}>
          VM counts unavailable: the cloud did not answer.
        </p>
      )}
      {provider ? (
        <div class="provider" data-testid={`cloud-${id}-provider`}>
          <p class="provider-counts">
            <span data-testid={`cloud-${id}-orgs`}>{formatCount(provider.orgCount)}</span> organizations ·{' '}
            <span data-testid={`cloud-${id}-org-vdcs`}>{formatCount(provider.vdcCount)}</span> org VDCs
          </p>
          <Meter label="CPU allocated" used={provider.cpuAllocatedMhz} limit={provider.cpuCapacityMhz} format={formatMhz} />
          <Meter label="Memory allocated" used={provider.memoryAllocatedMb} limit={provider.memoryCapacityMb} format={formatMb} />
          <Meter label="Storage allocated" used={provider.storageAllocatedMb} limit={provider.storageCapacityMb} format={formatMb} />
        </div>
      ) : kind === 'DIRECTOR' ? (
        <p class="muted">Provider capacity unavailable: the cloud's sp-node did not answer.</p>
      ) : null}
    </Card>
  );
}
