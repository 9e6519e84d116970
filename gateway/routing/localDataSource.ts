/**
 * The data source of a subgraph served in this process (the control subgraph): like
 * @apollo/gateway's LocalGraphQLDataSource, which parses and validates the
 * operation on every fetch, but with the parsed and validated document kept per
 * operation text. The query planner sends the same few texts again and again, so
 * after the first fetch of a plan only execution is left.
 *
 * A resolver that fails with anything but a GraphQLError (the store's driver, a bug)
 * answers INTERNAL_SERVER_ERROR, its cause to `onInternalError`: passed on as is, its
 * message (a connection string, a file path) would reach the client under a code the
 * registry does not have.
 */
import { LocalGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../../schema/errorCodes';

type Prepared = { document: DocumentNode } | { errors: readonly GraphQLError[] };

export class CachedLocalDataSource extends LocalGraphQLDataSource {
  private readonly documents: LRUCache<string, Prepared>;

  constructor(
    schema: GraphQLSchema,
    private readonly onInternalError: (err: Error, path: readonly (string | number)[] | undefined) => void = () => undefined,
    cacheSize = 1000,
  ) {
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
    const result = await execute({
      schema: this.schema,
      document: prepared.document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
    });
    return result.errors ? { ...result, errors: result.errors.map((error) => this.masked(error)) } : result;
  }

  /** A GraphQLError thrown on purpose (or graphql's own) as it is; any other failure as INTERNAL_SERVER_ERROR. */
  private masked(error: GraphQLError): GraphQLError {
    const cause = error.originalError;
    if (!cause || cause instanceof GraphQLError) return error;
    this.onInternalError(cause, error.path);
    return new GraphQLError('Internal error', { path: error.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  }
}
