/**
 * Re-read a view's queries when the graph says something changed: a node's health
 * (a cloud going down or coming back) or a VM event (power states). Coalesced, so a
 * burst of events (every node of a cloud at once) is one re-read.
 */
import { useSubscription } from '@urql/preact';
import { useEffect } from 'preact/hooks';
import { useCoalesced } from '../../live';
import { NodeStatusDocument, VmEventsDocument } from './documents';

export function useLiveReread(reread: () => void, { vmEvents }: { vmEvents: boolean }): void {
  const trigger = useCoalesced(reread);
  const [status] = useSubscription({ query: NodeStatusDocument });
  const [vms] = useSubscription({ query: VmEventsDocument, pause: !vmEvents });
  // Each event is a new data object: one effect per delivery (or per render, when several arrived between).
  useEffect(() => {
    if (status.data) trigger();
  }, [status.data]);
  useEffect(() => {
    if (vms.data) trigger();
  }, [vms.data]);
}

/** The cloud an API error names (CLOUD_UNAVAILABLE and friends carry `extensions.cloudId`). */
export const cloudOfError = (error: { extensions?: Record<string, unknown> }): string | undefined =>
  typeof error.extensions?.cloudId === 'string' ? error.extensions.cloudId : undefined;
