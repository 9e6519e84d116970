/**
 * One ApolloGateway served by two ApolloServers: the public one (client limits, role
 * policy) and the internal client's (neither). `ApolloGateway.load` may run only once,
 * so the public server loads it and the internal one reuses that load's executor and
 * schema: one query planner and one plan cache for both.
 */
import type { GatewayInterface, GatewayLoadResult, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';

type SchemaContext = Parameters<GatewaySchemaLoadOrUpdateCallback>[0];

export interface SharedGateway {
  /** For the server that owns the gateway: loads and stops it. */
  primary: GatewayInterface;
  /** For further servers: the primary's load, once it has happened; stopping it stops nothing. */
  secondary: GatewayInterface;
}

export function shareGateway(gateway: GatewayInterface): SharedGateway {
  let latest: SchemaContext | undefined;
  const listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  gateway.onSchemaLoadOrUpdate((context) => {
    latest = context;
    for (const listener of listeners) listener(context);
  });
  // A listener that arrives after the schema loaded hears it at once, as Apollo's own schema manager does.
  const onSchemaLoadOrUpdate = (callback: GatewaySchemaLoadOrUpdateCallback) => {
    listeners.add(callback);
    if (latest) callback(latest);
    return () => void listeners.delete(callback);
  };
  let loaded: Promise<GatewayLoadResult> | undefined;
  return {
    primary: {
      onSchemaLoadOrUpdate,
      load: (options) => (loaded ??= gateway.load(options)),
      stop: () => gateway.stop(),
    },
    secondary: {
      onSchemaLoadOrUpdate,
      load: () => {
        if (!loaded) throw new Error('the shared gateway has not been loaded by its primary server');
        return loaded;
      },
      stop: async () => undefined,
    },
  };
}
