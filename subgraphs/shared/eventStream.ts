/**
 * GET /events: a node's event log as Server-Sent Events, for the gateway's
 * collector. Signed like /graphql (a GET is signed over an empty body). The wire
 * format is schema/eventStream.ts.
 *
 * `?after=<seq>` resumes: the buffered events after it come first, then live ones;
 * a comment line every `heartbeatMs` keeps proxies and the reader's idle timeout
 * from closing a quiet stream. A reader that sends back an epoch other than this
 * log's (the node restarted, seq started over) gets the whole buffer instead, as
 * does one asking for a seq this log never reached (it can only have read an
 * earlier log).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { NodeEvent } from '../../schema/events';
import { DEFAULT_HEARTBEAT_MS, EPOCH_HEADER, EVENTS_PATH } from '../../schema/eventStream';
import type { EventLog } from './events';

/**
 * Unsent bytes a slow reader may leave queued before its stream is cut: memory per
 * reader stays bounded, and the reader resumes with `after` where it stopped.
 */
const MAX_QUEUED_BYTES = 1024 * 1024;

export interface EventStreamOptions {
  /** The signature check /graphql uses. */
  requireSignature(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  /** @default DEFAULT_HEARTBEAT_MS */
  heartbeatMs?: number;
}

/** Register GET /events for `log` on `app`; open streams end when the app closes. */
export function registerEventStream(app: FastifyInstance, log: EventLog, options: EventStreamOptions): void {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const open = new Set<ServerResponse>();
  // Without this, app.close() would wait for every reader to hang up.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get<{ Querystring: Record<string, unknown> }>(EVENTS_PATH, { preValidation: options.requireSignature }, async (request, reply) => {
    const after = parseSeq(request.query.after);
    const epoch = request.query.epoch;
    if (after === undefined || (epoch !== undefined && typeof epoch !== 'string')) {
      return reply.code(400).send({ error: 'after must be a non-negative integer, epoch a string' });
    }
    const stale = (epoch !== undefined && epoch !== log.epoch) || after > log.lastSeq;
    const from = stale ? 0 : after;

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      [EPOCH_HEADER]: log.epoch,
    });
    res.flushHeaders();
    open.add(res);

    let sent = from;
    const send = (event: NodeEvent): void => {
      if (event.seq <= sent || res.writableEnded) return;
      sent = event.seq;
      res.write(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`);
      if (res.writableLength > MAX_QUEUED_BYTES) res.destroy();
    };
    // Buffered then live with no await in between: no event can fall between the two.
    for (const event of log.since(from)) send(event);
    const unsubscribe = log.subscribe(send);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    heartbeat.unref();
    res.once('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    });
  });
}

/** A seq from the query string: absent is 0; anything but one non-negative integer is undefined. */
function parseSeq(value: unknown): number | undefined {
  if (value === undefined) return 0;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}
