/**
 * Which disks and templates the mocks serve, from the seed: tests compute a VM's or
 * a template's disk checksum from these keys (seededDisk(key, size).sha256()) instead
 * of reading it from a response.
 */
import type { SeedCloud } from '../seed';

/** The key of disk 0 of a seeded VM. */
export function vmDiskKey(cloudId: string, vmNativeId: string): string {
  return `${cloudId}/vm/${vmNativeId}/disk-0`;
}

/** The key of a seeded template's disk. */
export function templateDiskKey(cloudId: string, templateName: string): string {
  return `${cloudId}/template/${templateName}`;
}

export interface SeedTemplate {
  name: string;
  cpuCount: number;
  memoryMb: number;
  /** The disk's key (see templateDiskKey). */
  diskKey: string;
}

/** The catalog every mock cloud starts with. */
export function seedCatalogName(cloud: Pick<SeedCloud, 'id'>): string {
  return `${cloud.id}-templates`;
}

/** Its templates: the same two in every cloud, with disks of their own per cloud. */
export function seedTemplates(cloud: Pick<SeedCloud, 'id'>): SeedTemplate[] {
  return [
    { name: 'ubuntu-24.04', cpuCount: 2, memoryMb: 4096, diskKey: templateDiskKey(cloud.id, 'ubuntu-24.04') },
    { name: 'debian-12', cpuCount: 1, memoryMb: 2048, diskKey: templateDiskKey(cloud.id, 'debian-12') },
  ];
}
