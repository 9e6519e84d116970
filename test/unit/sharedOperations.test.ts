import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, parse, type OperationDefinitionNode } from 'graphql';
import { shareOperations } from '../../gateway/execution/sharedOperations';
import type { Principal } from '../../schema/principal';

const vera: Principal = { subject: 'vera', role: 'tenant-viewer', tenantId: 'acme' };
const victor: Principal = { subject: 'victor', role: 'tenant-viewer', tenantId: 'acme' };
const gina: Principal = { subject: 'gina', role: 'tenant-viewer', tenantId: 'globex' };

function requestFor(principal: Principal | undefined, source = '{ clouds { id } }', variables: Record<string, unknown> = {}) {
  const document = parse(source);
  return {
    source,
    queryHash: source,
    operationName: null,
    request: { query: source, variables },
    document,
    operation: document.definitions[0] as OperationDefinitionNode,
    context: principal ? { principal } : {},
  } as unknown as GatewayGraphQLRequestContext;
}

/** An executor whose results wait until `release()`; counts its executions. */
function slowExecutor() {
  let executions = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const executor: GatewayExecutor = async () => {
    executions++;
    await gate;
    return { data: { clouds: [{ id: 'dc-east' }] }, errors: [new GraphQLError('vcd-nl is unavailable')] };
  };
  return { executor, executions: () => executions, release: () => release() };
}

describe('shared operations', () => {
  it('executes identical queries in flight once for principals that see the same data, each with its own data', async () => {
    const { executor, executions, release } = slowExecutor();
    const shared = shareOperations(executor);
    const results = [shared(requestFor(vera)), shared(requestFor(victor))];
    release();
    const [a, b] = await Promise.all(results);
    expect(executions()).toBe(1);
    expect(b).toEqual(a);
    expect(a!.data).not.toBe(b!.data);
    // Errors stay GraphQLErrors: Apollo Server formats them into new objects.
    expect(b!.errors![0]).toBeInstanceOf(GraphQLError);
  });

  it('never shares across tenants, documents, variables, a mutation, or a request without a principal', async () => {
    const { executor, executions, release } = slowExecutor();
    const shared = shareOperations(executor);
    const mutation = 'mutation { powerOnVm(id: "x") { id } }';
    const results = [
      shared(requestFor(vera)),
      shared(requestFor(gina)),
      shared(requestFor(vera, '{ clouds { name } }')),
      shared(requestFor(vera, 'query($n: Int) { clouds(first: $n) { id } }', { n: 1 })),
      shared(requestFor(vera, 'query($n: Int) { clouds(first: $n) { id } }', { n: 2 })),
      shared(requestFor(vera, mutation)),
      shared(requestFor(vera, mutation)),
      shared(requestFor(undefined)),
    ];
    release();
    await Promise.all(results);
    expect(executions()).toBe(results.length);
  });

  it('never lets a query sent after a mutation join one begun before it (read your writes)', async () => {
    const { executor, executions, release } = slowExecutor();
    const shared = shareOperations(executor);
    const before = shared(requestFor(vera));
    const mutation = shared(requestFor(vera, 'mutation { powerOnVm(id: "x") { id } }'));
    const after = shared(requestFor(victor));
    release();
    await Promise.all([before, mutation, after]);
    expect(executions()).toBe(3);
  });
});
