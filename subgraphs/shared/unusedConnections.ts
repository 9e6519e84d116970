/**
 * Connections that never sent a byte, closed when a node stops. HTTP clients open
 * connections ahead of need (undici does when a request is aborted and another
 * follows), and Node's server counts such a connection as busy: close() would
 * wait for its headers timeout, about a minute. Destroying it loses nothing.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Start tracking `server`'s connections; call the result while the server closes. */
export function unusedConnections(server: Server): { destroy(): void } {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    destroy: () => {
      for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
    },
  };
}
