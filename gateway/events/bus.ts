/**
 * The event bus every gateway replica publishes collected events to and every
 * replica's subscription hub listens on: in-process by default; Redis pub/sub when
 * REDIS_URL is set, so a subscriber on one replica gets events another collected.
 * A replica delivers what it collects to its own hub directly (see server.ts): the
 * bus only carries events between replicas, and its outage costs a replica only
 * what the others collected.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { OvercastEvent } from '../../schema/events';

/** Where the bus stands, for /readyz, the metrics and the log. */
export interface BusState {
  kind: 'memory' | 'redis';
  /** The in-process bus is always connected; Redis's while both its connections are ready and subscribed. */
  state: 'connected' | 'disconnected';
  /** When it entered this state (ISO 8601). */
  since: string;
}

export interface EventBus {
  /** Rejects when the event could not be sent (Redis unreachable): nothing is queued for later. */
  publish(event: OvercastEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: OvercastEvent) => void): () => void;
  state(): BusState;
  close(): Promise<void>;
}

export function memoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const since = new Date().toISOString();
  return {
    publish: async (event) => void emitter.emit('event', event),
    subscribe: (listener) => {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    state: () => ({ kind: 'memory', state: 'connected', since }),
    close: async () => void emitter.removeAllListeners(),
  };
}

/**
 * The Redis channel of a deployment's replicas: `overcast:<namespace>:events`. Redis
 * pub/sub ignores the database index, so two deployments on one Redis must differ
 * here or hear each other's events. Without an explicit namespace it is a short hash
 * of the shared store's identity (what replicas of one deployment share and two
 * deployments do not: the MongoDB hosts and database, not its credentials or options);
 * with no MongoDB (no replicas: see server.ts), `default`.
 */
export function eventChannel(namespace: string | undefined, mongodbUri: string | undefined): string {
  return `overcast:${namespace ?? (mongodbUri ? storeIdentityHash(mongodbUri) : 'default')}:events`;
}

function storeIdentityHash(mongodbUri: string): string {
  const match = /^(mongodb(?:\+srv)?):\/\/(?:[^@/]*@)?([^/?]*)(?:\/([^?]*))?/.exec(mongodbUri);
  const [, scheme = '', hosts = '', database = ''] = match ?? [];
  // The store's own default database (gateway/store/mongo/database.ts): `…/` and `…/overcast` are one store.
  const identity = `${scheme}://${hosts.toLowerCase().split(',').sort().join(',')}/${database || 'overcast'}`;
  return createHash('sha256').update(identity).digest('hex').slice(0, 12);
}
