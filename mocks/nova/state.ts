/**
 * Shared state of one simulated OpenStack account: the seed cloud it serves, the
 * identity records (projects, application credential), issued tokens, the
 * deployment's settings, power operations still in progress or failed, Glance's
 * images, and each server's root disk.
 */
import { randomBytes } from 'node:crypto';
import { seededFile, FileStore, type StoredFile, type UploadFile } from '../content/storedFiles';
import { vmDiskKey } from '../content/seededContent';
import type { SeedCloud, SeedPowerState } from '../seed';
import type { GlanceImage } from './images';

/** Token lifetime keystone uses by default (one hour). */
const TOKEN_TTL_MS = 60 * 60 * 1000;

/** Fixed ids so responses are deterministic across runs. */
export const PROJECT = { id: '5f0a1b2c3d4e4f60a1b2c3d4e5f60718', name: 'overcast' } as const;
export const USER = { id: '9a8b7c6d5e4f40312a3b4c5d6e7f8091', name: 'admin' } as const;
export const DOMAIN = { id: 'default', name: 'Default' } as const;
/** A second domain, holding a second project the user also has a role on (it owns no servers). */
export const PARTNER_DOMAIN = { id: 'b7e1d2c3a4f54e6d8c9b0a1f2e3d4c5b', name: 'Partners' } as const;
export const SECOND_PROJECT = { id: '0c1d2e3f4a5b4c6d8e9f0a1b2c3d4e5f', name: 'overcast-staging' } as const;

export interface MockProject {
  id: string;
  name: string;
  domain: { id: string; name: string };
}

export const PROJECTS: readonly MockProject[] = [
  { ...PROJECT, domain: DOMAIN },
  { ...SECOND_PROJECT, domain: PARTNER_DOMAIN },
];

/** The user's application credential, bound (as keystone binds every one) to the project it was made in. */
export const APPLICATION_CREDENTIAL = {
  id: 'a3c5e7f9b1d34f5a8c7e9b1d3f5a7c9e',
  name: 'overcast-node',
  secret: 'rEaqvJka48mpv-overcast',
  projectId: PROJECT.id,
} as const;

export interface IssuedToken {
  token: string;
  issuedAt: Date;
  expiresAt: Date;
  /** The project the token is scoped to; servers of other projects are invisible to it. */
  projectId: string | undefined;
}

/**
 * A power operation still in progress: the server keeps its state (GET shows it with
 * a task_state) until `until`, as nova's vm_state changes only once the compute host is done.
 */
export interface PendingTask {
  taskState: 'powering-on' | 'powering-off' | 'suspending' | 'resuming';
  /** The status shown until the task settles: the state before the action, or ERROR. */
  shownStatus: SeedPowerState | 'ERROR';
  /** The state the server is in once the task is done (unless it fails). */
  to: SeedPowerState;
  /** When the task settles (epoch ms). */
  until: number;
  /**
   * The operation fails in the cloud. `reverts`: as nova's `@reverts_task_state` does for
   * a failed start or stop, the task_state is cleared and the server keeps its state
   * (the instance action says Error). `error`: the server is left in ERROR with a fault.
   */
  failure?: 'reverts' | 'error';
  /** The instance action recording this operation. */
  record: InstanceAction;
}

/** One entry of `GET /servers/{id}/os-instance-actions` (2.58 shape). */
export interface InstanceAction {
  action: string;
  instance_uuid: string;
  request_id: string;
  user_id: string;
  project_id: string;
  start_time: string;
  updated_at: string;
  /** `null` while running or after success; `Error` once it failed. */
  message: string | null;
}

/** How the simulated deployment is set up: what the catalog publishes and how nova builds links. */
export interface NovaDeployment {
  /** The highest compute microversion served (`2.96`); above it nova answers 406. */
  maxMicroversion: string;
  /** RegionOne's public compute endpoint as the catalog publishes it; absent: this server's own. */
  publicComputeUrl?: string;
  /** RegionOne's internal compute endpoint; absent: the same as the public one. */
  internalComputeUrl?: string;
  /**
   * True: links are built on the published endpoint, as nova does with `[api]
   * compute_link_prefix` set. False: from the request as nova received it (its Host
   * header and its own path), as nova does without it, so a proxy's path prefix is lost.
   */
  computeLinkPrefix: boolean;
}

