/**
 * A transfer outlives the gateway that coordinates it: its checkpoint is in the durable
 * store, and the gateway started again on that store resumes it from there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDurableStore } from '../../gateway/store';
import type { Store } from '../../gateway/store/types';
import { seededDisk } from '../../mocks/content/seededBytes';
import { vmDiskKey } from '../../mocks/content/seededContent';
import { globalId } from '../support/expected';
import { inProcessTopology } from '../support/feeds';
import type { Topology } from '../support/topology';
import { transferEnded, transferPast } from '../support/transfers';

const DISK_BYTES = 3 * 1024 * 1024 + 99;

const READ = `query($id: ID!) { transfer(id: $id) { state resumes targetChecksum progress { phase bytesDone bytesTotal } } }`;
interface View {
  state: string;
  resumes: number;
  targetChecksum: string | null;
  progress: { phase: string; bytesDone: number; bytesTotal: number };
}

describe('a transfer across a gateway restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overcast-transfer-restart-'));
  let store: Store;
  let topology: Topology;
  beforeAll(async () => {
    store = await openDurableStore(dir);
    topology = await inProcessTopology({
      store,
      diskBytes: DISK_BYTES,
      watchIntervalMs: 0,
      gatewayOverrides: { transfers: { chunkBytes: 128 * 1024, stallMs: 2000 } },
    });
  });
  afterAll(async () => {
    await topology.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const read = async (id: string): Promise<View> => (await topology.query<{ transfer: View }>(READ, { id })).data!.transfer;

  it('is resumed from its stored checkpoint by the next gateway, and ends with the source checksum', async () => {
    const from = topology.seed.clouds.find((c) => c.kind === 'director')!;
    const to = topology.seed.clouds.find((c) => c.kind === 'nova')!;
    const vm = from.vms.find((v) => v.powerState === 'POWERED_OFF')!;
    const toMock = topology.cloud(to.id).mock;
    // Slow chunks at the destination: the copy is still running while the gateway is away.
    toMock.setFaults({ latencyMs: 60 });
    const res = await topology.query<{ copyVm: { id: string } }>('mutation($input: CopyVmInput!) { copyVm(input: $input) { id } }', {
      input: { vmId: globalId(from, vm.nativeId), targetVdcId: globalId(to, to.vdcs[1]!.nativeId), name: `${vm.name}-across-restart` },
    });
    expect(res.errors).toBeUndefined();
    const id = res.data!.copyVm.id;
    const before = await transferPast(read, id, 1 / 4);
    await topology.restartGateway(async () => {
      await store.close();
      return (store = await openDurableStore(dir));
    });
    // What the first gateway acknowledged survived it.
    const after = await read(id);
    expect(after.state).toBe('RUNNING');
    expect(after.progress.bytesDone).toBeGreaterThanOrEqual(before.progress.bytesDone);
    toMock.setFaults({ latencyMs: 0 });
    const done = await transferEnded(read, id);
    expect(done).toMatchObject({
      state: 'SUCCEEDED',
      targetChecksum: await seededDisk(vmDiskKey(from.id, vm.nativeId), DISK_BYTES).sha256(),
    });
    expect(done.resumes).toBeGreaterThanOrEqual(1);
    // One copy at the destination, not two.
    expect(toMock.cloud.vms.filter((v) => v.name === `${vm.name}-across-restart`)).toHaveLength(1);
  });
});
