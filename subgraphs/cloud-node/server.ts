/**
 * A cloud-node: the cloud-node subgraph for one cloud, talking to that cloud
 * through its adapter, with its event log on GET /events (fed by the change
 * watcher, by power operations and by imports), and the transfer and content
 * routes (./transfers/).
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { readSdl } from '../../schema/kinds';
import { EventLog } from '../shared/events';
import type { NodeLogOptions } from '../shared/logging';
import { CloudProbe } from '../shared/cloudProbe';
import { serveSubgraph, type RunningNode } from '../shared/serve';
import type { NodeTls } from '../shared/nodeEnv';
import type { CloudAdapter } from './adapters/types';
import { createContext, type CloudIdentity } from './context';
import { resolvers } from './resolvers';
import { PowerTasks } from './tasks';
import { NodeTransfers, type TransferOptions } from './transfers';
import { VmWatcher } from './watch';

export interface CloudNodeOptions {
  cloud: CloudIdentity;
  adapter: CloudAdapter;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Prefix of every route (see ServeOptions.basePath). @default '' */
  basePath?: string;
  /** Serve HTTPS (see ServeOptions.tls); absent: plain HTTP. */
  tls?: NodeTls;
  /** Shared with the gateway: only requests it signed are answered. Undefined for a node that registers (see RunningNode.setSecret). */
  secret: string | undefined;
  /**
   * How often the cloud is polled for changes (VM events); 0 turns it off. The
   * process reads WATCH_INTERVAL_MS (default 2000); here the default is off, so
   * that embedding code (tests counting upstream requests) polls only when asked to.
   * @default 0
   */
  watchIntervalMs?: number;
  /** A change poll failed (the cloud is unreachable, …); polling goes on. @default a `warn` line in the node's log */
  onWatchError?: (err: Error) => void;
  /** Where the node's log goes (nowhere by default; the process writes to stdout). */
  log?: NodeLogOptions;
  /**
   * The probe of the cloud's API that /health reports (../shared/cloudProbe.ts). The
   * process probes every CLOUD_PROBE_INTERVAL_MS, bounded by CLOUD_TIMEOUT_MS; here the
   * default is off (probes only on `cloudProbe.check()`), for the same reason as `watchIntervalMs`.
   * @default { intervalMs: 0 } (no bound of its own: the adapter's timeout per request)
   */
  cloudProbe?: { intervalMs: number; timeoutMs?: number };
  /** How imports wait out an unreachable source (the process reads TRANSFER_RETRY_FOR_MS), and the chunk timeout. @default DEFAULT_RETRY of ./transfers/retry.ts */
  transfers?: TransferOptions;
}

export interface RunningCloudNode extends RunningNode {
  /** What GET /events serves. */
  events: EventLog;
  /** The change watcher (tests wait on `baselined()`). */
  watcher: VmWatcher;
  /** The probe behind /health's `cloud` (tests call `check()`). */
  cloudProbe: CloudProbe;
}

export async function startCloudNode(options: CloudNodeOptions): Promise<RunningCloudNode> {
  const { cloud, adapter } = options;
  const events = new EventLog({ cloudId: cloud.id, nodeKind: 'cloud-node' });
  const watcher = new VmWatcher({
    cloudId: cloud.id,
    adapter,
    log: events,
    intervalMs: options.watchIntervalMs ?? 0,
    // One line per failed poll: an unreachable cloud shows up in the node's log, not only as silence.
    // (`node` is served before the watcher starts, below.)
    onError: options.onWatchError ?? ((err) => node.logger.warn({ err: err.message }, 'watch poll failed')),
  });
  const power = new PowerTasks(events, watcher);
  const cloudProbe = new CloudProbe({
    probe: () => adapter.probe(),
    intervalMs: options.cloudProbe?.intervalMs ?? 0,
    timeoutMs: options.cloudProbe?.timeoutMs,
    onFailure: (failure, err) => node.logger.warn({ failure, err: (err as Error).message }, 'cloud probe failed'),
  });
  const transfers = new NodeTransfers(cloud.id, adapter, events, options.transfers);
  const node = await serveSubgraph({
    kind: 'cloud-node',
    cloudId: cloud.id,
    schema: buildSubgraphSchema({ typeDefs: parse(readSdl('cloud-node')), resolvers: resolvers as never }),
    context: (principal, request) => createContext(cloud, adapter, principal, power, request),
    secret: options.secret,
    host: options.host,
    port: options.port,
    basePath: options.basePath,
    tls: options.tls,
    log: options.log,
    events,
    cloudHealth: () => cloudProbe.latest,
    routes: transfers.register,
    onClose: async () => {
      // Before the adapter goes: a poll, probe, import or export in flight still uses it.
      await Promise.all([watcher.stop(), cloudProbe.stop(), transfers.close()]);
      await adapter.close();
    },
  });
  // Only once listening: a node that failed to start leaves no timer behind.
  watcher.start();
  cloudProbe.start();
  return { ...node, events, watcher, cloudProbe };
}
