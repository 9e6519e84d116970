/**
 * One VM, live: its facts read from its cloud, its power state moved on by the
 * subscriptions (useLiveVm), and for a role that may, power actions and a copy to
 * another cloud, with the task's progress. A VM that does not exist and one the
 * caller may not see read alike, as the API answers them (NOT_FOUND either way): the
 * page names neither.
 */
import { CombinedError } from '@urql/core';
import { useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import type { PowerState, TaskOperation } from '../../generated/gql/graphql';
import { Page } from '../components/Page';
import { Problems } from '../components/Problems';
import { Loading } from '../components/Progress';
import { StatusBadge } from '../components/StatusBadge';
import { useSession } from '../context';
import { formatCount, formatMb, formatTime } from '../format';
import { cloudIdOf, cloudKindLabel, OPERATION_LABELS } from '../labels';
import { useReconnected } from '../live';
import { href } from '../router';
import { canOperate } from '../session';
import { VmDetailQuery } from './vm/documents';
import { CopyControls } from './vm/CopyControls';
import { PowerControls, taskFromReport, type ShownTask } from './vm/PowerControls';
import { useLiveVm } from './vm/useLiveVm';
import './vm.css';

/** A CombinedError without its NOT_FOUND errors (they name the id asked for; the page says it plainly instead). */
function withoutNotFound(error: CombinedError | undefined): CombinedError | undefined {
  if (!error || error.networkError) return error;
  const rest = error.graphQLErrors.filter((e) => e.extensions?.code !== 'NOT_FOUND');
  return rest.length ? new CombinedError({ graphQLErrors: rest, response: error.response }) : undefined;
}

/** Another VM is another page: nothing of the last one (its task, its error, its live state) stays. */
export function VmPage({ id }: { id: string }) {
  return <VmPageOf key={id} id={id} />;
}

function VmPageOf({ id }: { id: string }) {
  const { session, api } = useSession();
  const [result, reread] = useQuery({ query: VmDetailQuery, variables: { id } });
  const vm = result.data?.vm;
  const [task, setTask] = useState<ShownTask | undefined>(undefined);
  const [powerError, setPowerError] = useState<CombinedError | undefined>(undefined);
  const [power, answered] = useLiveVm(id, vm?.cloud?.id, { state: vm?.powerState, answer: result.data }, (report) => {
    // Any task on this VM is shown (another user's too); a followed one keeps its flag.
    setTask((current) => {
      const followed = current?.taskId === report.taskId && current.followed;
      // The gateway's CLOUD_UNAVAILABLE was not the end: the followed task's own end replaces it.
      if (followed && report.state !== 'RUNNING') setPowerError(undefined);
      return taskFromReport(report, followed);
    });
  });
  // Power changes missed while live updates were lost: read the VM again.
  useReconnected(api.connection, () => reread({ requestPolicy: 'network-only' }));
  const onSettled = (operation: TaskOperation, state: PowerState | null | undefined) => {
    // Connected but the event missed: the state stays wrong unless the mutation's answer is applied.
    if (state) answered(state);
    if (api.connection.get().status === 'connected') return;
    reread({ requestPolicy: 'network-only' });
    setTask((current) => (current && current.state !== 'SUCCEEDED' ? { ...current, operation, state: 'SUCCEEDED' } : current));
  };

  const problems = withoutNotFound(result.error);
  if (!vm) {
    if (result.fetching || (!result.data && !result.error)) return <Loading what="the virtual machine" />;
    return (
      <Page title="Virtual machine">
        {problems ? (
          <Problems error={problems} what="The virtual machine could not be read" />
        ) : (
          <p data-testid="vm-missing">No virtual machine with this id.</p>
        )}
        <p>
          <a href={href(['vms'])}>All virtual machines</a>
        </p>
      </Page>
    );
  }

  return (
    <Page title={vm.name ?? vm.id}>
      <p class="vm-back">
        <a href={href(['vms'])}>All virtual machines</a>
      </p>
      <Problems error={problems} what="Part of this virtual machine could not be read" />
      <div class="vm-state" aria-live="polite" data-testid="power-state" data-state={power.state ?? ''} data-source={power.source}>
        {power.state ? <StatusBadge status={power.state} /> : <span class="muted">power state not reported</span>}
        {power.source !== 'query' && power.at ? <span class="muted"> · changed {formatTime(power.at)}</span> : null}
      </div>
      <dl class="facts vm-facts">
        <dt>Id</dt>
        <dd>
          <code>{vm.id}</code>
        </dd>
        <dt>CPUs</dt>
        <dd data-testid="vm-cpus">{vm.cpuCount === null || vm.cpuCount === undefined ? '—' : formatCount(vm.cpuCount)}</dd>
        <dt>Memory</dt>
        <dd data-testid="vm-memory">{vm.memoryMb === null || vm.memoryMb === undefined ? '—' : formatMb(vm.memoryMb)}</dd>
        <dt>Cloud</dt>
        <dd data-testid="vm-cloud">
          {vm.cloud ? `${vm.cloud.name ?? vm.cloud.id}${vm.cloud.kind ? ` (${cloudKindLabel(vm.cloud.kind, 'product')})` : ''}` : '—'}
        </dd>
        <dt>VDC</dt>
        <dd data-testid="vm-vdc">{vm.vdc?.name ?? vm.vdc?.id ?? '—'}</dd>
        {vm.org ? (
          <>
            <dt>Organization</dt>
            <dd data-testid="vm-org">{vm.org.name ?? vm.org.id}</dd>
          </>
        ) : null}
        <dt>Tenant</dt>
        <dd data-testid="vm-tenant">{vm.tenant?.name ?? '—'}</dd>
      </dl>
      {canOperate(session) ? (
        <>
          <PowerControls
            vmId={vm.id}
            state={power.state}
            task={task}
            setTask={setTask}
            error={powerError}
            setError={setPowerError}
            onSettled={onSettled}
          />
          <CopyControls
            vm={{ id: vm.id, name: vm.name, cloudId: vm.cloud?.id ?? cloudIdOf(vm.id) }}
            busy={task?.state === 'STARTING' || task?.state === 'RUNNING'}
            setTask={setTask}
          />
        </>
      ) : task ? (
        <div aria-live="polite" data-testid="task" data-task-state={task.state}>
          <p class="muted">
            {/* A copy or move of this VM is on the same feed as its power tasks. */}
            {OPERATION_LABELS[task.operation]} on this VM: {task.state === 'RUNNING' ? 'running' : task.state.toLowerCase()}.
          </p>
        </div>
      ) : null}
    </Page>
  );
}
