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
import { ErrorCode } from '../errors';
import { malformedEntityId, malformedSlug } from '../ids';
import { selectionUsage } from '../documents/usage';
import { NODE_KIND_OF } from '../../schema/kinds';
import type { SubscribeSpec, VmSelection } from '../events/hub';
import type { Interest } from '../events/interest';

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
        // As the node saw it when the event happened; `vm { powerState }` is the state at delivery.
        powerState: event.vm.powerState,
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
        transfer: event.task.transfer ? { __typename: 'TransferProgress', ...event.task.transfer } : null,
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
    case 'transfer':
      // Never delivered (the hub keeps a node's import reports from subscribers): nothing to offer.
      return {};
  }
}

/** A refusal of the subscription's arguments. */
const badInput = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

/**
 * The operation of `document` to run, picked as graphql-js (and so Apollo Server over
 * HTTP) picks it, or the OPERATION_RESOLUTION_FAILURE HTTP would answer.
 */
export function resolveOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | GraphQLError {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (op) return op;
  const message = operationName
    ? `Unknown operation named "${operationName}".`
    : ops.length
      ? 'Must provide operation name if query contains multiple operations.'
      : 'Must provide an operation.';
  return new GraphQLError(message, { extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE } });
}

/**
 * What a root field's (coerced) arguments ask for, or why they are refused: ids are
 * checked as HTTP checks them (../ids), since an id that cannot exist would otherwise
 * be a subscription that silently never delivers.
 */
function interestOf(field: string, args: Record<string, unknown>): Interest | GraphQLError[] {
  const problems = (checks: Array<string | undefined>) => checks.filter((p): p is string => p !== undefined).map(badInput);
  switch (field) {
    case 'vmEvents': {
      const filter = (args.filter ?? {}) as { tenantId?: string | null; cloudId?: string | null; types?: string[] | null };
      const refused = problems([
        filter.tenantId != null ? malformedSlug('tenantId', filter.tenantId) : undefined,
        filter.cloudId != null ? malformedSlug('cloudId', filter.cloudId) : undefined,
      ]);
      if (refused.length) return refused;
      return {
        kind: 'vm',
        ...(filter.tenantId ? { tenantId: filter.tenantId } : {}),
        ...(filter.cloudId ? { cloudId: filter.cloudId } : {}),
        ...(filter.types ? { types: filter.types } : {}),
      };
    }
    case 'taskProgress': {
      const taskId = args.taskId == null ? undefined : String(args.taskId);
      const vmId = args.vmId == null ? undefined : String(args.vmId);
      // Without either it would be every task of every VM the caller may see: a firehose the SDL does
      // not describe ("one task, or every task on one VM"), and vmEvents is the feed for a whole estate.
      if (taskId === undefined && vmId === undefined) return [badInput('taskProgress needs a taskId or a vmId')];
      const refused = problems([
        taskId !== undefined ? malformedEntityId('Task', taskId) : undefined,
        vmId !== undefined ? malformedEntityId('VirtualMachine', vmId) : undefined,
      ]);
      if (refused.length) return refused;
      return taskId !== undefined ? { kind: 'task', taskId, ...(vmId !== undefined ? { vmId } : {}) } : { kind: 'task', vmId: vmId! };
    }
    default:
      return { kind: 'nodeStatus' };
  }
}

/**
 * Read a validated subscription operation (`op`, of `document`) with its coerced
 * variables. Answers what the hub needs, or the errors to refuse it with.
 */
export function prepareSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  op: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Omit<SubscribeSpec, 'principal'> | GraphQLError[] {
  if (op.operation !== 'subscription')
    return [badInput('Only subscriptions are served over WebSocket; send queries and mutations over HTTP')];
  const fragments: Fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const roots = fieldsOf(op.selectionSet, fragments);
  const root = roots[0];
  if (roots.length !== 1 || !root) return [badInput('A subscription has exactly one root field')];
  const fieldDef = schema.getSubscriptionType()!.getFields()[root.name.value]!;
  const interest = interestOf(root.name.value, getArgumentValues(fieldDef, root, variables) as Record<string, unknown>);
  if (Array.isArray(interest)) return interest;
  const vmFields = fieldsOf(root.selectionSet, fragments).filter((f) => f.name.value === 'vm');
  const selection = vmSelection(vmFields, op, fragments, variables);
  const responseKey = root.alias?.value ?? root.name.value;
  const render = (event: OvercastEvent, vm: Record<string, unknown> | null): ExecutionResult => {
    const values = eventFields(event);
    // An object field other than `vm` (a task's `transfer`) is projected onto its own selection.
    const valueOf = (f: FieldNode, from: Record<string, unknown>): unknown => {
      const value = from[f.name.value];
      if (!f.selectionSet || value === null || typeof value !== 'object') return value;
      return project(f.selectionSet, fragments, (g) => valueOf(g, value as Record<string, unknown>));
    };
    return { data: { [responseKey]: project(root.selectionSet, fragments, (f) => (f.name.value === 'vm' ? vm : valueOf(f, values))) } };
  };
  // What `render` reads: the root field (its alias and selection) and the fragments that selection spreads.
  const spread = [...selectionUsage(root, fragments).fragments].sort().flatMap((name) => {
    const fragment = fragments.get(name);
    return fragment ? [print(fragment)] : [];
  });
  const renderKey = [print(root), ...spread].join('\n');
  return { interest, ...(selection ? { vmSelection: selection } : {}), render, renderKey };
}
