import { nodeHealthStatus } from '../../gateway/nodes/health';
import type { CloudHealth } from '../../schema/cloudHealth';

const LIMIT = 2000;
const at = new Date(0).toISOString();
const reachable = (latencyMs: number): CloudHealth => ({ reachable: true, latencyMs, checkedAt: at });
const unreachable: CloudHealth = { reachable: false, latencyMs: null, checkedAt: at, failure: 'timeout' };

describe('nodeHealthStatus', () => {
  it('is DOWN when the node did not answer, whatever it last said of its cloud', () => {
    expect(nodeHealthStatus({ up: false }, LIMIT)).toBe('DOWN');
    expect(nodeHealthStatus({ up: false, cloud: reachable(1) }, LIMIT)).toBe('DOWN');
  });

  it('is UP when the node answered and reports no probe of its cloud', () => {
    expect(nodeHealthStatus({ up: true }, LIMIT)).toBe('UP');
  });

  it('is UP when the cloud answered the probe within the degraded latency, the limit included', () => {
    expect(nodeHealthStatus({ up: true, cloud: reachable(0) }, LIMIT)).toBe('UP');
    expect(nodeHealthStatus({ up: true, cloud: reachable(LIMIT) }, LIMIT)).toBe('UP');
  });

  it('is DEGRADED when the cloud answered slower than the degraded latency', () => {
    expect(nodeHealthStatus({ up: true, cloud: reachable(LIMIT + 1) }, LIMIT)).toBe('DEGRADED');
  });

  it('is DEGRADED when the node answered but its cloud did not', () => {
    expect(nodeHealthStatus({ up: true, cloud: unreachable }, LIMIT)).toBe('DEGRADED');
  });
});
