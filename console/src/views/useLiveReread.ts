/**
 * Re-read a view's queries when the graph says something changed: a node's health
 * (a cloud going down or coming back) or a VM event (power states), and when live
 * updates come back after a loss (the events of the outage are gone). Coalesced, so a
 * burst of events (every node of a cloud at once) is one re-read. Shared by the
 * overview and the node registry.
 */
import { useSubscription } from '@urql/preact';
import { useEffect } from 'preact/hooks';
import { graphql } from '../../generated/gql';
import { useSession } from '../context';
import { useCoalesced, useReconnected } from '../live';

const NodeStatusDocument = graphql(`
  subscription OverviewNodeStatus {
    nodeStatus {
      nodeId
      status
    }
  }
`);

const VmEventsDocument = graphql(`
  subscription OverviewVmEvents {
    vmEvents {
      type
      cloudId
    }
  }
`);

export function useLiveReread(reread: () => void, { vmEvents }: { vmEvents: boolean }): void {
  const { api } = useSession();
  const trigger = useCoalesced(reread);
  useReconnected(api.connection, trigger);
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
