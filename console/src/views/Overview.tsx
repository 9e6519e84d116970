/**
 * The operator's overview: every cloud with its health (live), VMs by power state and
 * the multi-tenant clouds' capacity; every tenant's cumulative VDC; the busiest VMs.
 * A cloud that is down is shown as down with whatever the API still answered, and
 * the API's errors beside it. Node health, VM events and a reconnection re-read the page, coalesced.
 */
import { useQuery } from '@urql/preact';
import { useRef } from 'preact/hooks';
import { Page } from '../components/Page';
import { Problems } from '../components/Problems';
import { Figure, Ribbon } from '../components/Ribbon';
import { Loading } from '../components/Progress';
import { formatCount } from '../format';
import { BusiestVms } from './overview/BusiestVms';
import { CloudCard, cloudOfError, downReason, powerCounts, type CloudData, type CloudView } from './overview/CloudCard';
import { OverviewCloudsDocument, OverviewNodesDocument, OverviewTenantsDocument } from './overview/documents';
import { TenantCard } from './overview/TenantCard';
import { useLiveReread } from './useLiveReread';
import './overview.css';

export function Overview() {
  const [nodes, rereadNodes] = useQuery({ query: OverviewNodesDocument });
  const [clouds, rereadClouds] = useQuery({ query: OverviewCloudsDocument });
  const [tenants, rereadTenants] = useQuery({ query: OverviewTenantsDocument });
  useLiveReread(
    () => {
      for (const reread of [rereadNodes, rereadClouds, rereadTenants]) reread({ requestPolicy: 'network-only' });
    },
    { vmEvents: true },
  );

  // A cloud whose node is unreachable is left out of `clouds`: the registry still names it.
  const ids = [...new Set([...(clouds.data?.clouds ?? []).map((c) => c.id), ...(nodes.data?.nodes ?? []).map((n) => n.cloudId)])].sort();
  // A cloud left out while down keeps the name and kind it was last read with.
  const known = useRef(new Map<string, Pick<CloudData, 'name' | 'kind'>>());
  for (const c of clouds.data?.clouds ?? []) known.current.set(c.id, { name: c.name, kind: c.kind });
  const views: CloudView[] = ids.map((id) => ({
    id,
    cloud: clouds.data?.clouds.find((c) => c.id === id),
    lastKnown: known.current.get(id),
    nodes: (nodes.data?.nodes ?? []).filter((n) => n.cloudId === id),
    errors: (clouds.error?.graphQLErrors ?? []).filter((e) => cloudOfError(e) === id).map((e) => e.message),
  }));
  const counted = views.map((v) => ({ view: v, counts: powerCounts(v.cloud) }));
  const missing = counted.filter((c) => !c.counts).map((c) => c.view.id);
  const vmTotal = counted.reduce((sum, c) => sum + (c.counts ? c.counts.POWERED_ON + c.counts.POWERED_OFF + c.counts.SUSPENDED : 0), 0);
  const poweredOn = counted.reduce((sum, c) => sum + (c.counts?.POWERED_ON ?? 0), 0);
  const down = views.filter((v) => downReason(v)).length;
  const loaded = (nodes.data || nodes.error) && (clouds.data || clouds.error);
  const partial = missing.length ? ` (without ${missing.join(', ')})` : '';

  return (
    <Page title="Overview">
      <Problems error={nodes.error} what="The node registry could not be read" />
      <Problems error={clouds.error} what="Some clouds could not be read" />
      {!loaded ? (
        <Loading what="clouds" />
      ) : (
        <>
          <Ribbon>
            {/* The page's one live region: a cloud going down or coming back is said here, not per card. */}
            <Figure live testId="ribbon-clouds" value={formatCount(views.length)} caption={`clouds${down ? `, ${down} down` : ''}`} />
            <Figure testId="ribbon-tenants" value={tenants.data ? formatCount(tenants.data.tenants.length) : '—'} caption="tenants" />
            <Figure testId="ribbon-vms" value={formatCount(vmTotal)} caption={`VMs${partial}`} />
            <Figure testId="ribbon-powered-on" value={formatCount(poweredOn)} caption={`powered on${partial}`} />
          </Ribbon>
          <h2>Clouds</h2>
          <div class="cards">
            {views.map((view) => (
              <CloudCard key={view.id} view={view} />
            ))}
          </div>
        </>
      )}
      <h2>Tenants</h2>
      <Problems error={tenants.error} what="Some tenants' figures could not be read" />
      {tenants.data ? (
        <div class="cards">
          {tenants.data.tenants.map((tenant) => (
            <TenantCard key={tenant.id} tenant={tenant} />
          ))}
        </div>
      ) : !tenants.error ? (
        <Loading what="tenants" />
      ) : null}
      <h2>Busiest VMs</h2>
      <BusiestVms />
    </Page>
  );
}
