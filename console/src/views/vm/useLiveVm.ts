/**
 * A VM's power state kept live: read once, then moved on by the cloud's
 * POWER_STATE_CHANGED events for this VM (vmEvents, filtered by its cloud) and by
 * its tasks' progress (taskProgress by vmId), which also report the task itself.
 * Each state says where it came from, so a reader can tell a pushed state from a read one.
 */
import { useSubscription } from '@urql/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PowerState, VmTaskProgressSubscription as TaskEvent } from '../../../generated/gql/graphql';
import { VmPowerEventsSubscription, VmTaskProgressSubscription } from './documents';

export interface LivePower {
  state: PowerState | null | undefined;
  /** `mutation`: the power mutation's answer, when no event had brought that state. */
  source: 'query' | 'vmEvents' | 'taskProgress' | 'task' | 'mutation';
  at?: string;
}

export type TaskReport = TaskEvent['taskProgress'];

export function useLiveVm(
  vmId: string,
  cloudId: string | undefined,
  read: { state: PowerState | null | undefined; answer: unknown },
  onTask: (task: TaskReport) => void,
): [LivePower, (answered: PowerState) => void] {
  const [power, setPower] = useState<LivePower>({ state: read.state, source: 'query' });
  // A new read (the page opened, or read again: a new answer even with the same state) is the state until the next event.
  useEffect(() => setPower({ state: read.state, source: 'query' }), [read.answer, vmId]);
  const taskListener = useRef(onTask);
  taskListener.current = onTask;

  useSubscription({ query: VmPowerEventsSubscription, variables: { cloudId: cloudId ?? '' }, pause: !cloudId }, (_prev, event) => {
    const e = event.vmEvents;
    if (e.vm?.id === vmId && e.powerState) setPower({ state: e.powerState, source: 'vmEvents', at: e.at });
    return event;
  });
  useSubscription({ query: VmTaskProgressSubscription, variables: { vmId }, pause: !cloudId }, (_prev, event) => {
    const task = event.taskProgress;
    if (task.state === 'SUCCEEDED' && task.vm?.powerState) setPower({ state: task.vm.powerState, source: 'taskProgress', at: task.at });
    taskListener.current(task);
    return event;
  });
  // The mutation's answer: kept only when it says something new (an event already brought it otherwise, and keeps its source).
  const answered = (state: PowerState) => setPower((current) => (current.state === state ? current : { state, source: 'mutation' }));
  return [power, answered];
}
