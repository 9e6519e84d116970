/**
 * Scenario 6 — a 1 GiB disk copied between two clouds, node to node.
 *
 * Two mock clouds (the demo's vSphere `dc-east` and Director `vcd-nl`) and their
 * cloud-nodes each run in a process of their own, every seeded disk BENCH_TRANSFER_BYTES
 * (default 1 GiB) generated from the seed as it is read; the gateway runs in this
 * process (its memory is not what is measured) with health checks every 500 ms. Two
 * copies of one powered-off vSphere VM into a Director VDC:
 *
 * 1. uninterrupted: throughput (disk bytes ÷ seconds from copyVm to SUCCEEDED), and the
 *    peak RSS of each node (VmHWM from /proc at the end: the high-water mark, not a
 *    sample), which must stay far below the disk size;
 * 2. interrupted: the destination node killed with SIGKILL at 40 %, started again on
 *    the same port; the time from its restart to the first newly acknowledged byte
 *    (the gateway notices it back, resumes from the checkpoint) and the bytes the
 *    destination fetched in all, as a multiple of the disk.
 *
 * Both copies' checksums are checked against the seeded disk's SHA-256. Chunks are the
 * gateway's default (4 MiB). Everything listens on 127.0.0.1 and every wait is bounded.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { issueToken } from '../../gateway/auth/tokens';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { seededDisk } from '../../mocks/content/seededBytes';
import { vmDiskKey } from '../../mocks/content/seededContent';
import { buildSeed, type SeedCloud } from '../../mocks/seed';
import { postGraphQL } from '../../test/support/topology';
import { freePort } from '../../test/support/ports';
import { envNumber, printTable, writeResults } from '../lib/report';
import { startChild, type BenchChild } from '../lib/procs';

const SOURCE = 'dc-east';
const TARGET = 'vcd-nl';
const DEADLINE_MS = 600_000;
const POLL_MS = 100;

const TRANSFER = `query($id: ID!) { transfer(id: $id) { state error progress { phase bytesDone bytesTotal } bytesSent resumes sourceChecksum targetChecksum } }`;
const COPY = `mutation($input: CopyVmInput!) { copyVm(input: $input) { id } }`;

interface TransferState {
  state: string;
  error: string | null;
  progress: { phase: string; bytesDone: number; bytesTotal: number };
  bytesSent: number;
  resumes: number;
  sourceChecksum: string | null;
  targetChecksum: string | null;
}

/** Peak resident memory of a process so far (VmHWM), MiB. */
function peakRssMiB(pid: number): number {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return kb ? Number(kb[1]) / 1024 : NaN;
}

interface Part {
  mock: BenchChild;
  node: BenchChild;
  nodePort: number;
  secret: string;
  env: Record<string, string>;
}

async function startCloud(cloud: SeedCloud, diskBytes: number): Promise<Part> {
  const mock = await startChild(`mock ${cloud.id}`, 'mocks/main.ts', { MOCK_DISK_BYTES: String(diskBytes) }, [], [cloud.id]);
  const info = mock.info as unknown as { apiUrl: string; username: string; password: string };
  const secret = randomBytes(32).toString('hex');
  const nodePort = await freePort();
  const env = {
    CLOUD_ID: cloud.id,
    CLOUD_NAME: cloud.name,
    CLOUD_KIND: cloud.kind,
    CLOUD_API_URL: info.apiUrl,
    CLOUD_USERNAME: info.username,
    CLOUD_PASSWORD: info.password,
    NODE_SECRET: secret,
    NODE_PORT: String(nodePort),
    WATCH_INTERVAL_MS: '0',
  };
  const node = await startChild(`cloud-node ${cloud.id}`, 'subgraphs/cloud-node/main.ts', env);
  return { mock, node, nodePort, secret, env };
}

