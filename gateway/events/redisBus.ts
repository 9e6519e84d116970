/** The event bus over Redis pub/sub (ioredis): one channel, JSON messages. */
import { Redis } from 'ioredis';
import type { OvercastEvent } from '../../schema/events';
import type { EventBus } from './bus';

export const EVENT_CHANNEL = 'overcast:events';

export async function redisBus(url: string, channel = EVENT_CHANNEL): Promise<EventBus> {
  // A connection in subscriber mode can only subscribe: publishing needs its own.
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(channel);
  const listeners = new Set<(event: OvercastEvent) => void>();
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let event: OvercastEvent;
    try {
      event = JSON.parse(message) as OvercastEvent;
    } catch {
      return;
    }
    for (const listener of listeners) listener(event);
  });
  return {
    publish: async (event) => void (await publisher.publish(channel, JSON.stringify(event))),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      listeners.clear();
      await Promise.all([publisher.quit(), subscriber.quit()]);
    },
  };
}
