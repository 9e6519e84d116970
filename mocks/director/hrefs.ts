/**
 * Legacy `/api` entities are addressed by absolute hrefs built from the bare
 * uuid of their URN (`urn:vcloud:vm:<uuid>` lives at `/api/vApp/vm-<uuid>`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SeedCloud, SeedVm } from '../seed';

/** A cell's configured public URL, per mock server (set by `POST /__mock/public-url`). */
const publicUrls = new WeakMap<FastifyInstance, string>();

/**
 * Mock-only: write hrefs with `url`, as a cell whose public URL is set to what a
 * proxy in front of it serves (`https://vcd.example.com/tenant-cloud`); `undefined`:
 * as the client reached us.
 */
export function setPublicUrl(app: FastifyInstance, url: string | undefined): void {
  if (url === undefined) publicUrls.delete(app);
  else publicUrls.set(app, url.replace(/\/$/, ''));
}

/** Base URL of hrefs: the public URL when one is set, else as the client reached us (`https:` when served with TLS). */
export function baseUrl(request: FastifyRequest): string {
  return publicUrls.get(request.server) ?? `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`;
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
