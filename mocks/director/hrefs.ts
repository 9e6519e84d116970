/**
 * Legacy `/api` entities are addressed by absolute hrefs built from the bare
 * uuid of their URN (`urn:vcloud:vm:<uuid>` lives at `/api/vApp/vm-<uuid>`).
 */
import type { FastifyRequest } from 'fastify';
import type { SeedCloud, SeedVm } from '../seed';

/** Base URL as the client reached us; a real cell uses its configured public URL. */
export function baseUrl(request: FastifyRequest): string {
  return `http://${request.headers.host ?? '127.0.0.1'}`;
}

/** `urn:vcloud:vm:<uuid>` → `<uuid>`. */
export function uuidOf(urn: string): string {
  return urn.slice(urn.lastIndexOf(':') + 1);
}

export const vmHref = (base: string, urn: string): string => `${base}/api/vApp/vm-${uuidOf(urn)}`;
export const vdcHref = (base: string, urn: string): string => `${base}/api/vdc/${uuidOf(urn)}`;
export const orgHref = (base: string, urn: string): string => `${base}/api/org/${uuidOf(urn)}`;

/** The VM a `vm-<uuid>` path segment names, if any. */
export function findVm(cloud: SeedCloud, segment: string): SeedVm | undefined {
  if (!segment.startsWith('vm-')) return undefined;
  const urn = `urn:vcloud:vm:${segment.slice(3).toLowerCase()}`;
  return cloud.vms.find((vm) => vm.nativeId === urn);
}
