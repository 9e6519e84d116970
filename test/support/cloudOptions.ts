/**
 * What a node is configured with to reach a mock cloud, as a test builds it: the
 * API's URL (Keystone's for OpenStack), the mock's account, and for OpenStack the
 * project the mock's account is scoped to. One place, so every test configures a
 * node the way an operator would.
 */
import type { MockCloud } from '../../mocks/server';
import { PROJECT, DOMAIN } from '../../mocks/nova/state';
import type { AdapterOptions, CloudKind } from '../../subgraphs/cloud-node/adapters/types';

/** The OpenStack settings matching the mock's account (project by name in the Default domain). */
export const MOCK_OPENSTACK: NonNullable<AdapterOptions['openstack']> = {
  project: { name: PROJECT.name, domain: { name: DOMAIN.name } },
  userDomain: { name: DOMAIN.name },
  interface: 'public',
};

/** Adapter options for `mock`, a cloud of `kind`; `overrides` replace any part. */
export function adapterOptionsFor(mock: MockCloud, kind: CloudKind, overrides: Partial<AdapterOptions> = {}): AdapterOptions {
  return {
    baseUrl: mock.apiUrl,
    ...mock.credentials,
    timeoutMs: 5000,
    ...(kind === 'nova' ? { openstack: MOCK_OPENSTACK } : {}),
    ...overrides,
  };
}

/** The environment of a cloud-node process for `mock` (CLOUD_ID and the join left to the caller). */
export function cloudNodeEnvFor(mock: MockCloud, kind: CloudKind): Record<string, string> {
  return {
    CLOUD_KIND: kind,
    CLOUD_API_URL: mock.apiUrl,
    CLOUD_USERNAME: mock.credentials.username,
    CLOUD_PASSWORD: mock.credentials.password,
    ...(kind === 'nova' ? { OS_PROJECT_NAME: PROJECT.name, OS_PROJECT_DOMAIN_NAME: DOMAIN.name, OS_USER_DOMAIN_NAME: DOMAIN.name } : {}),
  };
}
