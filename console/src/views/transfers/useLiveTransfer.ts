/**
 * One transfer kept live while it runs: its `taskProgress(taskId:)` events move the
 * read on (phase, bytes, rate, and its end), and whichever of the read and the last
 * event is newer is shown (a re-read after events is not undone by an older event).
 * The feed is left once the transfer has ended: an ended transfer says nothing more.
 */
import { useSubscription } from '@urql/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TransferProgressSubscription as ProgressEvent, TransfersQuery } from '../../../generated/gql/graphql';
import { TransferProgressSubscription } from './documents';

export type TransferRow = TransfersQuery['transfers'][number];
type TaskEvent = ProgressEvent['taskProgress'];

/** Where the figures shown came from: the list's read, or the transfer's own feed. */
export type TransferSource = 'query' | 'taskProgress';

/** The transfer as shown: the read, with a newer event's state, progress and error over it. */
export function useLiveTransfer(read: TransferRow, onEnded: () => void): [TransferRow, TransferSource] {
  const [event, setEvent] = useState<TaskEvent | undefined>(undefined);
  const ended = useRef(onEnded);
  ended.current = onEnded;
  useSubscription(
    { query: TransferProgressSubscription, variables: { taskId: read.taskId }, pause: read.state !== 'RUNNING' },
    (_prev, data) => {
      const task = data.taskProgress;
      if (task.taskId === read.taskId) setEvent(task);
      return data;
    },
  );
  // Its end is told by the event; the checksums, the copy's id and the final figures come from a re-read.
  useEffect(() => {
    if (event && event.state !== 'RUNNING') ended.current();
  }, [event?.state]);
  if (!event || read.state !== 'RUNNING' || Date.parse(event.at) < Date.parse(read.updatedAt)) return [read, 'query'];
  const shown = {
    ...read,
    state: event.state,
    error: event.error ?? read.error,
    updatedAt: event.at,
    progress: event.transfer ?? read.progress,
  };
  return [shown, 'taskProgress'];
}
