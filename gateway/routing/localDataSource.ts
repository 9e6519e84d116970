/**
 * The data source of a subgraph served in this process (the control subgraph): like
 * @apollo/gateway's LocalGraphQLDataSource, which parses and validates the
 * operation on every fetch, but with the parsed and validated document kept per
 * operation text. The query planner sends the same few texts again and again, so
 * after the first fetch of a plan only execution is left.
 */
import { LocalGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';

type Prepared = { document: DocumentNode } | { errors: readonly GraphQLError[] };

export class CachedLocalDataSource extends LocalGraphQLDataSource {
  private readonly documents: LRUCache<string, Prepared>;

  constructor(schema: GraphQLSchema, cacheSize = 1000) {
    super(schema);
    this.documents = new LRUCache({ max: cacheSize });
  }

  override async process({ request, context }: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const query = request.query ?? '';
    let prepared = this.documents.get(query);
    if (!prepared) {
      try {
        const document = parse(query);
        const errors = validate(this.schema, document);
        prepared = errors.length ? { errors } : { document };
      } catch (err) {
        prepared = { errors: [err instanceof GraphQLError ? err : new GraphQLError((err as Error).message)] };
      }
      this.documents.set(query, prepared);
    }
    // As graphql() answers (what LocalGraphQLDataSource returns): GraphQLError objects included.
    if ('errors' in prepared) return { errors: prepared.errors };
    return execute({
      schema: this.schema,
      document: prepared.document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
    });
  }
}
