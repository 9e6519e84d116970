/**
 * The metrics application's figures, reused for a sampling interval that an
 * administrator sets by configuration (metricsSamplingIntervalMs; 0: every request
 * asks). The figures are per VM and tenant-unaware, so sharing them across requests
 * shares nothing of one tenant with another: the per-org filter runs per request.
 */
import type { MetricsClient, VmMetrics } from './types';

export interface SampledMetrics extends MetricsClient {
  setSamplingInterval(ms: number): void;
}

export function sampledMetrics(client: MetricsClient, now: () => number = Date.now): SampledMetrics {
  let intervalMs = 0;
  let sample: { at: number; value: Promise<Map<string, VmMetrics>> } | undefined;
  return {
    latestByVm() {
      if (sample && now() - sample.at < intervalMs) return sample.value;
      const value = client.latestByVm();
      sample = { at: now(), value };
      // A failed read is not reused.
      value.catch(() => {
        if (sample?.value === value) sample = undefined;
      });
      return value;
    },
    setSamplingInterval(ms) {
      intervalMs = ms;
      sample = undefined;
    },
    close: () => client.close(),
  };
}
