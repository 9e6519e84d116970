/**
 * The node registry: every node with its health (live from `nodeStatus`), its cloud's
 * reachability, latencies, version and origin, and its configuration: the version
 * posted against the one the node applied, with drift said in words. Health checks
 * change last-seen and latencies without an event, so the table is also re-read on a timer.
 * Only the summary line is a live region: the table changes every few seconds.
 */
import { useQuery } from '@urql/preact';
import { useEffect } from 'preact/hooks';
import { Page } from '../components/Page';
import { Problems } from '../components/Problems';
import { Loading } from '../components/Progress';
import { StatusBadge } from '../components/StatusBadge';
import { formatAgo, formatTime } from '../format';
import { nodeKindLabel } from '../labels';
import { useNow } from '../live';
import type { NodeRegistryQuery } from '../../generated/gql/graphql';
import { NodeRegistryDocument } from './nodes/documents';
import { useLiveReread } from './useLiveReread';
import './overview.css';

type NodeRow = NodeRegistryQuery['nodes'][number];

/** How often the registry is re-read for last-seen, latencies and configuration acknowledgements. */
const REREAD_MS = 5000;

function ConfigState({ config }: { config: NodeRow['config'] }) {
  if (!config) return <span class="muted">never configured</span>;
  const { version, appliedVersion } = config;
  if (appliedVersion < version)
    return (
      <span class="drift" data-drift="pending">
        ⚠ v{version} pending — node applied {appliedVersion > 0 ? `v${appliedVersion}` : 'none yet'}
      </span>
    );
  return (
    <span class="in-sync" data-drift="in-sync">
      ✓ v{version} in sync
    </span>
  );
}

const latency = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : `${ms} ms`);

export function Nodes() {
  const [nodes, reread] = useQuery({ query: NodeRegistryDocument });
  const now = useNow(5000);
  useLiveReread(() => reread({ requestPolicy: 'network-only' }), { vmEvents: false });
  useEffect(() => {
    const timer = setInterval(() => reread({ requestPolicy: 'network-only' }), REREAD_MS);
    return () => clearInterval(timer);
  }, [reread]);
  const rows = [...(nodes.data?.nodes ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const drifting = rows.filter((n) => n.config && n.config.appliedVersion < n.config.version).length;
  return (
    <Page title="Nodes">
      <Problems error={nodes.error} what="Part of the registry could not be read" />
      {!nodes.data ? (
        nodes.error ? null : (
          <Loading what="the node registry" />
        )
      ) : (
        <>
          <p class="muted" role="status" aria-live="polite" data-testid="nodes-summary">
            {rows.length} nodes · {rows.filter((n) => n.status === 'UP').length} up
            {drifting ? ` · ${drifting} with configuration pending` : ' · every configuration applied'}
          </p>
          <div class="table-wrap">
            <table class="overview-table nodes-table">
              <caption class="visually-hidden">Registered nodes</caption>
              <thead>
                <tr>
                  <th scope="col">Node</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Cloud</th>
                  <th scope="col">Status</th>
                  <th scope="col">Cloud reachable</th>
                  <th scope="col" class="number">
                    Latency
                  </th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Version</th>
                  <th scope="col">Origin</th>
                  <th scope="col">Configuration</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((node) => (
                  <tr key={node.id} data-testid="node-row" data-node={node.id}>
                    <th scope="row">
                      <code>{node.id}</code>
                    </th>
                    <td data-testid="node-kind">{nodeKindLabel(node.kind)}</td>
                    <td data-testid="node-cloud" data-cloud={node.cloudId}>
                      {node.cloud?.name ?? node.cloudId} <code class="muted">{node.cloudId}</code>
                    </td>
                    <td data-testid="node-status">
                      <StatusBadge status={node.status} />
                    </td>
                    <td data-testid="node-reachable">
                      {node.cloudReachable === null || node.cloudReachable === undefined ? (
                        <span class="muted">not reported</span>
                      ) : (
                        <>
                          {/* A node that stopped answering keeps what it last said. */}
                          {node.status === 'DOWN' ? <span class="muted">last known: </span> : null}
                          {node.cloudReachable ? 'yes' : <span class="stale">no</span>}
                        </>
                      )}
                      {node.cloudLatencyMs !== null && node.cloudLatencyMs !== undefined ? ` (${node.cloudLatencyMs} ms)` : ''}
                    </td>
                    <td class="number">{latency(node.latencyMs)}</td>
                    <td title={formatTime(node.lastSeen)}>{formatAgo(node.lastSeen, now)}</td>
                    <td>{node.version ?? <span class="muted">—</span>}</td>
                    <td>{node.origin === 'REGISTERED' ? 'registered' : 'configured'}</td>
                    <td data-testid="node-config">
                      <ConfigState config={node.config} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}
