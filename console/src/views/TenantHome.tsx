/**
 * A tenant's home, after Cloud Director's tenant "Data Centers" dashboard: a summary
 * ribbon, the cumulative VDC (allocated against used, per cloud), and one card per
 * VDC. Kept live: any VM event of the tenant, and a reconnection, re-read the page (coalesced). A cloud
 * that is down leaves its part out; the page says which, beside what the rest answered.
 */
import { useQuery, useSubscription } from '@urql/preact';
import { Page } from '../components/Page';
import { Problems } from '../components/Problems';
import { Figure, Ribbon } from '../components/Ribbon';
import { Loading } from '../components/Progress';
import { useSession } from '../context';
import { formatCount, formatMb, formatMhz } from '../format';
import { useCoalesced, useReconnected } from '../live';
import { CumulativeCard } from './tenant/CumulativeCard';
import { TenantHomeQuery, TenantVmEvents } from './tenant/documents';
import { cloudName, unansweredClouds, vdcRows, type TenantData } from './tenant/summary';
import { VdcCard } from './tenant/VdcCard';
import './tenant.css';

const inUse = (used: number | null, format: (n: number) => string): string => (used === null ? 'not reported' : format(used));

function TenantSummary({ tenant }: { tenant: TenantData }) {
  const c = tenant.cumulativeVdc;
  // "In use" comes from the clouds that meter an allocation (an org's virtual VDC): say which when not all do.
  const reporting = c.parts.filter((p) => p.cpuUsedMhz !== null).map((p) => p.cloud.name ?? p.cloud.id);
  return (
    <>
      <Ribbon testId="ribbon">
        <Figure caption="Clouds" value={formatCount(tenant.clouds.length)} testId="ribbon-clouds" />
        <Figure caption="VDCs" value={formatCount(c.vdcCount)} testId="ribbon-vdcs" />
        <Figure caption="VMs" value={formatCount(c.vmCount)} testId="ribbon-vms" />
        <Figure caption="Running VMs" value={formatCount(c.poweredOnVmCount)} testId="ribbon-running" />
        <Figure caption="CPU in use" value={inUse(c.cpuUsedMhz, formatMhz)} testId="ribbon-cpu" />
        <Figure caption="Memory in use" value={inUse(c.memoryUsedMb, formatMb)} testId="ribbon-memory" />
        <Figure caption="Storage in use" value={inUse(c.storageUsedMb, formatMb)} testId="ribbon-storage" />
      </Ribbon>
      {reporting.length < c.parts.length ? (
        <p class="muted tenant-note tenant-ribbon-note">
          In use: as {reporting.length ? reporting.join(', ') : 'no cloud'} {reporting.length === 1 ? 'reports' : 'report'} it; a dedicated
          cloud has no allocation to meter.
        </p>
      ) : null}
    </>
  );
}

export function TenantHome() {
  const { session, api } = useSession();
  const tenantId = session.tenantId ?? '';
  const [result, reexecute] = useQuery({ query: TenantHomeQuery, variables: { id: tenantId } });
  const refresh = useCoalesced(() => reexecute({ requestPolicy: 'network-only' }));
  useSubscription({ query: TenantVmEvents, variables: { tenantId } }, (_previous, event) => {
    refresh();
    return event;
  });
  // Events missed while live updates were lost: only a re-read brings what they changed.
  useReconnected(api.connection, refresh);
  const tenant = result.data?.tenant ?? undefined;
  const missing = tenant ? unansweredClouds(tenant) : [];
  return (
    <Page title="Data centers" actions={tenant ? <span class="muted">{tenant.name}</span> : undefined}>
      <Problems error={result.error} />
      {missing.length > 0 && tenant ? (
        <p class="notice" role="status" data-testid="unanswered">
          No answer from {missing.map((id) => cloudName(tenant, id)).join(', ')}: {missing.length === 1 ? 'its' : 'their'} VDCs and figures
          are left out below until {missing.length === 1 ? 'it answers' : 'they answer'}.
        </p>
      ) : null}
      {!tenant ? (
        result.fetching ? (
          <Loading what="your data centers" />
        ) : null
      ) : (
        <>
          <TenantSummary tenant={tenant} />
          <section aria-labelledby="tenant-cumulative">
            <h2 id="tenant-cumulative">All clouds together</h2>
            <CumulativeCard tenant={tenant} />
          </section>
          <section aria-labelledby="tenant-vdcs">
            <h2 id="tenant-vdcs">Virtual data centers</h2>
            <div class="cards" data-testid="vdc-cards">
              {vdcRows(tenant).map((vdc) => (
                <VdcCard key={vdc.id} vdc={vdc} />
              ))}
            </div>
          </section>
        </>
      )}
      <p class="visually-hidden" aria-live="polite">
        {result.fetching && tenant ? 'Updating…' : ''}
      </p>
    </Page>
  );
}
