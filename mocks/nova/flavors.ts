/**
 * The account's flavors: every combination of the seed's vCPU, memory and disk
 * choices, named as an operator might (`ov.c2r4d40`: 2 vCPUs, 4 GiB, 40 GB), so the
 * seeded servers' sizes each have one. `GET /flavors`, `/flavors/detail` (sorted by
 * id, as nova's default sort_key flavorid does) and `GET /flavors/{id}`.
 */
import type { FastifyInstance } from 'fastify';
import { novaFault } from './faults';
import type { NovaState } from './state';

export interface Flavor {
  id: string;
  name: string;
  vcpus: number;
  /** MiB */
  ram: number;
  /** GB */
  disk: number;
}

const CPUS = [1, 2, 4, 8];
const RAM_GB = [1, 2, 4, 8, 16];
const DISK_GB = [20, 40, 80, 160];

export const FLAVORS: readonly Flavor[] = CPUS.flatMap((vcpus) =>
  RAM_GB.flatMap((gb) =>
    DISK_GB.map((disk) => {
      const name = `ov.c${vcpus}r${gb}d${disk}`;
      return { id: name, name, vcpus, ram: gb * 1024, disk };
    }),
  ),
).sort((a, b) => a.id.localeCompare(b.id));

/** The flavor a `flavorRef` names: its id, or a link ending in it. */
export function flavorByRef(ref: string): Flavor | undefined {
  const id = ref.includes('/') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
  return FLAVORS.find((f) => f.id === id);
}

export function registerFlavors(scope: FastifyInstance, state: NovaState, links: (request: unknown) => string): void {
  const view = (f: Flavor, base: string, detail: boolean) => ({
    id: f.id,
    name: f.name,
    links: [
      { rel: 'self', href: `${base}/flavors/${f.id}` },
      { rel: 'bookmark', href: `${state.baseUrl}/compute/flavors/${f.id}` },
    ],
    ...(detail
      ? {
          vcpus: f.vcpus,
          ram: f.ram,
          disk: f.disk,
          'OS-FLV-EXT-DATA:ephemeral': 0,
          swap: 0,
          rxtx_factor: 1.0,
          'os-flavor-access:is_public': true,
          description: null,
        }
      : {}),
  });
  scope.get('/flavors', async (request) => ({ flavors: FLAVORS.map((f) => view(f, links(request), false)) }));
  scope.get('/flavors/detail', async (request) => ({ flavors: FLAVORS.map((f) => view(f, links(request), true)) }));
  scope.get<{ Params: { id: string } }>('/flavors/:id', async (request, reply) => {
    const flavor = FLAVORS.find((f) => f.id === request.params.id);
    if (!flavor) return novaFault(reply, 404, `Flavor ${request.params.id} could not be found.`);
    return { flavor: view(flavor, links(request), true) };
  });
}
