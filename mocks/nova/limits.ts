/**
 * `GET /limits`: the project's absolute compute quotas and what it uses of them.
 * Nova's quotas are per project, not per availability zone (no AZ-scoped quota
 * exists in nova), so every zone of the account shares them; the mock models it so.
 * The quota is the seed's zones added up: 1 vCPU per 1000 MHz of each zone's CPU
 * limit and its memory limit in MiB. Usage counts every server of the project,
 * powered off or not (nova counts instances, not running ones). Nova has no disk
 * quota (that is Cinder's), so there is none here either.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SeedCloud } from '../seed';
import { PROJECT, type NovaState } from './state';

export interface NovaQuota {
  cores: number;
  ramMb: number;
  instances: number;
}

/** The project's quota, from the seed (tests compute the expected free capacity with it). */
export function novaQuota(cloud: Pick<SeedCloud, 'vdcs'>): NovaQuota {
  return {
    cores: Math.floor(cloud.vdcs.reduce((sum, v) => sum + v.cpuLimitMhz, 0) / 1000),
    ramMb: cloud.vdcs.reduce((sum, v) => sum + v.memoryLimitMb, 0),
    instances: 100,
  };
}

/** What the project uses: every server it has. */
export function novaUsed(state: NovaState): { cores: number; ramMb: number; instances: number } {
  return {
    cores: state.cloud.vms.reduce((sum, vm) => sum + vm.cpuCount, 0),
    ramMb: state.cloud.vms.reduce((sum, vm) => sum + vm.memoryMb, 0),
    instances: state.cloud.vms.length,
  };
}

export function registerLimits(scope: FastifyInstance, state: NovaState, projectOf: (request: FastifyRequest) => string | undefined): void {
  scope.get('/limits', async (request) => {
    const quota = novaQuota(state.cloud);
    // A project owning no servers uses nothing (the seed's servers are all the first project's).
    const used = projectOf(request) === PROJECT.id ? novaUsed(state) : { cores: 0, ramMb: 0, instances: 0 };
    return {
      limits: {
        rate: [],
        absolute: {
          maxImageMeta: 128,
          maxServerMeta: 128,
          maxTotalCores: quota.cores,
          maxTotalInstances: quota.instances,
          maxTotalKeypairs: 100,
          maxTotalRAMSize: quota.ramMb,
          maxServerGroups: 10,
          maxServerGroupMembers: 10,
          totalCoresUsed: used.cores,
          totalInstancesUsed: used.instances,
          totalRAMUsed: used.ramMb,
          totalServerGroupsUsed: 0,
        },
      },
    };
  });
}
