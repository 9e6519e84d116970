/**
 * A subscription document, read once when it is subscribed: which events it wants
 * (its root field and arguments), how to hydrate the VM it selects (one query per
 * distinct selection, through the supergraph), and how to render an event in the
 * shape it asked for (aliases and fragments included).
 */
import {
  GraphQLError,
  Kind,
  getArgumentValues,
  print,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { OvercastEvent, VmSnapshot } from '../../schema/events';
import { selectionUsage } from '../documents/usage';
import { NODE_KIND_OF } from '../../schema/kinds';
import type { Interest, SubscribeSpec, VmSelection } from '../events/hub';

const SNAPSHOT_FIELDS = new Set<keyof VmSnapshot>(['id', 'name', 'powerState', 'cpuCount', 'memoryMb']);

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/** Every field node under `set` (through inline fragments and spreads), by response key. */
function fieldsOf(set: SelectionSetNode | undefined, fragments: Fragments, out: FieldNode[] = []): FieldNode[] {
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) fieldsOf(s.selectionSet, fragments, out);
    else fieldsOf(fragments.get(s.name.value)?.selectionSet, fragments, out);
  }
  return out;
}

function project(set: SelectionSetNode | undefined, fragments: Fragments, valueOf: (field: FieldNode) => unknown): Record<string, unknown> {
  return Object.fromEntries(fieldsOf(set, fragments).map((f) => [f.alias?.value ?? f.name.value, valueOf(f)]));
}

/** The hydration query for the `vm` selections (all merged), with the variables and fragments they use. */
function vmSelection(
  vmFields: FieldNode[],
  op: OperationDefinitionNode,
  fragments: Fragments,
  variables: Record<string, unknown>,
): VmSelection | undefined {
  const selections = vmFields.flatMap((f) => f.selectionSet?.selections ?? []);
  if (!selections.length) return undefined;
  const body: SelectionSetNode = { kind: Kind.SELECTION_SET, selections };
  const { variables: usedVariables, fragments: usedFragments } = selectionUsage(body, fragments);
  const definitions = (op.variableDefinitions ?? []).filter((d) => usedVariables.has(d.variable.name.value)).map((d) => print(d));
  const query = [
    `query OvercastHydrate($ids: [ID!]!${definitions.length ? `, ${definitions.join(', ')}` : ''}) { vmsByIds(ids: $ids) ${print(body)} }`,
    ...[...usedFragments].map((name) => print(fragments.get(name)!)),
  ].join('\n');
  const used = Object.fromEntries([...usedVariables].map((name) => [name, variables[name]]));
  const fields = fieldsOf(body, fragments);
  const fromSnapshot = fields
    .filter((f) => SNAPSHOT_FIELDS.has(f.name.value as keyof VmSnapshot))
    .map((f) => [f.alias?.value ?? f.name.value, f.name.value as keyof VmSnapshot] as [string, keyof VmSnapshot]);
  const responseKeys = [...new Set(fields.map((f) => f.alias?.value ?? f.name.value))];
  return { key: `${query}\n${JSON.stringify(used)}`, query, variables: used, responseKeys, fromSnapshot };
}

/** The fields an event offers, by field name (the schema's VmEvent, TaskEvent, NodeStatusEvent). */
function eventFields(event: OvercastEvent): Record<string, unknown> {
  switch (event.kind) {
    case 'vm':
      return {
        __typename: 'VmEvent',
        type: event.type,
        at: event.at,
        cloudId: event.cloudId,
        previousPowerState: event.previous?.powerState ?? null,
        previousVdcId: event.previous?.vdcId ?? null,
      };
    case 'task':
      return {
        __typename: 'TaskEvent',
        taskId: event.task.id,
        operation: event.task.operation,
        vmId: event.task.vmId,
        state: event.task.state,
        progress: event.task.progress,
        error: event.task.error ?? null,
        at: event.at,
      };
    case 'nodeStatus':
      return {
        __typename: 'NodeStatusEvent',
        nodeId: event.nodeId,
        cloudId: event.cloudId,
        kind: NODE_KIND_OF[event.nodeKind],
        status: event.status,
        previous: event.previous ?? null,
        at: event.at,
      };
  }
}

/**
 * Read a validated subscription document. Answers what the hub needs, or the
 * errors to refuse it with.
 */
export function prepareSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): Omit<SubscribeSpec, 'principal'> | GraphQLError[] {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op) return [new GraphQLError('Name one operation of the document to subscribe to', { extensions: { code: 'BAD_USER_INPUT' } })];
  if (op.operation !== 'subscription')
    return [
      new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', {
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ];
  const fragments: Fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const roots = fieldsOf(op.selectionSet, fragments);
  const root = roots[0];
  if (roots.length !== 1 || !root)
    return [new GraphQLError('A subscription has exactly one root field', { extensions: { code: 'BAD_USER_INPUT' } })];
  const fieldDef = schema.getSubscriptionType()!.getFields()[root.name.value]!;
  const args = getArgumentValues(fieldDef, root, variables) as Record<string, unknown>;

  let interest: Interest;
  switch (root.name.value) {
    case 'vmEvents': {
      const filter = (args.filter ?? {}) as { tenantId?: string | null; cloudId?: string | null; types?: string[] | null };
      interest = {
        kind: 'vm',
        ...(filter.tenantId ? { tenantId: filter.tenantId } : {}),
        ...(filter.cloudId ? { cloudId: filter.cloudId } : {}),
        ...(filter.types ? { types: filter.types } : {}),
      };
      break;
    }
    case 'taskProgress':
      interest = {
        kind: 'task',
        ...(args.taskId ? { taskId: String(args.taskId) } : {}),
        ...(args.vmId ? { vmId: String(args.vmId) } : {}),
      };
      break;
    default:
      interest = { kind: 'nodeStatus' };
  }
  const vmFields = fieldsOf(root.selectionSet, fragments).filter((f) => f.name.value === 'vm');
  const selection = vmSelection(vmFields, op, fragments, variables);
  const responseKey = root.alias?.value ?? root.name.value;
  const render = (event: OvercastEvent, vm: Record<string, unknown> | null): ExecutionResult => {
    const values = eventFields(event);
    return { data: { [responseKey]: project(root.selectionSet, fragments, (f) => (f.name.value === 'vm' ? vm : values[f.name.value])) } };
  };
  return { interest, ...(selection ? { vmSelection: selection } : {}), render };
}
