import { parse, print } from 'graphql';
import { readSdl } from '../../schema/kinds';
import { createOperationAnalyzer } from '../../gateway/routing/operation';
import { rootFieldRoutes } from '../../gateway/routing/rootFields';

const routes = rootFieldRoutes('cloud-node', readSdl('cloud-node'));
const normalize = (q: string): string => print(parse(q));

describe('operation analysis', () => {
  it('routes every root field of the cloud-node kind', () => {
    expect(Object.fromEntries(routes)).toEqual({
      'Query.clouds': { by: 'fanout', typename: 'Cloud' },
      'Query.cloudUsage': { by: 'cloudId', typename: 'UsageHour' },
      'Query.cloud': { by: 'id', typename: 'Cloud' },
      'Query.template': { by: 'id', typename: 'Template' },
      'Query.vdc': { by: 'id', typename: 'VirtualDataCenter' },
      'Query.vm': { by: 'id', typename: 'VirtualMachine' },
      'Query.task': { by: 'id', typename: 'Task' },
      'Mutation.powerOnVm': { by: 'id', typename: 'VirtualMachine' },
      'Mutation.powerOffVm': { by: 'id', typename: 'VirtualMachine' },
    });
  });

  it('refuses, at start, a root field it cannot route', () => {
    expect(() => rootFieldRoutes('k', 'type Query { vmCount: Int }')).toThrow(/Query.vmCount cannot be routed/);
    expect(() => rootFieldRoutes('k', 'type Mutation { rebootAll: [ID] }')).toThrow(/Mutation.rebootAll cannot be routed/);
  });

  it('recognises an entity fetch and the fields it selects per type, through fragments', () => {
    const analyze = createOperationAnalyzer('cloud-node', routes);
    const plan = analyze(
      'query($representations:[_Any!]!){_entities(representations:$representations){__typename ...on VirtualMachine{name n2: name vdc { id }} ...C}} fragment C on Cloud { kind }',
    );
    expect(plan).toEqual({
      kind: 'entities',
      shapes: new Map([
        ['VirtualMachine', ['name', 'n2', 'vdc']],
        ['Cloud', ['kind']],
      ]),
    });
  });

  it("reads a routing variable's default from the operation, which the planner keeps but sends no value for", () => {
    const analyze = createOperationAnalyzer('cloud-node', routes);
    const plan = analyze('query($id: ID! = "dc-east:vm-7", $c: ID!) { vm(id: $id) { name } cloud(id: $c) { id } }');
    if (plan.kind !== 'fields') throw new Error('expected fields');
    expect(plan.parts.map((p) => p.target)).toEqual([
      { route: 'id', typename: 'VirtualMachine', source: { variable: 'id', default: 'dc-east:vm-7' } },
      { route: 'id', typename: 'Cloud', source: { variable: 'c' } },
    ]);
  });

  it('splits root fields, each with only the variables and fragments it uses', () => {
    const analyze = createOperationAnalyzer('cloud-node', routes);
    const plan = analyze(
      'query Q($b: ID!, $unused: ID!) { a: vm(id: "x:1") { ...F } b: vm(id: $b) { name } clouds { id } t: vm(id: $unused) { id } } fragment F on VirtualMachine { name }',
    );
    if (plan.kind !== 'fields') throw new Error('expected fields');
    expect(plan.parts.map((p) => [p.responseKey, p.target])).toEqual([
      ['a', { route: 'id', typename: 'VirtualMachine', source: { literal: 'x:1' } }],
      ['b', { route: 'id', typename: 'VirtualMachine', source: { variable: 'b' } }],
      ['clouds', { route: 'fanout' }],
      ['t', { route: 'id', typename: 'VirtualMachine', source: { variable: 'unused' } }],
    ]);
    expect(plan.parts[0]!.query).toBe(normalize('query Q { a: vm(id: "x:1") { ...F } } fragment F on VirtualMachine { name }'));
    expect(plan.parts[1]!.query).toBe(normalize('query Q($b: ID!) { b: vm(id: $b) { name } }'));
    expect(plan.parts[2]!.query).toBe(normalize('query Q { clouds { id } }'));
  });

  it('sends a single root field as it came, and caches the analysis per operation text', () => {
    const analyze = createOperationAnalyzer('cloud-node', routes);
    const query = 'mutation { powerOnVm(id: "dc-east:vm-1") { powerState } }';
    const plan = analyze(query);
    expect(plan).toEqual({
      kind: 'fields',
      parts: [
        {
          responseKey: 'powerOnVm',
          rootType: 'Mutation',
          query,
          target: { route: 'id', typename: 'VirtualMachine', source: { literal: 'dc-east:vm-1' } },
        },
      ],
    });
    expect(analyze(query)).toBe(plan);
  });
});
