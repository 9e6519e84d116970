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
import rfdc from 'rfdc';
import { accessScope, type Principal } from '../../schema/principal';
import type { NodeInstance } from '../registry';
import type { GraphQLBody, GraphQLResult, NodeClient, PostOptions } from './nodeClient';

const copy = rfdc({ proto: false, circles: false });

/** A query or the query shorthand; the planner writes `query Name…` or `{…}`. */
const QUERY_DOCUMENT = /^\s*(?:query\b|\{)/;

/** What an answer may depend on, of the principal it is made for (no node reads the subject). */
export function principalKey(principal: Principal): string {
  return `${principal.role}\u0000${accessScope(principal)}\u0000${principal.scope ? JSON.stringify(principal.scope) : ''}`;
}

interface Shared<T> {
  /** Callers so far; each takes the answer at its position. */
  joined: number;
  answers: Promise<T[]>;
}

export interface InFlightTable<T> {
  /** Send unless a call with this key is in flight; each caller gets its own copy of the one answer. */
  share(key: string, send: () => Promise<T>): Promise<T>;
  /**
   * Let nothing join what is in flight now: called as a write starts and as it ends, so a
   * read sent after a write never gets an answer that was begun before it.
   */
  forget(): void;
}

export function createInFlightTable<T>(copy: (answer: T) => T): InFlightTable<T> {
  const inFlight = new Map<string, Shared<T>>();
  const settled = (key: string, entry: Shared<T>) => {
    if (inFlight.get(key) === entry) inFlight.delete(key);
  };
  return {
    share(key, send) {
      let shared = inFlight.get(key);
      if (!shared) {
        const entry: Shared<T> = { joined: 0, answers: Promise.resolve([]) };
        entry.answers = send().then(
          (answer) => {
            settled(key, entry);
            // The first caller takes the answer itself; every later one a copy, made before any of them resumes.
            return [answer, ...Array.from({ length: entry.joined - 1 }, () => copy(answer))];
          },
          (err: unknown) => {
            settled(key, entry);
            throw err;
          },
        );
        inFlight.set(key, (shared = entry));
      }
      const position = shared.joined++;
      return shared.answers.then((answers) => answers[position]!);
    },
    forget: () => inFlight.clear(),
  };
}

/** Run `write`, with nothing in flight before or during it joinable by a read after it. */
export async function asWrite<T>(table: InFlightTable<unknown>, write: () => Promise<T>): Promise<T> {
  table.forget();
  try {
    return await write();
  } finally {
    table.forget();
  }
}

/** `client`, with identical queries in flight shared as described above. */
export function shareInFlight(client: NodeClient): NodeClient {
  const table = createInFlightTable<GraphQLResult>(copy);
  return {
    post(node: NodeInstance, body: GraphQLBody, principal: Principal, options?: PostOptions) {
      if (options?.taskId !== undefined || !QUERY_DOCUMENT.test(body.query))
        return asWrite(table, () => client.post(node, body, principal, options));
      const key = `${node.kind}\u0000${node.cloudId}\u0000${node.url}\u0000${principalKey(principal)}\u0000${JSON.stringify(body)}`;
      return table.share(key, () => client.post(node, body, principal, options));
    },
    postUnsigned(url: string, body: GraphQLBody) {
      if (!QUERY_DOCUMENT.test(body.query)) return asWrite(table, () => client.postUnsigned(url, body));
      return table.share(`${url}\u0000${JSON.stringify(body)}`, () => client.postUnsigned(url, body));
    },
  };
}
