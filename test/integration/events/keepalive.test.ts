/**
 * The gateway's WebSocket keepalive: a ping every `subscriptions.keepAliveMs`; a socket
 * that leaves one unanswered is closed with the documented code and reason (not cut
 * without a word), and a socket that answers stays open. The clients are raw `ws`
 * sockets speaking graphql-ws, one with its automatic pong turned off: a client that
 * froze.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { issueToken } from '../../../gateway/auth/tokens';
import { startGateway, type RunningGateway } from '../../../gateway/server';
import { keepaliveTimeoutReason, OvercastCloseCode } from '../../../schema/closeCodes';
import { withoutRedisUrl } from '../../support/feeds';
import { waitFor } from '../../support/waitFor';

const KEEPALIVE_MS = 1000;

interface Subscriber {
  socket: WebSocket;
  pings: number;
  closed?: { code: number; reason: string };
}

describe('the WebSocket keepalive', () => {
  const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };
  let gateway: RunningGateway;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    gateway = await withoutRedisUrl(() =>
      startGateway({
        config: {
          port: 0,
          logLevel: 'silent',
          auth,
          healthCheckIntervalMs: 0,
          inventorySyncIntervalMs: 0,
          orgDiscoveryIntervalMs: 0,
          subscriptions: { keepAliveMs: KEEPALIVE_MS },
        },
      }),
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await gateway?.close();
  });

  /** A graphql-ws client on a raw socket: initialised, acknowledged, subscribed to node status. */
  const subscriber = async (answersPings: boolean): Promise<Subscriber> => {
    const token = await issueToken(auth, { subject: 'ops', role: 'provider-admin' });
    const socket = new WebSocket(gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws', { autoPong: answersPings });
    sockets.push(socket);
    const s: Subscriber = { socket, pings: 0 };
    const messages: Array<{ type: string }> = [];
    socket.on('ping', () => s.pings++);
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
    socket.on('close', (code, reason) => (s.closed = { code, reason: String(reason) }));
    await new Promise<void>((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await waitFor('connection_ack', () => messages.some((m) => m.type === 'connection_ack'));
    const before = gateway.subscriptionStats().subscribed;
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { nodeStatus { status } }' } }));
    await waitFor('the subscription registered at the hub', () => gateway.subscriptionStats().subscribed > before);
    return s;
  };

  it('closes a socket that stops answering pings with 4410 Keepalive timeout, and keeps one that answers', async () => {
    const [frozen, alive] = await Promise.all([subscriber(false), subscriber(true)]);
    const closed = await waitFor('the frozen socket to be closed', () => frozen.closed, { timeoutMs: 4 * KEEPALIVE_MS });
    // Nothing was waiting for it: the reason has no count.
    expect(closed).toEqual({ code: OvercastCloseCode.KeepaliveTimeout, reason: keepaliveTimeoutReason(0) });
    expect(closed.reason).toBe('Keepalive timeout');
    // It was pinged first: closed for a ping it left unanswered.
    expect(frozen.pings).toBeGreaterThanOrEqual(1);

    // Two more pings answered since: two more checks passed, and it is open, its subscription still registered.
    const pingsAtClose = alive.pings;
    await waitFor('two more pings on the answering socket', () => alive.pings >= pingsAtClose + 2, { timeoutMs: 4 * KEEPALIVE_MS });
    expect(alive.closed).toBeUndefined();
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    expect(gateway.subscriptionStats().subscribers).toBe(1);
  });

  it('says in the close reason how many events were left undelivered (the reason as formatted)', () => {
    expect(keepaliveTimeoutReason(1)).toBe('Keepalive timeout; 1 event undelivered');
    expect(keepaliveTimeoutReason(3)).toBe('Keepalive timeout; 3 events undelivered');
  });
});
