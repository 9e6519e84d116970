/**
 * A cloud-node's configuration: read from the environment once, validated with
 * zod (defaults live here and nowhere else), then frozen. A bad value fails the
 * start with a message naming the variable. OpenStack's scope and endpoint settings
 * keep the OS_* names of an openrc file (the URL and account are CLOUD_* as for
 * every kind: OS_AUTH_URL, OS_USERNAME and OS_PASSWORD are not read).
 */
import { frozenCopy } from '../../schema/values';
import { z } from 'zod';
import type { AdapterOptions, DomainRef, OpenStackOptions } from './adapters/types';
import { DEFAULT_BUDGETS } from './adapters/types';
import { DirectorApiVersion, NodeEnv, Thumbprint, cloudTlsFrom, nodeBaseConfig, parseEnv, type NodeBaseConfig } from '../shared/nodeEnv';

const optional = z.string().min(1).optional();
const budget = (defaultMs: number) => z.coerce.number().int().positive().default(defaultMs);

const EnvSchema = z
  .object({
    ...NodeEnv,
    /** Which management API the cloud speaks. */
    CLOUD_KIND: z.enum(['vsphere', 'director', 'nova']),
    /** Base URL of the cloud's management API; OpenStack: the Keystone auth URL (`https://keystone.example:5000/v3`). */
    CLOUD_API_URL: z.url(),
    /** Required, except with an OpenStack application credential given by id. */
    CLOUD_USERNAME: optional,
    CLOUD_PASSWORD: optional,
    /** PEM CA bundle trusted for the cloud's API, in addition to Node's roots. */
    CLOUD_CA_FILE: optional,
    /** Fingerprint (SHA-256 or SHA-1) of the API's certificate: accepted whoever signed it, and no other. */
    CLOUD_TLS_THUMBPRINT: Thumbprint.optional(),
    /** How long a power-on is followed before it is reported as not finished. @default 120000 */
    CLOUD_POWER_ON_BUDGET_MS: budget(DEFAULT_BUDGETS.powerOnMs),
    /** How long a power-off is followed (Nova's clean shutdown may take 60 s). @default 120000 */
    CLOUD_POWER_OFF_BUDGET_MS: budget(DEFAULT_BUDGETS.powerOffMs),
    /** How often the cloud is polled for changes (VM events on GET /events); 0 turns it off. @default 2000 */
    WATCH_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
    /** How long an import waits out a source node or cloud out of reach before it fails. @default 600000 */
    TRANSFER_RETRY_FOR_MS: z.coerce.number().int().positive().default(600_000),
    /** Cloud Director: the API version (`37.2`); unset: negotiated from `GET /api/versions`. */
    DIRECTOR_API_VERSION: DirectorApiVersion.optional(),
    /** OpenStack: the project to scope the token to, by id, or by name within OS_PROJECT_DOMAIN_*. */
    OS_PROJECT_ID: optional,
    OS_PROJECT_NAME: optional,
    OS_PROJECT_DOMAIN_ID: optional,
    /** @default Default */
    OS_PROJECT_DOMAIN_NAME: optional,
    /** OpenStack: the domain of CLOUD_USERNAME. */
    OS_USER_DOMAIN_ID: optional,
    /** @default Default */
    OS_USER_DOMAIN_NAME: optional,
    /** OpenStack: the catalog region to use; unset: the only (or first) region. */
    OS_REGION_NAME: optional,
    /** OpenStack: the catalog endpoint interface. @default public */
    OS_INTERFACE: z.enum(['public', 'internal', 'admin']).default('public'),
    /** OpenStack: log in with an application credential (by id, or by name of CLOUD_USERNAME's) and its secret. */
    OS_APPLICATION_CREDENTIAL_ID: optional,
    OS_APPLICATION_CREDENTIAL_NAME: optional,
    OS_APPLICATION_CREDENTIAL_SECRET: optional,
    /** OpenStack: the compute microversion to send (`2.60`); unset: negotiated from the compute endpoint. */
    NOVA_MICROVERSION: z
      .string()
      .regex(/^2\.\d+$/, 'must be a compute microversion such as 2.60')
      .optional(),
  })
  .superRefine((e, ctx) => {
    const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const appCredential = e.CLOUD_KIND === 'nova' && (e.OS_APPLICATION_CREDENTIAL_ID ?? e.OS_APPLICATION_CREDENTIAL_NAME) !== undefined;
    if (e.OS_APPLICATION_CREDENTIAL_ID !== undefined && e.OS_APPLICATION_CREDENTIAL_NAME !== undefined)
      fail('OS_APPLICATION_CREDENTIAL_NAME', 'set OS_APPLICATION_CREDENTIAL_ID or OS_APPLICATION_CREDENTIAL_NAME, not both');
    if (appCredential) {
      if (e.OS_APPLICATION_CREDENTIAL_SECRET === undefined)
        fail('OS_APPLICATION_CREDENTIAL_SECRET', 'required with an application credential');
      if (e.OS_APPLICATION_CREDENTIAL_ID === undefined && e.CLOUD_USERNAME === undefined)
        fail('CLOUD_USERNAME', 'required with an application credential given by name');
      // Keystone refuses a scope with an application credential: it carries its own.
      if (e.OS_PROJECT_ID ?? e.OS_PROJECT_NAME)
        fail('OS_PROJECT_NAME', 'must not be set with an application credential (it has its own project)');
      return;
    }
    if (e.CLOUD_USERNAME === undefined) fail('CLOUD_USERNAME', 'required');
    if (e.CLOUD_PASSWORD === undefined) fail('CLOUD_PASSWORD', 'required');
    if (e.CLOUD_KIND === 'nova' && e.OS_PROJECT_ID === undefined && e.OS_PROJECT_NAME === undefined)
      fail('OS_PROJECT_NAME', 'required for OpenStack password login (or OS_PROJECT_ID)');
  });
