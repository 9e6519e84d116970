/**
 * The data source of a sharded kind (one subgraph, many instances): every fetch the
 * query planner makes for the kind is routed to the instance(s) that own the data.
 *
 * - `_entities`: representations partitioned by cloudId, one request per owning
 *   instance in parallel (each distinct representation once), answers reassembled
 *   in the original order; a cloud with
 *   no instance of the kind answers its entities with null fields.
 * - root fields: each on its own; `id`/`cloudId` fields go to the owner, list
 *   fields fan out to every instance and are concatenated.
 * A cloud whose node is down or slow gives nulls plus a CLOUD_UNAVAILABLE error
 * naming it: partial data, never a failed query. A mutation is sent with the id of
 * the task it may start (schema/taskId.ts): when the node has it but does not answer
 * in time, the error names that task (`extensions.taskId`), which may still complete.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import { parseGlobalId, toGlobalId } from '../../schema/ids';
import { newTaskId } from '../../schema/taskId';
import type { SubgraphKind } from '../../schema/kinds';
import { ErrorCode, badUserInput, cloudUnavailable, notFound } from '../errors';
import { knownUnavailable, type NodeInstance, type NodeRegistry } from '../registry';
import { entityWithoutInstance, partitionRepresentations, reassembleEntities, type PartitionResult } from './entities';
import { oneUnavailablePerCloud } from './unavailableOnce';
import { sendDistinct } from './distinctRepresentations';
import { NodeUnavailableError, type GraphQLResult, type NodeClient } from './nodeClient';
import { createOperationAnalyzer, type ArgumentSource, type EntityShapes, type RootFieldPart } from './operation';
import type { RootFieldRoutes } from './rootFields';
import type { Principal } from '../../schema/principal';
import type { GatewayContext } from '../context';
import type { AccessGuard } from '../isolation/guard';

export interface ShardedDataSourceOptions {
  kind: SubgraphKind;
  registry: NodeRegistry;
  routes: RootFieldRoutes;
  client: NodeClient;
  /** Tenant isolation: every id checked, every fan-out limited, every forwarded principal scoped. */
  guard: AccessGuard;
  /** Send each distinct representation of an entity fetch once (config `sharing.representations`). */
  distinct: boolean;
}

type Variables = Record<string, unknown>;

/**
 * Types the gateway's ownership index does not know (it reads orgs, VDCs and VMs): a
 * tenant's id of one is checked here as far as its cloud, and the rest of the way by
 * the node, which receives the tenant's scope (a task by its VM's VDC).
 */
const NODE_CHECKED_TYPES: ReadonlySet<string> = new Set(['Task']);

/** The error of a mutation the node may still be carrying out, naming its task. */
function withTaskId(error: GraphQLFormattedError, taskId: string): GraphQLFormattedError {
  return { ...error, extensions: { ...error.extensions, taskId } };
}

interface FieldAnswer {
  value: unknown;
  errors: GraphQLFormattedError[];
}

export class ShardedDataSource implements GraphQLDataSource {
  private readonly analyze: ReturnType<typeof createOperationAnalyzer>;

  constructor(private readonly options: ShardedDataSourceOptions) {
    this.analyze = createOperationAnalyzer(options.kind, options.routes);
  }

