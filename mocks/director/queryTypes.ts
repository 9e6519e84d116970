/**
 * What the query service needs to know of one query type: the rows it lists
 * (read from the live state at request time, so power operations show at once),
 * the attributes a FIQL `filter` or a sort may name, and the JSON record of a row.
 * This file holds the shape and the VM types (`adminVM`, `vm`); the tenancy types
 * are in tenancy.ts.
 *
 * VM filter attributes: `id` (VM URN), `name` (with `*`), `status`, `vdc` and `org`
 * (either the URN or the href; both reduce to the uuid), `vdcName`,
 * `isVAppTemplate`, `isDeployed`, `numberOfCpus`, `memoryMB`.
 */
import type { SeedCloud, SeedVm } from '../seed';
import { compileFilter, trailingUuid, type FieldSpec } from './fiql';
import { orgHref, uuidOf, vdcHref, vmHref } from './hrefs';
import type { ContentState } from './contentState';
import { deployedOf } from './vms';

export interface QueryType<T> {
  /** Every row of the type, computed from the live state for this request. */
  rows(): T[];
  /** Attributes `filter`, `sortAsc` and `sortDesc` may name. */
  fields: Record<string, FieldSpec<T>>;
  /** The record of a row; `base` is the URL the client reached the cell at. */
  render(row: T, base: string): Record<string, unknown>;
}

/** Hide a type's row type: the service only filters, sorts, pages and renders. */
export interface ErasedQueryType {
  /** Matching records of one page, and how many matched in all. Throws FilterError. */
  select(
    filter: string | undefined,
    sortKey: string | undefined,
    ascending: boolean,
    from: number,
    to: number,
    base: string,
  ): { total: number; records: Array<Record<string, unknown>> };
}

/** Thrown for a sort by an attribute the type does not have (a 400, like a bad filter). */
export class SortError extends Error {}

/** Erase `T` once the type is fully known. */
export function erase<T>(type: QueryType<T>): ErasedQueryType {
  return {
    select(filter, sortKey, ascending, from, to, base) {
      let matches = type.rows().filter(compileFilter(filter, type.fields));
      if (sortKey !== undefined) {
        const field = type.fields[sortKey];
        if (!field) throw new SortError(`Cannot sort by "${sortKey}".`);
        const sign = ascending ? 1 : -1;
        matches = matches.sort((a, b) => sign * field.get(a).localeCompare(field.get(b), 'en', { numeric: true }));
      }
      return { total: matches.length, records: matches.slice(from, to).map((row) => type.render(row, base)) };
    },
  };
}

/** `adminVM` (and the tenant flavour `vm`, equal here since clients log in as provider). */
export function vmQueryType(cloud: SeedCloud, content: ContentState): QueryType<SeedVm> {
  const vdcOf = (vm: SeedVm) => cloud.vdcs.find((v) => v.nativeId === vm.vdcNativeId);
  return {
    rows: () => cloud.vms,
    fields: {
      id: { get: (vm) => vm.nativeId },
      name: { get: (vm) => vm.name },
      status: { get: (vm) => vm.powerState },
      vdc: { get: (vm) => uuidOf(vm.vdcNativeId), normalize: trailingUuid },
      vdcName: { get: (vm) => vdcOf(vm)?.name ?? '' },
      org: { get: (vm) => uuidOf(vdcOf(vm)?.orgNativeId ?? ''), normalize: trailingUuid },
      isVAppTemplate: { get: () => 'false' },
      isDeployed: { get: (vm) => String(deployedOf(vm)) },
      numberOfCpus: { get: (vm) => String(vm.cpuCount) },
      memoryMB: { get: (vm) => String(vm.memoryMb) },
    },
    render(vm, base) {
      const vdc = vdcOf(vm);
      return {
        otherAttributes: {},
        link: [],
        metadata: null,
        href: vmHref(base, vm.nativeId),
        // A real cell's JSON records carry `"id": null` (clients take the uuid from href) and no type.
        id: null,
        type: null,
        _type: 'QueryResultAdminVMRecordType',
        name: vm.name,
        status: vm.powerState,
        vdc: vdcHref(base, vm.vdcNativeId),
        vdcName: vdc?.name ?? '',
        org: vdc?.orgNativeId ? orgHref(base, vdc.orgNativeId) : null,
        isVAppTemplate: false,
        isDeleted: false,
        isDeployed: deployedOf(vm),
        isVdcEnabled: true,
        guestOs: 'Ubuntu Linux (64-bit)',
        numberOfCpus: vm.cpuCount,
        memoryMB: vm.memoryMb,
        hardwareVersion: 19,
        // Where vSphere runs it, as an AdminVMRecord says: the metrics application's key for the VM.
        moref: vm.vsphere?.moref ?? null,
        vc: vm.vsphere
          ? `${base}/api/admin/extension/vimServer/${vm.vsphere.vcenterId.slice(vm.vsphere.vcenterId.lastIndexOf(':') + 1)}`
          : null,
        vcName: cloud.vcenters?.find((v) => v.vimServerId === vm.vsphere?.vcenterId)?.name ?? null,
        vmNameInVc: `${vm.name} (${vm.nativeId.slice(vm.nativeId.lastIndexOf(':') + 1)})`,
        // The seed has no vApps: each VM lives in its own one, named after it (contentState.ts).
        container: `${base}/api/vApp/vapp-${content.vappUuidOf(vm)}`,
        containerName: vm.name,
        hostName: null,
        datastoreName: 'datastore-1',
        totalStorageAllocatedMb: vm.storageGb * 1024,
      };
    },
  };
}
