/**
 * The sp-node clients' own schemas and mappings over answers shaped like the
 * vendors' published samples, not like our mocks:
 * - test/fixtures/metrics/: an Aria Operations `resources` page of VirtualMachine
 *   resources with the vCenter adapter's identifier set, and a `stats/latest/query`
 *   answer (`stats-of-resources`, with `rollUpType` and `intervalUnit`); see its README.
 * - test/fixtures/director/tenancy-*.json: `QueryResultRecords` pages of
 *   `QueryResultAdminVdcRecordType` (one VDC per allocation model, the
 *   ReservationPool one with null and absent figures), `QueryResultOrgRecordType` and
 *   `QueryResultVMWProviderVdcRecordType` as a cell's JSON sends them (`"id": null`,
 *   `_type`), from the API 38.0/39.1 type references; and a cloudapi page of
 *   `VCenterServer` values (cloudapi `virtualCenters` reference: `vcId`, `uuid`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudapiPageSchema, queryPageSchema } from '../../subgraphs/shared/director/query';
import { orgVdcSchema, toOrgVdc } from '../../subgraphs/sp-node/clients/allocation';
import { orgSchema, providerOf, providerVdcSchema, toOrg } from '../../subgraphs/sp-node/clients/director';
import { vcenterSchema, vcenterUuids } from '../../subgraphs/sp-node/clients/vcenters';
import { metricsOf, statsSchema } from '../../subgraphs/sp-node/clients/metrics';
import { resourcesSchema, vmResourcesOf } from '../../subgraphs/sp-node/clients/suiteApi';

const fixture = (path: string): unknown => JSON.parse(readFileSync(join(__dirname, '../fixtures', path), 'utf8'));

describe('metrics application answers in the published shape', () => {
  const page = resourcesSchema.parse(fixture('metrics/resources-virtualmachine.json'));

  it('keys VM resources by vCenter instance uuid and moref, not by VMEntityInstanceUUID', () => {
    expect(page.pageInfo).toEqual({ totalCount: 3, pageSize: 1000 });
    expect(vmResourcesOf(page)).toEqual([
      { resourceId: 'f1b5e0c2-3f0a-4d61-9e2c-7a8b6d5c4e31', placementKey: '9b8e3a62-1c4d-4a7e-8f20-6d5c4b3a2f19/vm-1234' },
      // The same moref in another vCenter is another VM; the vCenter uuid is compared in lower case.
      { resourceId: '0a9c8e7d-6b5f-4a3e-8d2c-1b0f9e8d7c6a', placementKey: 'e4d2c1b0-7a6f-4e5d-8c3b-2a1f0e9d8c7b/vm-1234' },
    ]);
  });

  it('reads the latest sample of each statistic in the reported units', () => {
    const stats = statsSchema.parse(fixture('metrics/stats-latest.json'));
    const vmOf = new Map(vmResourcesOf(page).map((r) => [r.resourceId, r.placementKey]));
    expect(metricsOf(stats, vmOf)).toEqual([
      {
        placementKey: '9b8e3a62-1c4d-4a7e-8f20-6d5c4b3a2f19/vm-1234',
        cpuUsageMhz: 1523.4666748046875,
        // 3145728 KB
        memoryUsedMb: 3072,
        // The later of two samples.
        storageUsedGb: 42.25,
        // 312.5333… KBps × 8
        networkKbps: 312.5333251953125 * 8,
      },
      // Only the disks published recently (a stopped VM with currentOnly): the rest is 0.
      { placementKey: 'e4d2c1b0-7a6f-4e5d-8c3b-2a1f0e9d8c7b/vm-1234', cpuUsageMhz: 0, memoryUsedMb: 0, storageUsedGb: 120, networkKbps: 0 },
    ]);
  });
});

describe('director tenancy answers in the published shape', () => {
  it('maps adminOrgVdc records of every allocation model to figures in one meaning', () => {
    const page = queryPageSchema(orgVdcSchema).parse(fixture('director/tenancy-adminOrgVdc.json'));
    const acme = 'urn:vcloud:org:a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    const globex = 'urn:vcloud:org:b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e';
    expect((page.record ?? []).map(toOrgVdc)).toEqual([
      {
        id: 'urn:vcloud:vdc:3c5f1a2e-8d4b-4e6f-9a1c-2b7d0e5f4a31',
        name: 'acme-payg',
        orgId: acme,
        allocationModel: 'AllocationVApp',
        // Pay-as-you-go: the CPU limit caps it; memory and storage limits of 0 are none.
        cpuLimitMhz: 20000,
        cpuUsedMhz: 6000,
        memoryLimitMb: null,
        memoryUsedMb: 12288,
        storageLimitMb: null,
        storageUsedMb: 245760,
        vmCount: 5,
        poweredOnVmCount: 3,
      },
      {
        id: 'urn:vcloud:vdc:4d6e2b3f-9e5c-4f70-8b2d-3c8e1f6a5b42',
        name: 'acme-pool',
        orgId: acme,
        allocationModel: 'AllocationPool',
        cpuLimitMhz: 40000,
        cpuUsedMhz: 14000,
        memoryLimitMb: 131072,
        memoryUsedMb: 40960,
        storageLimitMb: 2097152,
        storageUsedMb: 512000,
        vmCount: 8,
        poweredOnVmCount: 7,
      },
      {
        id: 'urn:vcloud:vdc:5e7f3c40-af6d-4081-9c3e-4d9f2a7b6c53',
        name: 'globex-reserved',
        orgId: globex,
        allocationModel: 'ReservationPool',
        cpuLimitMhz: 50000,
        // 36 % and 45 % of the reservation.
        cpuUsedMhz: 18000,
        memoryLimitMb: 204800,
        memoryUsedMb: 92160,
        storageLimitMb: 1048576,
        // null and absent figures count as 0.
        storageUsedMb: 0,
        vmCount: 6,
        poweredOnVmCount: 0,
      },
      {
        id: 'urn:vcloud:vdc:6f8a4d51-b07e-4192-8d4f-5eaf3b8c7d64',
        name: 'globex-flex',
        orgId: globex,
        allocationModel: 'Flex',
        // Flex with a CPU limit of 0: unlimited CPU.
        cpuLimitMhz: null,
        cpuUsedMhz: 8000,
        memoryLimitMb: 65536,
        memoryUsedMb: 30720,
        storageLimitMb: 524288,
        storageUsedMb: 131072,
        vmCount: 4,
        poweredOnVmCount: 4,
      },
    ]);
  });

  it('takes a pool’s size from its limit when the record’s allocation is 0 or absent, never counting it unlimited', () => {
    const page = queryPageSchema(orgVdcSchema).parse(fixture('director/tenancy-adminOrgVdc.json'));
    const of = (name: string) => (page.record ?? []).find((r) => r.name === name)!;
    const pool = of('acme-pool');
    const reserved = of('globex-reserved');
    for (const allocation of [0, null, undefined]) {
      const unsetPool = toOrgVdc({ ...pool, cpuAllocationMhz: allocation, memoryAllocationMB: allocation });
      expect(unsetPool).toMatchObject({ cpuLimitMhz: pool.cpuLimitMhz, memoryLimitMb: pool.memoryLimitMB });
      const unsetReservation = toOrgVdc({ ...reserved, cpuAllocationMhz: allocation, memoryAllocationMB: allocation });
      // "used" stays a percentage of the reservation, which is the limit.
      expect(unsetReservation).toMatchObject({
        cpuLimitMhz: reserved.cpuLimitMhz,
        cpuUsedMhz: Math.round((reserved.cpuUsedMhz! * reserved.cpuLimitMhz!) / 100),
        memoryLimitMb: reserved.memoryLimitMB,
      });
    }
    expect(pool.cpuLimitMhz).toBeGreaterThan(0);
    expect(reserved.cpuLimitMhz).toBeGreaterThan(0);
  });

  it('maps organization records by href, their display name or else their name', () => {
    const page = queryPageSchema(orgSchema).parse(fixture('director/tenancy-organization.json'));
    expect((page.record ?? []).map(toOrg)).toEqual([
      { id: 'urn:vcloud:org:0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a', name: 'System', fullName: 'System Organization' },
      { id: 'urn:vcloud:org:a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', name: 'acme', fullName: 'Acme Corp' },
      { id: 'urn:vcloud:org:b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', name: 'globex', fullName: 'globex' },
    ]);
  });

  it('sums provider VDC records, absent and null figures adding nothing', () => {
    const page = queryPageSchema(providerVdcSchema).parse(fixture('director/tenancy-providerVdc.json'));
    expect(providerOf(page.record ?? [])).toEqual({
      cpuCapacityMhz: 240000 + 60000,
      cpuAllocatedMhz: 100000,
      memoryCapacityMb: 786432 + 262144,
      memoryAllocatedMb: 401408,
      storageCapacityMb: 8388608 + 2097152,
      storageAllocatedMb: 3670016,
    });
  });

  it('maps the vCenter list from vimServer uuid to vCenter instance uuid', () => {
    const page = cloudapiPageSchema(vcenterSchema).parse(fixture('director/tenancy-virtualCenters.json'));
    expect(vcenterUuids(page.values)).toEqual(
      new Map([
        ['5b2f648b-9da7-4d7b-8212-6ed8a83f2102', '9b8e3a62-1c4d-4a7e-8f20-6d5c4b3a2f19'],
        ['6c3a759c-0eb8-4e8c-9323-7fe9b94f3213', 'e4d2c1b0-7a6f-4e5d-8c3b-2a1f0e9d8c7b'],
      ]),
    );
  });
});
