/**
 * One write per WebSocket per turn of the event loop. An event reaches every
 * subscription on a socket in the same turn, and each message would otherwise be a
 * writev of its own: at 10,000 subscribers on 200 sockets, 10,000 system calls per
 * event instead of 200. The TCP socket under the WebSocket is corked at the first
 * send of a turn and uncorked once that turn's callbacks have run; frames go out as
 * before, in the order sent. ws offers no hook for this, hence the wrapped `send`.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

export function batchWrites(socket: WebSocket, tcp: Duplex): void {
  const send = socket.send as (...args: unknown[]) => void;
  let corked = false;
  const flush = () => {
    corked = false;
    tcp.uncork();
  };
  socket.send = ((...args: unknown[]) => {
    if (!corked && tcp.writable) {
      corked = true;
      tcp.cork();
      setImmediate(flush);
    }
    send.apply(socket, args);
  }) as WebSocket['send'];
}
