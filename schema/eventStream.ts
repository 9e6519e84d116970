/**
 * The wire protocol of a node's event stream (GET /events), shared by the nodes
 * that serve it and the gateway's collector that reads it. The events themselves
 * are schema/events.ts.
 *
 * - Request: `GET /events?after=<seq>[&epoch=<epoch>]`, signed like /graphql
 *   (schema/signing.ts: method GET, the path with its query, an empty body).
 * - Answer: `text/event-stream`; each event is `id: <seq>\ndata: <NodeEvent JSON>\n\n`,
 *   buffered events after `after` first, then live ones; comment lines (`: …`) are
 *   heartbeats. The {@link EPOCH_HEADER} names the node's log: a node restarts its
 *   seq at 1, so a reader sends the epoch back and, if the node's differs, gets the
 *   node's whole buffer and starts counting again.
 */

/** Path of the stream on a node. */
export const EVENTS_PATH = '/events';
/** Response header naming the log a stream reads; sent back as the `epoch` query parameter. */
export const EPOCH_HEADER = 'x-overcast-events-epoch';
/** How often a node writes a heartbeat comment on an open stream, by default. */
export const DEFAULT_HEARTBEAT_MS = 15_000;