type Env = z.infer<typeof EnvSchema>;

export interface NodeConfig extends NodeBaseConfig {
  cloud: { id: string; name: string; kind: Env['CLOUD_KIND'] };
  api: AdapterOptions;
  /** Change polling interval; 0 is off. */
  watchIntervalMs: number;
  /** How long an import waits out an unreachable source. */
  transferRetryForMs: number;
}

const domain = (id: string | undefined, name: string | undefined): DomainRef => (id !== undefined ? { id } : { name: name ?? 'Default' });

function openstackOptions(e: Env): OpenStackOptions {
  const secret = e.OS_APPLICATION_CREDENTIAL_SECRET ?? '';
  const applicationCredential =
    e.OS_APPLICATION_CREDENTIAL_ID !== undefined
      ? { id: e.OS_APPLICATION_CREDENTIAL_ID, secret }
      : e.OS_APPLICATION_CREDENTIAL_NAME !== undefined
        ? { name: e.OS_APPLICATION_CREDENTIAL_NAME, secret }
        : undefined;
  const project =
    e.OS_PROJECT_ID !== undefined
      ? { id: e.OS_PROJECT_ID }
      : e.OS_PROJECT_NAME !== undefined
        ? { name: e.OS_PROJECT_NAME, domain: domain(e.OS_PROJECT_DOMAIN_ID, e.OS_PROJECT_DOMAIN_NAME) }
        : undefined;
  return {
    ...(project ? { project } : {}),
    userDomain: domain(e.OS_USER_DOMAIN_ID, e.OS_USER_DOMAIN_NAME),
    ...(applicationCredential ? { applicationCredential } : {}),
    ...(e.OS_REGION_NAME !== undefined ? { region: e.OS_REGION_NAME } : {}),
    interface: e.OS_INTERFACE,
    ...(e.NOVA_MICROVERSION !== undefined ? { microversion: e.NOVA_MICROVERSION } : {}),
  };
}

export function loadNodeConfig(env: NodeJS.ProcessEnv = process.env): Readonly<NodeConfig> {
  const e = parseEnv(EnvSchema, env, 'cloud-node');
  const tls = cloudTlsFrom(e.CLOUD_API_URL, e.CLOUD_CA_FILE, e.CLOUD_TLS_THUMBPRINT, 'CLOUD_CA_FILE');
  const api: AdapterOptions = {
    baseUrl: e.CLOUD_API_URL,
    username: e.CLOUD_USERNAME ?? '',
    password: e.CLOUD_PASSWORD ?? '',
    timeoutMs: e.CLOUD_TIMEOUT_MS,
    ...(tls ? { tls } : {}),
    budgets: { powerOnMs: e.CLOUD_POWER_ON_BUDGET_MS, powerOffMs: e.CLOUD_POWER_OFF_BUDGET_MS },
    ...(e.CLOUD_KIND === 'nova' ? { openstack: openstackOptions(e) } : {}),
    ...(e.CLOUD_KIND === 'director' && e.DIRECTOR_API_VERSION !== undefined ? { apiVersion: e.DIRECTOR_API_VERSION } : {}),
  };
  return frozenCopy({
    cloud: { id: e.CLOUD_ID, name: e.CLOUD_NAME ?? e.CLOUD_ID, kind: e.CLOUD_KIND },
    api,
    ...nodeBaseConfig(e),
    watchIntervalMs: e.WATCH_INTERVAL_MS,
    transferRetryForMs: e.TRANSFER_RETRY_FOR_MS,
  });
}
