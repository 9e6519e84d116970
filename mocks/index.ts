/** The front door to the simulated clouds: start one for a seeded cloud, by kind. */
import { startDirectorMock } from './director';
import { startNovaMock } from './nova';
import type { MockCloud, MockServerOptions } from './server';
import type { SeedCloud } from './seed';
import { startVsphereMock } from './vsphere';

export type { Faults, MockCloud, MockServerOptions } from './server';

/** Start a mock of `cloud`'s API. It serves (and mutates) a copy of the seed, never the seed itself. */
export function startMockCloud(cloud: SeedCloud, options: MockServerOptions = {}): Promise<MockCloud> {
  const state = structuredClone(cloud);
  switch (cloud.kind) {
    case 'vsphere':
      return startVsphereMock(state, options);
    case 'director':
      return startDirectorMock(state, options);
    case 'nova':
      return startNovaMock(state, options);
    default: {
      const unreachable: never = cloud.kind;
      throw new Error(`unknown cloud kind ${String(unreachable)}`);
    }
  }
}
