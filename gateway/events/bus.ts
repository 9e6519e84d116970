/**
 * The event bus every gateway replica publishes collected events to and every
 * replica's subscription hub listens on: in-process by default; Redis pub/sub when
 * REDIS_URL is set, so a subscriber on one replica gets events another collected.
 */
import { EventEmitter } from 'node:events';
import type { OvercastEvent } from '../../schema/events';

export interface EventBus {
  publish(event: OvercastEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: OvercastEvent) => void): () => void;
  close(): Promise<void>;
}

export function memoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: async (event) => void emitter.emit('event', event),
    subscribe: (listener) => {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    close: async () => void emitter.removeAllListeners(),
  };
}
