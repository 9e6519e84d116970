/**
 * A gateway restarted (on its durable store) while a multi-tenant cloud's sp-node is
 * down: it still knows which organizations there are and whose they are, so a tenant
 * sees what it saw before — never an empty answer that looks complete.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDurableStore } from '../../gateway/store';
import type { Store } from '../../gateway/store/types';
import { globalId } from '../support/expected';
import { vmsOfTenant } from '../support/tenancy';
import { startTopology, type Topology } from '../support/topology';

describe('a gateway restarted while an sp-node is down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overcast-restart-down-'));
  let store: Store;
  let topology: Topology;
  beforeAll(async () => {
    store = await openDurableStore(dir);
    topology = await startTopology({ store });
    await topology.gateway.checkHealth();
  });
  afterAll(async () => {
    await topology.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a tenant its VMs of the multi-tenant cloud as before', async () => {
    const director = topology.seed.clouds.find((cloud) => cloud.kind === 'director')!;
    const tenant = topology.seed.tenants.find((t) => vmsOfTenant(topology.seed, t.id).some(({ cloud }) => cloud === director))!;
    const expected = vmsOfTenant(topology.seed, tenant.id)
      .map(({ cloud, vm }) => globalId(cloud, vm.nativeId))
      .sort();
    const token = await topology.tokenFor({ subject: 'restart-test', role: 'tenant-viewer', tenantId: tenant.id });
    const vmIds = async () => {
      const answer = await topology.query<{ clouds: Array<{ vdcs: Array<{ vms: Array<{ id: string }> }> }> }>(
        '{ clouds { vdcs { vms { id } } } }',
        undefined,
        token,
      );
      return { errors: answer.errors, ids: answer.data!.clouds.flatMap((c) => c.vdcs.flatMap((v) => v.vms.map((vm) => vm.id))).sort() };
    };
    expect(await vmIds()).toEqual({ errors: undefined, ids: expected });

    await topology.cloud(director.id).spNode!.close();
    await topology.restartGateway(async () => {
      await store.close();
      return (store = await openDurableStore(dir));
    });
    await topology.gateway.checkHealth();
    // The VMs come from the cloud-nodes (all up); tenancy is what the sp-node last said.
    expect(await vmIds()).toEqual({ errors: undefined, ids: expected });
  });
});
