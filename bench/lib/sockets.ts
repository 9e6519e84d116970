/**
 * A process's own TCP and UDP sockets, read from /proc (as `ss -tunp` shows them): the
 * socket inodes among /proc/<pid>/fd matched with /proc/<pid>/net/{tcp,tcp6,udp,udp6}.
 * Used to find the port a child listens on, and to check that a gateway talks to
 * nothing beyond loopback.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface Socket {
  protocol: 'tcp' | 'udp';
  local: { address: string; port: number };
  remote: { address: string; port: number };
  /** TCP LISTEN. */
  listening: boolean;
}

const TCP_LISTEN = '0A';

/** /proc/net's hex address: IPv4 as one little-endian word, IPv6 as four. */
function decodeAddress(hex: string): { address: string; port: number } {
  const [ip, port] = hex.split(':') as [string, string];
  const words = ip.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''));
  const address =
    words.length === 1
      ? words[0]!
          .match(/../g)!
          .map((b) => parseInt(b, 16))
          .join('.')
      : words
          .join('')
          .match(/.{4}/g)!
          .map((g) => g.replace(/^0+(?=.)/, '').toLowerCase())
          .join(':');
  return { address, port: parseInt(port, 16) };
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith('socket:[')) inodes.add(target.slice(8, -1));
    } catch {
      // closed while we read
    }
  }
  return inodes;
}

export function socketsOf(pid: number): Socket[] {
  const inodes = socketInodes(pid);
  const sockets: Socket[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    const lines = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      if (!inodes.has(fields[9]!)) continue;
      const protocol = table.startsWith('tcp') ? 'tcp' : 'udp';
      sockets.push({
        protocol,
        local: decodeAddress(fields[1]!),
        remote: decodeAddress(fields[2]!),
        listening: protocol === 'tcp' && fields[3] === TCP_LISTEN,
      });
    }
  }
  return sockets;
}

/** 127.0.0.0/8, ::1, and IPv4-mapped 127.x; the unspecified address (no peer) counts as local too. */
function isLoopbackOrNone(address: string): boolean {
  return (
    /^127\./.test(address) ||
    /^0:0:0:0:0:ffff:7f/.test(address) ||
    address === '0:0:0:0:0:0:0:1' ||
    address === '0.0.0.0' ||
    address === '0:0:0:0:0:0:0:0'
  );
}

/** TCP ports `pid` listens on. */
export function listeningPorts(pid: number): number[] {
  return socketsOf(pid)
    .filter((s) => s.listening)
    .map((s) => s.local.port);
}

/** `address:port` of every peer of `pid` that is not on loopback (none, if all is well). */
export function offLoopbackPeers(pid: number): string[] {
  return socketsOf(pid)
    .filter((s) => !isLoopbackOrNone(s.remote.address))
    .map((s) => `${s.protocol} ${s.remote.address}:${s.remote.port}`);
}
