/**
 * The compute calls content needs beyond the adapter's own: a server with its
 * metadata, servers by exact name, flavors, booting and deleting a server, and the
 * project's quotas (`GET /limits`).
 */
import { z } from 'zod';
import { escapeRegExp } from '../../../../schema/values';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { pollWithin } from '../../../shared/pollWithin';
import { novaAnswers, novaError } from './errors';
import { server as serverSchema } from './schemas';
import type { NovaSession } from './session';

const GIB = 1024 * 1024 * 1024;

const withMetadata = serverSchema.extend({ metadata: z.record(z.string(), z.string()).nullish() });
export type ContentServer = z.infer<typeof withMetadata>;
const serverList = z.object({ servers: z.array(withMetadata) });
const flavorList = z.object({ flavors: z.array(z.object({ id: z.string(), vcpus: z.number(), ram: z.number(), disk: z.number() })) });
const limits = z.object({
  limits: z.object({
    absolute: z.object({
      maxTotalCores: z.number(),
      totalCoresUsed: z.number(),
      maxTotalRAMSize: z.number(),
      totalRAMUsed: z.number(),
    }),
  }),
});

/** Undefined on 404. */
export async function getServer(session: NovaSession, id: string): Promise<ContentServer | undefined> {
  const subject = `Server ${id}`;
  const res = await session.compute({ method: 'GET', path: `/servers/${encodeURIComponent(id)}` });
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw novaError(res, { subject });
  return novaAnswers.parse(z.object({ server: withMetadata }), res.body, subject, res.status).server;
}

/** Servers named exactly `name` (nova's name filter is a regex: anchored here), in `zone` when given. */
export async function serversNamed(session: NovaSession, name: string, zone?: string): Promise<ContentServer[]> {
  const query = new URLSearchParams({ name: `^${escapeRegExp(name)}$`, limit: '1000' });
  const res = await session.compute({ method: 'GET', path: `/servers/detail?${query.toString()}` });
  if (res.status !== 200) throw novaError(res, { subject: 'server list' });
  const { servers } = novaAnswers.parse(serverList, res.body, 'server list', res.status);
  return servers.filter((s) => s.name === name && (zone === undefined || s['OS-EXT-AZ:availability_zone'] === zone));
}

/** The smallest flavor (by vCPUs, then memory, then disk) with room for the shape and the disk. */
export async function smallestFlavor(session: NovaSession, cpuCount: number, memoryMb: number, diskBytes: number): Promise<string> {
  const res = await session.compute({ method: 'GET', path: '/flavors/detail' });
  if (res.status !== 200) throw novaError(res, { subject: 'flavor list' });
  const fitting = novaAnswers
    .parse(flavorList, res.body, 'flavor list', res.status)
    .flavors.filter((f) => f.vcpus >= cpuCount && f.ram >= memoryMb && f.disk * GIB >= diskBytes)
    .sort((a, b) => a.vcpus - b.vcpus || a.ram - b.ram || a.disk - b.disk);
  if (fitting.length === 0) {
    throw new CloudApiError(ErrorCode.CONFLICT, `No OpenStack flavor has ${cpuCount} vCPUs, ${memoryMb} MB and room for the disk`);
  }
  return fitting[0]!.id;
}

export interface BootRequest {
  name: string;
  imageId: string;
  flavorId: string;
  zone: string;
  metadata: Record<string, string>;
}

/** POST /servers; answers the new server's id. */
export async function bootServer(session: NovaSession, boot: BootRequest): Promise<string> {
  const res = await session.compute({
    method: 'POST',
    path: '/servers',
    json: {
      server: {
        name: boot.name,
        imageRef: boot.imageId,
        flavorRef: boot.flavorId,
        availability_zone: boot.zone,
        // Required from 2.37; a copied VM gets no network it did not ask for.
        networks: 'none',
        metadata: boot.metadata,
      },
    },
  });
  if (res.status !== 202) throw novaError(res, { subject: `new server ${boot.name}`, action: true });
  return novaAnswers.parse(z.object({ server: z.object({ id: z.string() }) }), res.body, 'new server', res.status).server.id;
}

/** Poll until the server is ACTIVE; ERROR fails it. */
export function waitServerActive(session: NovaSession, id: string, budgetMs: number): Promise<ContentServer> {
  return pollWithin(`Server ${id} building in OpenStack`, budgetMs, async () => {
    const server = await getServer(session, id);
    if (server === undefined)
      throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `OpenStack server ${id} disappeared while building`);
    if (server.status === 'ERROR')
      throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `OpenStack server ${id} went into ERROR while building`);
    return server.status === 'ACTIVE' && !server['OS-EXT-STS:task_state'] ? server : undefined;
  });
}

/** DELETE /servers/{id}, then wait until nova no longer shows it. `missingOk`: a server already gone is fine. */
export async function deleteServer(session: NovaSession, id: string, budgetMs: number, missingOk = false): Promise<void> {
  const subject = `Server ${id}`;
  const res = await session.compute({ method: 'DELETE', path: `/servers/${encodeURIComponent(id)}` });
  if (res.status === 404 && missingOk) return;
  if (res.status !== 204) throw novaError(res, { subject, action: true });
  await pollWithin(`Deleting server ${id} in OpenStack`, budgetMs, async () =>
    (await getServer(session, id)) === undefined ? true : undefined,
  );
}

/** The project's free vCPUs and memory (nova's quotas are the project's, shared by every zone); -1 is no limit. */
export async function freeQuota(session: NovaSession): Promise<{ cpuCount: number | null; memoryMb: number | null }> {
  const res = await session.compute({ method: 'GET', path: '/limits' });
  if (res.status !== 200) throw novaError(res, { subject: 'limits' });
  const a = novaAnswers.parse(limits, res.body, 'limits', res.status).limits.absolute;
  const free = (max: number, used: number): number | null => (max < 0 ? null : Math.max(0, max - used));
  return { cpuCount: free(a.maxTotalCores, a.totalCoresUsed), memoryMb: free(a.maxTotalRAMSize, a.totalRAMUsed) };
}
