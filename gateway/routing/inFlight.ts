/**
 * Identical queries in flight to the same node wait for one answer. Many clients
 * asking the same thing at once (a dashboard's refresh, the same page opened by a
 * team) would otherwise each cost the node, and its cloud, the same work.
 *
 * Shared only when sharing cannot change an answer: a query (never a mutation, never
 * a request that carries a task id), to the same node, with the same document and
 * variables, on behalf of principals that see exactly the same data — the same role
 * and access scope, and the same node scope a tenant's request carries. Never across
 * tenants. Only while in flight: the first answer is not kept. A request that joins
 * one already sent gets an answer at most one round trip older than its own would be,
 * but never one begun before a write this gateway sent (read your writes).
 *
 * Every caller gets its own copy of the answer: the executor merges into what it
 * receives, and two requests must not share what one of them changes.
 */
import type { Principal } from '../../schema/principal';
import type { NodeInstance } from '../registry';
import { copyJson } from '../sharing/copyJson';
import { asWrite, createInFlightTable, principalKey } from '../sharing/inFlightTable';
import type { GraphQLBody, GraphQLResult, NodeClient, PostOptions } from './nodeClient';

/** A query or the query shorthand; the planner writes `query Name…` or `{…}`. */
const QUERY_DOCUMENT = /^\s*(?:query\b|\{)/;

/** `client`, with identical queries in flight shared as described above. */
export function shareInFlight(client: NodeClient): NodeClient {
  const table = createInFlightTable<GraphQLResult>(copyJson);
  return {
    post(node: NodeInstance, body: GraphQLBody, principal: Principal, options?: PostOptions) {
      if (options?.taskId !== undefined || !QUERY_DOCUMENT.test(body.query))
        return asWrite(table, () => client.post(node, body, principal, options));
      // Serialized once: the key ends with the text the transport then sends.
      const text = JSON.stringify(body);
      const key = `${node.kind}\u0000${node.cloudId}\u0000${node.url}\u0000${principalKey(principal)}\u0000${text}`;
      return table.share(key, () => client.post(node, body, principal, { ...options, text }));
    },
    postUnsigned(url: string, body: GraphQLBody) {
      if (!QUERY_DOCUMENT.test(body.query)) return asWrite(table, () => client.postUnsigned(url, body));
      const text = JSON.stringify(body);
      return table.share(`${url}\u0000${text}`, () => client.postUnsigned(url, body, { text }));
    },
  };
}
