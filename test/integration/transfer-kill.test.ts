/**
 * Checkpoint restart with real processes: the destination cloud-node runs as a process
 * of its own and is killed with SIGKILL in the middle of a copy; started again on its
 * port, it is seen back by the gateway's health checks and the copy continues from the
 * last acknowledged chunk. The mock clouds and the gateway run in this process, on
 * loopback; every byte goes over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { issueToken } from '../../gateway/auth/tokens';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { startMockCloud, type MockCloud } from '../../mocks';
import { seededDisk } from '../../mocks/content/seededBytes';
import { vmDiskKey } from '../../mocks/content/seededContent';
import { buildSeed, type SeedCloud } from '../../mocks/seed';
import { cloudNodeEnvFor } from '../support/cloudOptions';
import { globalId } from '../support/expected';
import { freePort } from '../support/ports';
import { killAll, startPart, type Part } from '../support/processes';
import { postGraphQL } from '../support/topology';
import { transferEnded, transferPast } from '../support/transfers';

const DISK_BYTES = 6 * 1024 * 1024 + 321;
const CHUNK_BYTES = 256 * 1024;
/** What an interrupted run may have fetched past its last checkpoint: the chunk being written and the one fetched ahead. */
const IN_FLIGHT_BYTES = 2 * CHUNK_BYTES;

interface View {
  state: string;
  error: string | null;
  resumes: number;
  bytesSent: number;
  targetChecksum: string | null;
  progress: { phase: string; bytesDone: number; bytesTotal: number };
}
const READ =
  'query($id: ID!) { transfer(id: $id) { state error resumes bytesSent targetChecksum progress { phase bytesDone bytesTotal } } }';

describe('a destination node killed with SIGKILL mid-copy', () => {
  const seed = buildSeed();
  const source = seed.clouds.find((c) => c.kind === 'vsphere')!;
  const target = seed.clouds.find((c) => c.kind === 'director')!;
  const mocks = new Map<string, MockCloud>();
  const nodes = new Map<string, { part: Part; env: Record<string, string> }>();
  let gateway: RunningGateway;
  let token: string;

  const startNode = async (cloud: SeedCloud, env?: Record<string, string>) => {
    const mock = mocks.get(cloud.id)!;
    const nodeEnv = env ?? {
      ...cloudNodeEnvFor(mock, cloud.kind),
      CLOUD_ID: cloud.id,
      NODE_SECRET: randomBytes(32).toString('hex'),
      NODE_PORT: String(await freePort()),
      WATCH_INTERVAL_MS: '0',
      CLOUD_PROBE_INTERVAL_MS: '0',
    };
    nodes.set(cloud.id, { part: await startPart({ script: 'subgraphs/cloud-node/main.ts', env: nodeEnv }), env: nodeEnv });
  };

  beforeAll(async () => {
    for (const cloud of [source, target]) mocks.set(cloud.id, await startMockCloud(cloud, { diskBytes: DISK_BYTES }));
    await Promise.all([source, target].map((cloud) => startNode(cloud)));
    const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };
    gateway = await startGateway({
      config: {
        port: 0,
        logLevel: 'silent',
        nodeTimeoutMs: 5000,
        auth,
        nodes: [source, target].map((cloud) => ({
          cloudId: cloud.id,
          kind: 'cloud-node' as const,
          url: nodes.get(cloud.id)!.part.url,
          secret: nodes.get(cloud.id)!.env.NODE_SECRET!,
        })),
        tenants: [],
        orgDiscoveryIntervalMs: 0,
        healthCheckIntervalMs: 200,
        inventorySyncIntervalMs: 0,
        console: { enabled: false },
        billing: { meter: { enabled: false } },
        transfers: { chunkBytes: CHUNK_BYTES, stallMs: 60_000 },
      },
    });
    token = await issueToken(auth, { subject: 'admin', role: 'provider-admin' });
  }, 60_000);
  afterAll(async () => {
    await gateway?.close();
    await killAll();
    for (const mock of mocks.values()) await mock.close();
  });

  it('resumes from its checkpoint once started again, and the copy has the source checksum', async () => {
    const read = async (id: string): Promise<View> =>
      (await postGraphQL<{ transfer: View }>(gateway.url, READ, { id }, token)).data!.transfer;
    const vm = source.vms.find((v) => v.powerState === 'POWERED_OFF')!;
    const targetMock = mocks.get(target.id)!;
    targetMock.setFaults({ latencyMs: 40 });
    const res = await postGraphQL<{ copyVm: { id: string } }>(
      gateway.url,
      'mutation($input: CopyVmInput!) { copyVm(input: $input) { id } }',
      {
        input: { vmId: globalId(source, vm.nativeId), targetVdcId: globalId(target, target.vdcs[0]!.nativeId), name: `${vm.name}-killed` },
      },
      token,
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.copyVm.id;
    const before = await transferPast(read, id, 1 / 3);
    const destination = nodes.get(target.id)!;
    expect(await destination.part.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    targetMock.setFaults({ latencyMs: 0 });
    await startNode(target, destination.env);

    const done = await transferEnded(read, id);
    expect(done).toMatchObject({
      state: 'SUCCEEDED',
      error: null,
      targetChecksum: await seededDisk(vmDiskKey(source.id, vm.nativeId), DISK_BYTES).sha256(),
    });
    expect(done.resumes).toBeGreaterThanOrEqual(1);
    // Not from zero: what was acknowledged before the kill was not fetched again.
    // Not from zero: the export once, plus at most the chunks in flight when the node died (one being written,
    // one fetched ahead). A restart from zero would fetch again all that was acknowledged before the kill.
    expect(before.progress.bytesDone).toBeGreaterThan(IN_FLIGHT_BYTES);
    expect(done.bytesSent).toBeLessThanOrEqual(done.progress.bytesTotal + IN_FLIGHT_BYTES);
    expect(targetMock.cloud.vms.filter((v) => v.name === `${vm.name}-killed`)).toHaveLength(1);
  }, 90_000);
});
