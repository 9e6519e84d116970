/**
 * Identical queries in flight at once are executed once. Fifty clients refreshing
 * the same dashboard would otherwise each have the gateway plan, fetch, merge and
 * shape the same answer; sharing the nodes' requests alone (routing/inFlight.ts)
 * still leaves all of the gateway's own work to do fifty times.
 *
 * The same rules as upstream sharing: a query (never a mutation), the same document,
 * operation and variables, for principals that see exactly the same data (role and
 * access scope); never across tenants; only while in flight, and never joining an
 * execution begun before a mutation this gateway ran (read your writes). Every request still
 * passes its own authentication, limits and role policy first: only execution is
 * shared. The shared execution runs in the context of the first request (its id is
 * the one the nodes see). Each request gets its own copy of the data; the errors are
 * shared, as Apollo Server formats them into new objects.
 */
import type { GatewayExecutionResult, GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import type { GatewayContext } from '../context';
import { copyJson } from '../sharing/copyJson';
import { asWrite, createInFlightTable, principalKey } from '../sharing/inFlightTable';

function copyResult(result: GatewayExecutionResult): GatewayExecutionResult {
  return {
    ...result,
    ...(result.data ? { data: copyJson(result.data) } : {}),
    ...(result.errors ? { errors: [...result.errors] } : {}),
    ...(result.extensions ? { extensions: copyJson(result.extensions) } : {}),
  };
}

/** `executor`, with identical queries in flight executed once. */
export function shareOperations(executor: GatewayExecutor): GatewayExecutor {
  const table = createInFlightTable(copyResult);
  return (requestContext) => {
    const principal = (requestContext.context as Partial<GatewayContext>).principal;
    if (requestContext.operation.operation !== 'query') return asWrite(table, () => executor(requestContext));
    if (!principal) return executor(requestContext);
    const { queryHash, operationName, request } = requestContext;
    const key = `${principalKey(principal)}\u0000${queryHash}\u0000${operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
    return table.share(key, () => executor(requestContext));
  };
}

/** `gateway`, whose executor shares identical queries in flight. */
export function withSharedOperations(gateway: GatewayInterface): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    load: async (options) => {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: loaded.executor && shareOperations(loaded.executor) };
    },
    stop: () => gateway.stop(),
  };
}
