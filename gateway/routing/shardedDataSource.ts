/**
 * The data source of a sharded kind (one subgraph, many instances): every fetch the
 * query planner makes for the kind is routed to the instance(s) that own the data.
 *
 * - `_entities`: representations partitioned by cloudId, one request per owning
 *   instance in parallel, answers reassembled in the original order; a cloud with
 *   no instance of the kind answers its entities with null fields.
 * - root fields: each on its own; `id`/`cloudId` fields go to the owner, list
 *   fields fan out to every instance and are concatenated.
 * A cloud whose node is down or slow gives nulls plus a CLOUD_UNAVAILABLE error
 * naming it: partial data, never a failed query.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import { parseGlobalId } from '../../schema/ids';
import type { SubgraphKind } from '../../schema/kinds';
import { badUserInput, cloudUnavailable, notFound } from '../errors';
import type { NodeInstance, NodeRegistry } from '../registry';
import { entityWithoutInstance, partitionRepresentations, reassembleEntities, type PartitionResult } from './entities';
import { NodeUnavailableError, type GraphQLResult, type NodeClient } from './nodeClient';
import { createOperationAnalyzer, type ArgumentSource, type EntityShapes, type RootFieldPart } from './operation';
import type { RootFieldRoutes } from './rootFields';

export interface ShardedDataSourceOptions {
  kind: SubgraphKind;
  registry: NodeRegistry;
  routes: RootFieldRoutes;
  client: NodeClient;
}

type Variables = Record<string, unknown>;

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
    const plan = this.analyze(query);
    if (plan.kind === 'entities') return this.fetchEntities(query, variables, plan.shapes);

    const answers = await Promise.all(plan.parts.map((part) => this.fetchField(part, variables)));
    const data: Record<string, unknown> = {};
    const errors: GraphQLFormattedError[] = [];
    plan.parts.forEach((part, i) => {
      data[part.responseKey] = answers[i]!.value;
      errors.push(...answers[i]!.errors);
    });
    return errors.length ? { data, errors } : { data };
  }

  private async fetchEntities(query: string, variables: Variables, shapes: EntityShapes): Promise<GatewayGraphQLResponse> {
    const representations = Array.isArray(variables.representations) ? variables.representations : [];
    const results = await Promise.all(
      partitionRepresentations(representations).map(async (partition): Promise<PartitionResult> => {
        const node = this.options.registry.find(this.options.kind, partition.cloudId);
        // No instance of this kind for that cloud (no sp-node in a single-tenant cloud): null fields, no error.
        if (!node) return { partition, entities: partition.representations.map((rep) => entityWithoutInstance(rep, shapes)) };
        const answer = await this.send(node, query, { ...variables, representations: partition.representations });
        if (answer instanceof NodeUnavailableError) {
          return { partition, errors: [cloudUnavailable(node.cloudId, answer.message, ['_entities', partition.indexes[0]!])] };
        }
        const entities = answer.data?._entities;
        return { partition, entities: Array.isArray(entities) ? entities : undefined, errors: answer.errors };
      }),
    );
    const { entities, errors } = reassembleEntities(representations.length, results);
    return errors.length ? { data: { _entities: entities }, errors } : { data: { _entities: entities } };
  }

  private fetchField(part: RootFieldPart, variables: Variables): Promise<FieldAnswer> {
    switch (part.target.route) {
      case 'typename':
        return Promise.resolve({ value: part.target.typename, errors: [] });
      case 'fanout':
        return this.fanOut(part, variables);
      case 'id':
      case 'cloudId':
        return this.routeToOwner(part, part.target.route, part.target.source, variables);
    }
  }

  /** Send one root field to the instance owning the cloud named by its argument. */
  private async routeToOwner(part: RootFieldPart, by: 'id' | 'cloudId', source: ArgumentSource, variables: Variables): Promise<FieldAnswer> {
    const path = [part.responseKey];
    const raw = 'literal' in source ? source.literal : 'variable' in source ? variables[source.variable] : undefined;
    if (typeof raw !== 'string') return { value: null, errors: [badUserInput(`"${by}" must be a string`, path)] };
    const parsed = parseGlobalId(raw);
    if (!parsed || (by === 'cloudId' && parsed.nativeId !== '')) {
      const expected = by === 'id' ? '"<cloudId>:<native id>"' : 'a cloudId such as "dc-east"';
      return { value: null, errors: [badUserInput(`"${raw}" is not a valid ${by}; expected ${expected}`, path)] };
    }
    const node = this.options.registry.find(this.options.kind, parsed.cloudId);
    if (!node) return { value: null, errors: [notFound(`No cloud "${parsed.cloudId}" (from ${by} "${raw}")`, path)] };
    const answer = await this.send(node, part.query, variables);
    if (answer instanceof NodeUnavailableError) return { value: null, errors: [cloudUnavailable(node.cloudId, answer.message, path)] };
    return { value: answer.data?.[part.responseKey] ?? null, errors: answer.errors ?? [] };
  }

  /** Send a list field to every instance; concatenate in registry order, shifting error paths. */
  private async fanOut(part: RootFieldPart, variables: Variables): Promise<FieldAnswer> {
    const nodes = this.options.registry.list(this.options.kind);
    const answers = await Promise.all(nodes.map((node) => this.send(node, part.query, variables)));
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
        errors.push(error.path && typeof index === 'number' ? { ...error, path: [part.responseKey, index + offset, ...error.path.slice(2)] } : error);
      }
    });
    return { value, errors };
  }

  private async send(node: NodeInstance, query: string, variables: Variables): Promise<GraphQLResult | NodeUnavailableError> {
    try {
      return await this.options.client.post(node.url, { query, variables });
    } catch (err) {
      if (err instanceof NodeUnavailableError) return err;
      throw err;
    }
  }
}
