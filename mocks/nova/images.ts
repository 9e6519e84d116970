/**
 * Glance v2 image records of the simulated account: the seeded templates, images
 * clients create, and server snapshots. An image's data is a StoredFile (seeded
 * bytes generated on read, or an upload in the mock's FileStore), never held in memory.
 *
 * Checksums as Glance reports them: `checksum` is the MD5 of the data, and the
 * multihash pair `os_hash_algo`/`os_hash_value` uses the deployment's
 * `[DEFAULT] hashing_algorithm`, which this deployment sets to `sha256` (Glance's
 * default is sha512), so clients can compare it with a SHA-256 they computed.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { StoredFile } from '../content/storedFiles';
import { seededFile } from '../content/storedFiles';
import { seedCatalogName, seedTemplates } from '../content/seededContent';
import type { SeedCloud } from '../seed';
import { novaTimestamp } from './state';

/** Glance's image statuses (the ones this mock reaches). */
export type ImageStatus = 'queued' | 'saving' | 'active' | 'killed' | 'deleted';

/** The property naming the Overcast catalog a template image belongs to (Glance has no catalogs). */
export const CATALOG_PROPERTY = 'overcast_catalog';
/**
 * The vCPU count of a template. Glance has no core attribute for it (`min_ram` is the
 * core one for memory, and nova enforces it at boot); the `hw_cpu_*` metadefs are
 * topology hints nova would act on, so a property of our own carries the count.
 */
export const VCPUS_PROPERTY = 'overcast_vcpus';

export interface GlanceImage {
  id: string;
  name: string | null;
  status: ImageStatus;
  visibility: 'public' | 'private' | 'shared' | 'community';
  protected: boolean;
  disk_format: string | null;
  container_format: string | null;
  min_ram: number;
  min_disk: number;
  owner: string;
  tags: string[];
  created_at: string;
  updated_at: string;
  /** Additional properties (Glance keeps them as strings). */
  properties: Record<string, string>;
  /** The data, once uploaded (or seeded, or snapshotted). */
  data?: StoredFile;
  checksum?: string;
  sha256?: string;
}

/** Attributes a client may not set or change (Glance answers 403 "Attribute '…' is read-only."). */
export const READ_ONLY = new Set([
  'id',
  'status',
  'owner',
  'created_at',
  'updated_at',
  'size',
  'virtual_size',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'file',
  'self',
  'schema',
  'direct_url',
  'locations',
]);

/** Core attributes (not additional properties). */
export const CORE = new Set([
  ...READ_ONLY,
  'name',
  'visibility',
  'protected',
  'disk_format',
  'container_format',
  'min_ram',
  'min_disk',
  'tags',
  'os_hidden',
]);

export const DISK_FORMATS = new Set(['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']);
export const CONTAINER_FORMATS = new Set(['bare', 'ovf', 'ova', 'aki', 'ari', 'ami', 'docker', 'compressed']);

/** Glance's timestamp format (ISO 8601 to the second, `Z`). */
/** Glance's timestamps are nova's format (ISO 8601 to the second, `Z`). */
export const glanceTime = (date = new Date()): string => novaTimestamp(date);

const SEEDED_AT = '2024-03-01T08:00:00Z';

/** MD5 and SHA-256 of a file, by streaming it once. */
export async function digestsOf(file: StoredFile): Promise<{ checksum: string; sha256: string }> {
  const md5 = createHash('md5');
  const sha = createHash('sha256');
  if (file.size > 0) {
    for await (const part of file.open(0, file.size)) {
      md5.update(part as Buffer);
      sha.update(part as Buffer);
    }
  }
  return { checksum: md5.digest('hex'), sha256: sha.digest('hex') };
}

/** A fresh image record (queued, no data). */
export function newImage(owner: string, fields: Partial<GlanceImage> = {}): GlanceImage {
  const now = glanceTime();
  return {
    id: randomUUID(),
    name: null,
    status: 'queued',
    visibility: 'shared',
    protected: false,
    disk_format: null,
    container_format: null,
    min_ram: 0,
    min_disk: 0,
    owner,
    tags: [],
    created_at: now,
    updated_at: now,
    properties: {},
    ...fields,
  };
}

/** Deterministic image ids for the seeded templates (so runs are repeatable). */
function seededId(cloudId: string, name: string): string {
  const hex = createHash('sha256').update(`glance\n${cloudId}\n${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The seeded template images of `cloud`, active. Their checksums are computed by
 * streaming the seeded bytes in the background (a GiB disk takes seconds), so the
 * mock starts at once; `ready` settles when they are in, and Glance waits for it.
 */
export function seedImages(cloud: SeedCloud, owner: string, diskBytes: number): { images: GlanceImage[]; ready: Promise<void> } {
  const images = seedTemplates(cloud).map((t) =>
    newImage(owner, {
      id: seededId(cloud.id, t.name),
      name: t.name,
      status: 'active',
      disk_format: 'qcow2',
      container_format: 'bare',
      min_ram: t.memoryMb,
      created_at: SEEDED_AT,
      updated_at: SEEDED_AT,
      properties: { [CATALOG_PROPERTY]: seedCatalogName(cloud), [VCPUS_PROPERTY]: String(t.cpuCount) },
      data: seededFile(t.diskKey, diskBytes),
    }),
  );
  const ready = Promise.all(images.map(async (image) => Object.assign(image, await digestsOf(image.data!)))).then(() => undefined);
  return { images, ready };
}

/** The image as `GET /v2/images/{id}` shows it (additional properties at the top level, as Glance does). */
export function imageView(image: GlanceImage): Record<string, unknown> {
  const active = image.data !== undefined && image.status === 'active';
  return {
    ...image.properties,
    id: image.id,
    name: image.name,
    status: image.status,
    visibility: image.visibility,
    protected: image.protected,
    os_hidden: false,
    disk_format: image.disk_format,
    container_format: image.container_format,
    min_ram: image.min_ram,
    min_disk: image.min_disk,
    owner: image.owner,
    tags: image.tags,
    created_at: image.created_at,
    updated_at: image.updated_at,
    size: active ? image.data!.size : null,
    virtual_size: null,
    checksum: active ? (image.checksum ?? null) : null,
    os_hash_algo: active ? 'sha256' : null,
    os_hash_value: active ? (image.sha256 ?? null) : null,
    self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`,
    schema: '/v2/schemas/image',
  };
}