export interface NovaState {
  readonly cloud: SeedCloud;
  /** Service root (`http://127.0.0.1:port`), known once the server listens. */
  baseUrl: string;
  readonly tokens: Map<string, IssuedToken>;
  readonly deployment: NovaDeployment;
  readonly pending: Map<string, PendingTask>;
  /** Servers whose last operation failed into ERROR, with nova's fault, until stopped. */
  readonly errored: Map<string, { created: string }>;
  /** Each server's instance actions since start, oldest first. */
  readonly actions: Map<string, InstanceAction[]>;
  /** Mock-only control: failed operations leave the server in ERROR instead of reverting (`POST /__mock/fail-into-error`). */
  failIntoError: boolean;
  /** `updated` timestamps of servers changed since start. */
  readonly updated: Map<string, string>;
  /** Glance's images, in creation order. */
  readonly images: Map<string, GlanceImage>;
  /** Settles once the seeded images' checksums are computed (Glance answers after it). */
  imagesReady: Promise<void>;
  /** Where uploaded image data lives (removed when the mock closes). */
  readonly files: FileStore;
  /** Bytes of every seeded disk (templates and servers). */
  readonly diskBytes: number;
  /** Root disks of servers booted here (seeded servers have seeded disks, see serverDisk). */
  readonly disks: Map<string, StoredFile>;
  /** Servers still building (POST /servers): when they become ACTIVE (epoch ms). */
  readonly building: Map<string, number>;
  /** Metadata of servers booted here (seeded servers have none). */
  readonly metadata: Map<string, Record<string, string>>;
}

export function createState(cloud: SeedCloud, maxMicroversion: string, diskBytes: number): NovaState {
  return {
    images: new Map(),
    imagesReady: Promise.resolve(),
    files: new FileStore(),
    diskBytes,
    disks: new Map(),
    building: new Map(),
    metadata: new Map(),
    cloud,
    baseUrl: '',
    tokens: new Map(),
    deployment: { maxMicroversion, computeLinkPrefix: true },
    pending: new Map(),
    errored: new Map(),
    actions: new Map(),
    failIntoError: false,
    updated: new Map(),
  };
}

/** Issue a fernet-looking token scoped to `projectId` (unscoped when undefined). */
export function issueToken(state: NovaState, projectId: string | undefined): IssuedToken {
  const issuedAt = new Date();
  const issued: IssuedToken = {
    token: `gAAAAAB${randomBytes(48).toString('base64url')}`,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + TOKEN_TTL_MS),
    projectId,
  };
  state.tokens.set(issued.token, issued);
  return issued;
}

/** The live token for a header value, if any. */
export function validToken(state: NovaState, token: string | string[] | undefined): IssuedToken | undefined {
  if (typeof token !== 'string') return undefined;
  const issued = state.tokens.get(token);
  return issued !== undefined && issued.expiresAt.getTime() > Date.now() ? issued : undefined;
}

export const isTokenValid = (state: NovaState, token: string | string[] | undefined): boolean => validToken(state, token) !== undefined;

/** This server's own compute API URL (where it serves it). */
function computeUrl(state: NovaState): string {
  return `${state.baseUrl}/compute/v2.1`;
}

/** RegionOne's public compute endpoint as the catalog publishes it. */
export function publishedComputeUrl(state: NovaState): string {
  return state.deployment.publicComputeUrl ?? computeUrl(state);
}

/** Nova's timestamp format: ISO 8601 to the second, `Z` suffix. */
export function novaTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The root disk of a server: booted here (its image's data), else the seeded disk of a seeded server. */
export function serverDisk(state: NovaState, serverId: string): StoredFile {
  return state.disks.get(serverId) ?? seededFile(vmDiskKey(state.cloud.id, serverId), state.diskBytes);
}

/** Discard uploaded data nothing refers to any more (an image and the servers booted from it share their data). */
export async function releaseFile(state: NovaState, file: StoredFile | undefined): Promise<void> {
  if (file === undefined || !('discard' in file)) return;
  const used = [...state.images.values()].some((i) => i.data === file) || [...state.disks.values()].includes(file);
  if (!used) await (file as UploadFile).discard();
}
