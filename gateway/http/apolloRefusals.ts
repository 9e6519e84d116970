/**
 * Client mistakes Apollo Server or @apollo/gateway would answer with a code that
 * blames us, refused instead with the registry's code and status:
 * - no operation to run (an `operationName` the document does not have, several
 *   operations and no `operationName`): @apollo/gateway throws INVALID_GRAPHQL, a 500;
 *   Apollo Server's own name for it, over a plain schema, is OPERATION_RESOLUTION_FAILURE (400);
 * - an automatic persisted query whose `sha256Hash` is not its query's, or of a
 *   version other than 1: Apollo answers 400 labelled INTERNAL_SERVER_ERROR. Checked
 *   before Apollo sees the request (a plugin that throws before Apollo's own check
 *   gets a 500), as a preHandler of the GraphQL route.
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Kind } from 'graphql';
import { isRecord } from '../../schema/values';
import type { GatewayContext } from '../context';
import { ErrorCode, requestRefused } from '../errors';
import { refuse } from './errorShape';

/** Apollo Server's APQ hash: SHA-256 of the query text, in hex. */
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** `query` and `extensions` of a GraphQL request over POST (the JSON body) or GET (search parameters, `extensions` JSON-encoded). */
function queryAndExtensions(request: FastifyRequest): { query: unknown; extensions: unknown } | undefined {
  const source = request.method === 'GET' ? request.query : request.body;
  if (!isRecord(source)) return undefined;
  if (request.method !== 'GET') return { query: source.query, extensions: source.extensions };
  if (typeof source.extensions !== 'string') return undefined;
  try {
    return { query: source.query, extensions: JSON.parse(source.extensions) as unknown };
  } catch {
    // Apollo Server refuses it (BAD_REQUEST).
    return undefined;
  }
}

/** A fastify preHandler for the GraphQL route: an automatic persisted query that cannot be right. */
export async function checkPersistedQuery(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const sent = queryAndExtensions(request);
  const persisted = isRecord(sent?.extensions) ? sent.extensions.persistedQuery : undefined;
  if (!isRecord(persisted)) return undefined;
  if (persisted.version !== 1) return refuse(reply, ErrorCode.BAD_REQUEST, 'Unsupported persisted query version; only version 1 is');
  if (typeof sent?.query === 'string' && persisted.sha256Hash !== sha256(sent.query)) {
    return refuse(reply, ErrorCode.PERSISTED_QUERY_HASH_MISMATCH, 'persistedQuery.sha256Hash is not the SHA-256 of the query');
  }
  return undefined;
}

/** The Apollo Server plugin: an operation that cannot be resolved is the client's mistake. */
export function refuseClientMistakes(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          // The messages graphql-js gives for the same mistakes.
          const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}".`
            : operations > 1
              ? 'Must provide operation name if query contains multiple operations.'
              : 'Must provide an operation.';
          throw requestRefused(ErrorCode.OPERATION_RESOLUTION_FAILURE, message);
        },
      };
    },
  };
}
