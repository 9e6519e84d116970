/**
 * Power on / off for a role that may (the gateway decides again): only the action that
 * applies, and the task's progress while it runs, from its taskProgress events. A
 * mutation the gateway gave up waiting for (CLOUD_UNAVAILABLE naming `extensions.taskId`)
 * may still complete: the task is then followed, read back once for what was missed.
 */
import type { CombinedError } from '@urql/core';
import { useClient, useMutation } from '@urql/preact';
import type { PowerState, TaskOperation } from '../../../generated/gql/graphql';
import { Problems } from '../../components/Problems';
import { Progress } from '../../components/Progress';
import { formatRate } from '../../format';
import { TRANSFER_PHASE_LABELS } from '../../labels';
import { PowerOffVmMutation, PowerOnVmMutation, VmTaskQuery } from './documents';
import type { TaskReport } from './useLiveVm';

/** The task shown: as its last event said, or `STARTING` before the first one arrives. */
export interface ShownTask {
  taskId?: string;
  operation: TaskOperation;
  state: 'STARTING' | TaskReport['state'];
  progress?: number;
  error?: string | null;
  /** The gateway stopped waiting: the task is followed by its id. */
  followed?: boolean;
  /** A copy's or move's phase and rate (null for power tasks). */
  transfer?: TaskReport['transfer'];
}

// A VM's feed also carries copies and moves of it (started anywhere): shown with their progress like power tasks.
const VERB: Record<TaskOperation, string> = {
  POWER_ON: 'Powering on',
  POWER_OFF: 'Powering off',
  COPY_VM: 'Copying to another cloud',
  MOVE_VM: 'Moving to another cloud',
  COPY_TEMPLATE: 'Copying template',
};
const DONE: Record<TaskOperation, string> = {
  POWER_ON: 'Powered on',
  POWER_OFF: 'Powered off',
  COPY_VM: 'Copied',
  MOVE_VM: 'Moved',
  COPY_TEMPLATE: 'Template copied',
};

export const taskFromReport = (t: TaskReport, followed?: boolean): ShownTask => ({
  taskId: t.taskId,
  operation: t.operation,
  state: t.state,
  progress: t.progress,
  error: t.error,
  ...(t.transfer ? { transfer: t.transfer } : {}),
  ...(followed ? { followed } : {}),
});

export function PowerControls({
  vmId,
  state,
  task,
  setTask,
  error,
  setError,
  onSettled,
}: {
  vmId: string;
  state: PowerState | null | undefined;
  task: ShownTask | undefined;
  setTask: (task: ShownTask | undefined) => void;
  error: CombinedError | undefined;
  setError: (error: CombinedError | undefined) => void;
  /** The mutation answered success with the VM's state: the page applies it (an event may have been missed). */
  onSettled: (operation: TaskOperation, state: PowerState | null | undefined) => void;
}) {
  const client = useClient();
  const [, powerOn] = useMutation(PowerOnVmMutation);
  const [, powerOff] = useMutation(PowerOffVmMutation);
  const running = task?.state === 'STARTING' || task?.state === 'RUNNING';

  const run = async (operation: TaskOperation) => {
    setError(undefined);
    setTask({ operation, state: 'STARTING' });
    const result =
      operation === 'POWER_ON'
        ? await powerOn({ id: vmId }).then((r) => ({ error: r.error, state: r.data?.powerOnVm?.powerState }))
        : await powerOff({ id: vmId }).then((r) => ({ error: r.error, state: r.data?.powerOffVm?.powerState }));
    if (!result.error) return onSettled(operation, result.state); // Otherwise the task's own events say it is done (and bring the state).
    const pending = result.error.graphQLErrors.find(
      (e) => e.extensions?.code === 'CLOUD_UNAVAILABLE' && typeof e.extensions.taskId === 'string',
    );
    setError(result.error);
    if (!pending) return setTask(undefined);
    const taskId = pending.extensions.taskId as string;
    setTask({ taskId, operation, state: 'RUNNING', followed: true });
    // Its events may have passed already: read where it is now (events still move it on).
    const read = await client.query(VmTaskQuery, { id: taskId }, { requestPolicy: 'network-only' }).toPromise();
    const found = read.data?.task;
    if (!found) return;
    // A power task (Query.task reads only those): no transfer figures.
    setTask(taskFromReport({ ...found, taskId: found.id, transfer: null }, true));
    if (found.state !== 'RUNNING') setError(undefined);
  };

  const canOn = state === 'POWERED_OFF' || state === 'SUSPENDED';
  const canOff = state === 'POWERED_ON' || state === 'SUSPENDED';
  return (
    <section class="vm-power" aria-labelledby="power-title">
      <h2 id="power-title">Power</h2>
      <div class="vm-power-actions">
        {canOn ? (
          <button type="button" disabled={running} onClick={() => void run('POWER_ON')}>
            Power on
          </button>
        ) : null}
        {canOff ? (
          <button type="button" disabled={running} onClick={() => void run('POWER_OFF')}>
            Power off
          </button>
        ) : null}
      </div>
      <div aria-live="polite" data-testid="task" data-task-id={task?.taskId} data-task-state={task?.state}>
        {task ? <TaskStatus task={task} /> : null}
      </div>
      <Problems error={error} what="The power operation did not complete" />
    </section>
  );
}

function TaskStatus({ task }: { task: ShownTask }) {
  const detail = [
    task.transfer && task.state === 'RUNNING'
      ? `${TRANSFER_PHASE_LABELS[task.transfer.phase]}, ${formatRate(task.transfer.rateBytesPerSec)}`
      : undefined,
    task.taskId ? `task ${task.taskId}` : undefined,
    task.followed ? 'the cloud was slow to answer: the task was followed' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  switch (task.state) {
    case 'STARTING':
      return <Progress label={`${VERB[task.operation]}: starting`} />;
    case 'RUNNING':
      // 0 % is "started, no figure yet": a moving bar says it is under way better than an empty one.
      return <Progress label={`${VERB[task.operation]}: running`} value={task.progress || undefined} detail={detail} />;
    case 'SUCCEEDED':
      return (
        <p class="vm-task-done">
          {DONE[task.operation]} ({detail}).
        </p>
      );
    case 'FAILED':
      return (
        <p class="error" role="alert">
          {VERB[task.operation]} failed: {task.error ?? 'the cloud gave no reason'} ({detail}).
        </p>
      );
  }
}
