/**
 * The request a data source fetch is made for, as far as the node transport needs
 * to know it: its id, sent to the nodes as `x-request-id`.
 *
 * Data sources and the transport sit on a fixed interface (NodeClient.post takes a
 * node, a body and a principal), so the id rides in an AsyncLocalStorage entered
 * around each data source call (`inRequestScope`, from the fetch's GatewayContext)
 * rather than as another parameter through the routing code. It is per request by
 * construction (an async context, never a module variable holding a value), and it
 * carries only a log label: nothing that decides access. The gateway's own HTTP routes
 * enter it too (`withRequestId`), so lines written for a request by shared services
 * carry its id (`requestLogger`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { GatewayContext } from '../context';

const scope = new AsyncLocalStorage<string>();

/** The id of the request whose fetch is running here, if any. */
export function currentRequestId(): string | undefined {
  return scope.getStore();
}

/** `source`, with each fetch run in the scope of the request id in its GatewayContext. */
export function inRequestScope(source: GraphQLDataSource): GraphQLDataSource {
  return {
    process: (options) => {
      const requestId = (options.context as Partial<GatewayContext>).requestId;
      return requestId === undefined ? source.process(options) : scope.run(requestId, () => source.process(options));
    },
  };
}

/** Run `fn` in the scope of a request that is not a data source fetch (an HTTP route of the gateway's own). */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return scope.run(requestId, fn);
}

/**
 * `root`, or its child carrying the request id when called while a request is
 * served: for the lines shared services (configuration delivery, registration, the
 * index sync) write on behalf of whichever request triggered them.
 */
export function requestLogger<L extends { child(bindings: { requestId: string }): L }>(root: L): L {
  const requestId = scope.getStore();
  return requestId === undefined ? root : root.child({ requestId });
}
