/**
 * Argument defaults are the SDL's alone: graphql-js fills them in and the resolvers
 * do not restate them, so the value a client gets when it leaves an argument out is
 * the one the schema documents. Expected values are read from schema/control.graphql.
 */
import { randomBytes } from 'node:crypto';
import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { issueToken } from '../../gateway/auth/tokens';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { createMemoryStore } from '../../gateway/store';
import type { IndexedVm, Store } from '../../gateway/store/types';
import { readSdl } from '../../schema/kinds';
import { postGraphQL } from '../support/topology';

/** The default value `type.field(argument:)` has in the control SDL. */
function sdlDefault(type: string, field: string, argument: string): number {
  const definition = parse(readSdl('control')).definitions.find(
    (d): d is ObjectTypeDefinitionNode =>
      (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === type,
  );
  const value = definition?.fields
    ?.find((f: FieldDefinitionNode) => f.name.value === field)
    ?.arguments?.find((a) => a.name.value === argument)?.defaultValue;
  if (value?.kind !== Kind.INT) throw new Error(`${type}.${field}(${argument}:) has no Int default in the SDL`);
  return Number(value.value);
}

const auth = { hs256Secret: randomBytes(32).toString('hex') };

describe('argument defaults come from the SDL', () => {
  let store: Store;
  let gateway: RunningGateway;
  let admin: string;
  const gql = <T = Record<string, unknown>>(query: string) => postGraphQL<T>(gateway.url, query, undefined, admin);

  beforeAll(async () => {
    store = await createMemoryStore();
    const syncedAt = new Date();
    const vms: IndexedVm[] = Array.from({ length: sdlDefault('Query', 'vms', 'first') + 5 }, (_, i) => ({
      id: `dc-east:vm-${i}`,
      cloudId: 'dc-east',
      vdcId: 'dc-east:vdc-1',
      name: `vm-${String(i).padStart(3, '0')}`,
      powerState: 'POWERED_ON',
      cpuCount: 1,
      memoryMb: 512,
      tenantId: null,
      orgId: null,
      syncedAt,
    }));
    await store.inventory.applySync('dc-east', await store.inventory.beginSync('dc-east'), vms, syncedAt);
    const config = {
      port: 0,
      logLevel: 'silent',
      auth,
      healthCheckIntervalMs: 0,
      inventorySyncIntervalMs: 0,
      orgDiscoveryIntervalMs: 0,
    } as const;
    gateway = await startGateway({ config, store });
    admin = await issueToken({ ...auth, issuer: 'overcast', audience: 'overcast' }, { subject: 'ops', role: 'provider-admin' });
  });
  afterAll(async () => {
    await gateway.close();
    await store.close();
  });

  it('pages vms by the SDL default of first when it is left out, and refuses first: null', async () => {
    const res = await gql<{ vms: { totalCount: number; edges: unknown[] } }>('{ vms { totalCount edges { cursor } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.vms.totalCount).toBe(sdlDefault('Query', 'vms', 'first') + 5);
    expect(res.data!.vms.edges).toHaveLength(sdlDefault('Query', 'vms', 'first'));
    expect((await gql('{ vms(first: null) { totalCount } }')).errors?.[0]?.message).toBe('Expected value of type "Int!", found null.');
  });

  it('makes a registration token valid for the SDL default of ttlSeconds when it is left out, and refuses ttlSeconds: null', async () => {
    const before = Date.now();
    const res = await gql<{ createRegistrationToken: { expiresAt: string } }>(
      'mutation { createRegistrationToken(cloudId: "dc-east", kind: CLOUD_NODE) { expiresAt } }',
    );
    expect(res.errors).toBeUndefined();
    const validFor = Date.parse(res.data!.createRegistrationToken.expiresAt) - before;
    expect(validFor).toBeGreaterThanOrEqual(sdlDefault('Mutation', 'createRegistrationToken', 'ttlSeconds') * 1000 - 1000);
    expect(validFor).toBeLessThanOrEqual(sdlDefault('Mutation', 'createRegistrationToken', 'ttlSeconds') * 1000 + 5000);
    const refused = await gql('mutation { createRegistrationToken(cloudId: "dc-east", kind: CLOUD_NODE, ttlSeconds: null) { expiresAt } }');
    expect(refused.errors?.[0]?.message).toBe('Expected value of type "Int!", found null.');
  });
});
