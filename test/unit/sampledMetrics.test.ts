import { sampledMetrics } from '../../subgraphs/sp-node/clients/sampledMetrics';
import type { MetricsClient, VmMetrics } from '../../subgraphs/sp-node/clients/types';

describe('metrics sampling (a node setting)', () => {
  const fake = () => {
    let calls = 0;
    const client: MetricsClient = {
      latestByVm: async () =>
        new Map<string, VmMetrics>([
          ['vm', { placementKey: 'vm', cpuUsageMhz: ++calls, memoryUsedMb: 0, storageUsedGb: 0, networkKbps: 0 }],
        ]),
      close: async () => undefined,
    };
    return { client, calls: () => calls };
  };

  it('asks the metrics application on every read by default', async () => {
    const { client, calls } = fake();
    const sampled = sampledMetrics(client);
    await sampled.latestByVm();
    await sampled.latestByVm();
    expect(calls()).toBe(2);
  });

  it('reuses one sample for the configured interval, then asks again', async () => {
    const { client, calls } = fake();
    let now = 1000;
    const sampled = sampledMetrics(client, () => now);
    sampled.setSamplingInterval(60_000);
    const first = await sampled.latestByVm();
    now += 59_999;
    expect(await sampled.latestByVm()).toBe(first);
    now += 1;
    expect((await sampled.latestByVm()).get('vm')?.cpuUsageMhz).toBe(2);
    expect(calls()).toBe(2);
  });
});