  async process(request: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const query = request.request.query;
    if (!query) return { errors: [{ message: `${this.options.kind}: fetch without a query` }] };
    const variables: Variables = request.request.variables ?? {};
    // Every request names its principal (clients' from their token, the gateway's own reads
    // explicitly); a fetch without one is a wiring bug and reaches no node.
    const principal = (request.context as Partial<GatewayContext>).principal;
    if (!principal)
      return {
        errors: [{ message: `${this.options.kind}: fetch without a principal`, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
      };
    const plan = this.analyze(query);
    if (plan.kind === 'entities') return this.fetchEntities(query, variables, plan.shapes, principal);

    const answers = await Promise.all(plan.parts.map((part) => this.fetchField(part, variables, principal)));
    const data: Record<string, unknown> = {};
    const errors: GraphQLFormattedError[] = [];
    plan.parts.forEach((part, i) => {
      data[part.responseKey] = answers[i]!.value;
      errors.push(...answers[i]!.errors);
    });
    return errors.length ? { data, errors } : { data };
  }

  private async fetchEntities(
    query: string,
    variables: Variables,
    shapes: EntityShapes,
    principal: Principal,
  ): Promise<GatewayGraphQLResponse> {
    const representations = Array.isArray(variables.representations) ? variables.representations : [];
    // What a tenant may not see never leaves the gateway: it stays null, like an id that does not exist.
    const allowed = await this.allowed(
      principal,
      representations.map((rep) => rep as { __typename?: unknown; id?: unknown }),
    );
    const visible = representations.map((rep, i) => (allowed[i] ? rep : null));
    const results = await Promise.all(
      partitionRepresentations(visible).map(async (partition): Promise<PartitionResult> => {
        const node = this.options.registry.find(this.options.kind, partition.cloudId);
        // No instance of this kind for that cloud (no sp-node in a single-tenant cloud): null fields, no error.
        if (!node) return { partition, entities: partition.representations.map((rep) => entityWithoutInstance(rep, shapes)) };
        const send = (reps: readonly unknown[]) => this.send(node, query, { ...variables, representations: reps }, principal);
        const answer = this.options.distinct ? await sendDistinct(partition.representations, send) : await send(partition.representations);
        if (answer instanceof NodeUnavailableError) {
          return { partition, errors: [cloudUnavailable(node.cloudId, answer.message, ['_entities', partition.indexes[0]!])] };
        }
        const entities = answer.data?._entities;
        // A node whose cloud API is down fails each entity on its own: the client gets one error naming the cloud.
        return {
          partition,
          entities: Array.isArray(entities) ? entities : undefined,
          errors: answer.errors && oneUnavailablePerCloud(answer.errors),
        };
      }),
    );
    const { entities, errors } = reassembleEntities(representations.length, results);
    return errors.length ? { data: { _entities: entities }, errors } : { data: { _entities: entities } };
  }

  private fetchField(part: RootFieldPart, variables: Variables, principal: Principal): Promise<FieldAnswer> {
    switch (part.target.route) {
      case 'typename':
        return Promise.resolve({ value: part.target.typename, errors: [] });
      case 'fanout':
        return this.fanOut(part, variables, principal);
      case 'id':
      case 'cloudId':
        return this.routeToOwner(part, part.target, variables, principal);
    }
  }

  /** Send one root field to the instance owning the cloud named by its argument. */
  private async routeToOwner(
    part: RootFieldPart,
    { route: by, typename, source }: { route: 'id' | 'cloudId'; typename: string; source: ArgumentSource },
    variables: Variables,
    principal: Principal,
  ): Promise<FieldAnswer> {
    const path = [part.responseKey];
    // A variable the client did not send takes its default, as the node executing the operation would.
    const raw =
      'literal' in source
        ? source.literal
        : 'variable' in source
          ? source.variable in variables
            ? variables[source.variable]
            : source.default
          : undefined;
    if (typeof raw !== 'string') return { value: null, errors: [badUserInput(`"${by}" must be a string`, path)] };
    const parsed = parseGlobalId(raw);
    if (!parsed || (by === 'cloudId' && parsed.nativeId !== '')) {
      const expected = by === 'id' ? '"<cloudId>:<native id>"' : 'a cloudId such as "dc-east"';
      return { value: null, errors: [badUserInput(`"${raw}" is not a valid ${by}; expected ${expected}`, path)] };
    }
    const node = this.options.registry.find(this.options.kind, parsed.cloudId);
    // Unknown cloud, or not the tenant's: the same answer as the node gives for an id it does not have.
    const check =
      by === 'cloudId' || NODE_CHECKED_TYPES.has(typename)
        ? { __typename: 'Cloud', id: parsed.cloudId }
        : { __typename: typename, id: raw };
    const [allowed] = await this.allowed(principal, [check]);
    if (!node || !allowed) return { value: null, errors: [notFound(`${typename} "${raw}" not found`, path)] };
    // Chosen here, not by the node: a client cut off by the timeout still learns which task to follow.
    // (Every mutation of a sharded kind is one task: the cloud-node's power operations; the sp-node has none.)
    const taskId = part.rootType === 'Mutation' ? newTaskId() : undefined;
    const answer = await this.send(node, part.query, variables, principal, taskId);
    if (answer instanceof NodeUnavailableError) {
      const error = cloudUnavailable(node.cloudId, answer.message, path);
      // Only a node that has the request can have started the task: one known down, or never reached, started nothing.
      return { value: null, errors: [taskId && answer.delivered ? withTaskId(error, toGlobalId(node.cloudId, taskId)) : error] };
    }
    return { value: answer.data?.[part.responseKey] ?? null, errors: answer.errors ?? [] };
  }

  /** Send a list field to every instance; concatenate in registry order, shifting error paths. */
  private async fanOut(part: RootFieldPart, variables: Variables, principal: Principal): Promise<FieldAnswer> {
    const visible = await this.options.guard.visibleClouds(principal);
    const nodes = this.options.registry.list(this.options.kind).filter((node) => !visible || visible.has(node.cloudId));
    const answers = await Promise.all(nodes.map((node) => this.send(node, part.query, variables, principal)));
    const value: unknown[] = [];
    const errors: GraphQLFormattedError[] = [];
    answers.forEach((answer, i) => {
      if (answer instanceof NodeUnavailableError) {
        errors.push(cloudUnavailable(nodes[i]!.cloudId, answer.message, [part.responseKey]));
        return;
      }
      const items = answer.data?.[part.responseKey];
      const offset = value.length;
      if (Array.isArray(items)) value.push(...items);
      for (const error of answer.errors ?? []) {
        const index = error.path?.[1];
        errors.push(
          error.path && typeof index === 'number' ? { ...error, path: [part.responseKey, index + offset, ...error.path.slice(2)] } : error,
        );
      }
    });
    return { value, errors };
  }

  /** Which of these representations (or ids) the principal may reach. */
  private async allowed(principal: Principal, items: ReadonlyArray<{ __typename?: unknown; id?: unknown } | null>): Promise<boolean[]> {
    return this.options.guard.allowsMany(
      principal,
      items.map((item) => ({ typename: String(item?.__typename ?? ''), id: typeof item?.id === 'string' ? item.id : '' })),
    );
  }

  private async send(
    node: NodeInstance,
    query: string,
    variables: Variables,
    principal: Principal,
    taskId?: string,
  ): Promise<GraphQLResult | NodeUnavailableError> {
    const unavailable = knownUnavailable(node);
    if (unavailable) return new NodeUnavailableError(unavailable);
    try {
      // A tenant's request to a multi-tenant cloud carries its scope there: the node enforces it too.
      const forwarded = await this.options.guard.nodePrincipal(principal, node.cloudId);
      return await this.options.client.post(node, { query, variables }, forwarded, taskId ? { taskId } : undefined);
    } catch (err) {
      if (err instanceof NodeUnavailableError) return err;
      throw err;
    }
  }
}
