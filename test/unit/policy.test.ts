import { buildSchema } from 'graphql';
import { FIELD_ROLES, unknownPolicyFields } from '../../gateway/auth/policy';
import { startGateway } from '../../gateway/server';

describe('role policy', () => {
  const keys = Object.keys(FIELD_ROLES);
  /** A schema with every policy field but `without`. */
  const schemaWithout = (without: string) => {
    const types = new Map<string, string[]>();
    for (const key of keys.filter((k) => k !== without)) {
      const [type, field] = key.split('.') as [string, string];
      types.set(type, [...(types.get(type) ?? []), field]);
    }
    if (!types.has('Query')) types.set('Query', ['ping']);
    return buildSchema([...types].map(([type, fields]) => `type ${type} { ${fields.map((f) => `${f}: String`).join(' ')} }`).join('\n'));
  };

  it('finds no unknown field in a schema that has them all', () => {
    expect(unknownPolicyFields(schemaWithout(''))).toEqual([]);
  });

  it.each(['Query.nodes', 'Cloud.provider', 'Mutation.deregisterNode'])(
    'names %s when the schema lost it (a rename would drop its protection)',
    (key) => {
      expect(keys).toContain(key);
      expect(unknownPolicyFields(schemaWithout(key))).toEqual([key]);
    },
  );

  it('keeps the gateway from starting while an entry names no field of its graph', async () => {
    const roles = FIELD_ROLES as Record<string, readonly string[]>;
    roles['VirtualMachine.renamedAway'] = ['provider-admin'];
    try {
      const auth = { hs256Secret: 'x'.repeat(32), issuer: 'overcast', audience: 'overcast' };
      await expect(
        startGateway({
          config: { port: 0, logLevel: 'silent', auth, healthCheckIntervalMs: 0, inventorySyncIntervalMs: 0, orgDiscoveryIntervalMs: 0 },
        }),
      ).rejects.toThrow('role policy names fields the supergraph does not have: VirtualMachine.renamedAway');
    } finally {
      delete roles['VirtualMachine.renamedAway'];
    }
  });
});