export async function transfer(): Promise<void> {
  const diskBytes = envNumber('BENCH_TRANSFER_BYTES', 1024 * 1024 * 1024, 8 * 1024 * 1024 * 1024);
  const seed = buildSeed();
  const source = seed.clouds.find((c) => c.id === SOURCE)!;
  const target = seed.clouds.find((c) => c.id === TARGET)!;
  const vm = source.vms.find((v) => v.powerState === 'POWERED_OFF')!;
  const expectedSha = await seededDisk(vmDiskKey(source.id, vm.nativeId), diskBytes).sha256();
  const parts: Part[] = [];
  let gateway: RunningGateway | undefined;
  try {
    for (const cloud of [source, target]) parts.push(await startCloud(cloud, diskBytes));
    const [src, dst] = parts as [Part, Part];
    const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };
    gateway = await startGateway({
      config: {
        port: 0,
        logLevel: 'silent',
        nodeTimeoutMs: 10_000,
        auth,
        nodes: [
          { cloudId: source.id, kind: 'cloud-node', url: src.node.info.url, secret: src.secret },
          { cloudId: target.id, kind: 'cloud-node', url: dst.node.info.url, secret: dst.secret },
        ],
        tenants: seed.tenants.map((t) => ({
          id: t.id,
          name: t.name,
          clouds: seed.clouds.filter((c) => c.ownerTenantId === t.id).map((c) => c.id),
        })),
        orgDiscoveryIntervalMs: 0,
        healthCheckIntervalMs: 500,
        inventorySyncIntervalMs: 0,
        console: { enabled: false },
        billing: { meter: { enabled: false } },
      },
    });
    const url = gateway.url;
    const token = await issueToken(auth, { subject: 'bench', role: 'provider-admin' });
    const read = async (id: string): Promise<TransferState> => {
      const res = await postGraphQL<{ transfer: TransferState }>(url, TRANSFER, { id }, token);
      if (!res.data?.transfer) throw new Error(`transfer ${id} unreadable: ${JSON.stringify(res.errors)}`);
      return res.data.transfer;
    };
    const copy = async (name: string, vdcIndex: number): Promise<string> => {
      const res = await postGraphQL<{ copyVm: { id: string } }>(
        url,
        COPY,
        { input: { vmId: `${source.id}:${vm.nativeId}`, targetVdcId: `${target.id}:${target.vdcs[vdcIndex]!.nativeId}`, name } },
        token,
      );
      if (!res.data?.copyVm) throw new Error(`copyVm refused: ${JSON.stringify(res.errors)}`);
      return res.data.copyVm.id;
    };
    const until = async (id: string, what: string, done: (t: TransferState) => boolean): Promise<TransferState> => {
      const deadline = Date.now() + DEADLINE_MS;
      for (;;) {
        const t = await read(id);
        if (done(t)) return t;
        if (t.state !== 'RUNNING') throw new Error(`transfer ${id} ended (${t.state}: ${t.error}) before ${what}`);
        if (Date.now() > deadline) throw new Error(`transfer ${id}: no ${what} within ${DEADLINE_MS} ms (last ${JSON.stringify(t)})`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    };
    const finished = (t: TransferState): boolean => t.state !== 'RUNNING';
    const check = (t: TransferState, label: string): void => {
      if (t.state !== 'SUCCEEDED' || t.targetChecksum !== expectedSha || t.sourceChecksum !== expectedSha)
        throw new Error(
          `${label}: ${t.state} ${t.error ?? ''} source ${t.sourceChecksum} target ${t.targetChecksum} expected ${expectedSha}`,
        );
    };

    const atRest = { source: src.node.rssMiB(), target: dst.node.rssMiB() };
    // 1. Uninterrupted.
    const t0 = performance.now();
    const first = await until(await copy(`${vm.name}-bench-1`, 0), 'end', finished);
    const seconds = (performance.now() - t0) / 1000;
    check(first, 'uninterrupted copy');
    const peaks = { source: peakRssMiB(src.node.pid), target: peakRssMiB(dst.node.pid) };

    // 2. Interrupted at 40 %: the destination node killed, started again on its port.
    const id = await copy(`${vm.name}-bench-2`, 1);
    const before = await until(id, '40 %', (t) => t.progress.bytesTotal > 0 && t.progress.bytesDone >= 0.4 * t.progress.bytesTotal);
    dst.node.process.kill('SIGKILL');
    await new Promise((resolve) => dst.node.process.once('exit', resolve));
    const killedAt = await read(id);
    const restartAt = performance.now();
    dst.node = await startChild(`cloud-node ${target.id} (restarted)`, 'subgraphs/cloud-node/main.ts', dst.env);
    const readyAt = performance.now();
    const resumed = await until(
      id,
      'progress after the restart',
      (t) => t.progress.bytesDone > killedAt.progress.bytesDone && t.resumes > 0,
    );
    const resumedAt = performance.now();
    const second = await until(id, 'end', finished);
    check(second, 'interrupted copy');

    const mib = diskBytes / 1024 / 1024;
    const rows = [
      ['disk', `${mib.toFixed(0)} MiB`],
      ['copy, uninterrupted', `${seconds.toFixed(1)} s, ${(mib / seconds).toFixed(0)} MiB/s`],
      ['RSS at rest, source / destination node', `${atRest.source.toFixed(0)} / ${atRest.target.toFixed(0)} MiB`],
      ['peak RSS, source node', `${peaks.source.toFixed(0)} MiB`],
      ['peak RSS, destination node', `${peaks.target.toFixed(0)} MiB`],
      ['killed at', `${((100 * before.progress.bytesDone) / before.progress.bytesTotal).toFixed(0)} % acknowledged`],
      ['restart → node listening', `${((readyAt - restartAt) / 1000).toFixed(2)} s`],
      ['node listening → copy moving again', `${((resumedAt - readyAt) / 1000).toFixed(2)} s`],
      ['bytes fetched in all (interrupted copy)', `${(second.bytesSent / second.progress.bytesTotal).toFixed(2)} × the export`],
      ['resumes', String(second.resumes)],
    ];
    printTable('a disk copied node to node (vSphere → Director)', ['measure', 'figure'], rows);
    writeResults('transfer', {
      diskBytes,
      seconds,
      mibPerSecond: mib / seconds,
      rssAtRestMiB: atRest,
      peakRssMiB: peaks,
      killedAtBytes: before.progress.bytesDone,
      restartToListeningSeconds: (readyAt - restartAt) / 1000,
      listeningToResumedSeconds: (resumedAt - readyAt) / 1000,
      bytesSentRatio: second.bytesSent / second.progress.bytesTotal,
      resumes: second.resumes,
      resumedProgress: resumed.progress,
    });
  } finally {
    await gateway?.close().catch(() => undefined);
    for (const part of parts.reverse()) {
      await part.node.stop().catch(() => undefined);
      await part.mock.stop().catch(() => undefined);
    }
  }
}
