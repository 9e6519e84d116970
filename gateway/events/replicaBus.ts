/**
 * The bus between gateway replicas, as the gateway uses it: in process without
 * REDIS_URL, else Redis pub/sub on the deployment's channel. Told once per change of
 * its state in the log, and `share` publishes an event this replica collected for the
 * others, logging a failure once per state rather than once per event (while the bus
 * is disconnected every publish fails, as its state change already said).
 */
import type { Logger } from 'pino';
import type { OvercastEvent } from '../../schema/events';
import type { GatewayConfig } from '../config';
import { eventChannel, memoryBus, type EventBus } from './bus';
import { redisBus } from './redisBus';

export interface ReplicaBus {
  bus: EventBus;
  /** Publish for the other replicas; never throws. */
  share(event: OvercastEvent): void;
}

export function openReplicaBus(config: GatewayConfig, logger: Logger): ReplicaBus {
  const { redisUrl, redisChannel, namespace } = config.events;
  let failureLogged = false;
  const channel = redisChannel ?? eventChannel(namespace, config.store.mongodbUri);
  const bus = redisUrl
    ? redisBus(redisUrl, {
        channel,
        onStateChange: ({ state }, reason) => {
          failureLogged = false;
          if (state === 'connected') logger.info({ channel }, 'event bus connected');
          else logger.warn({ channel, reason }, 'event bus disconnected: only the events collected here are delivered until it is back');
        },
      })
    : memoryBus();
  if (redisUrl) logger.info({ channel }, 'event bus: Redis pub/sub');
  return {
    bus,
    share: (event) =>
      void bus.publish(event).catch((err: Error) => {
        if (failureLogged || bus.state().state === 'disconnected') return;
        failureLogged = true;
        logger.warn({ err: err.message }, 'event not published to the other replicas');
      }),
  };
}
