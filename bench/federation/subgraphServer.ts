/**
 * A minimal, fast HTTP server for a GraphQL schema: POST JSON in, JSON out, on
 * node:http with no framework. Parsed and validated documents are cached per query
 * text (the gateway sends the same few texts again and again); every request is
 * executed for real, so answers follow the variables the gateway sends.
 *
 * `GET /__stats` answers what it has received so far (SubgraphStats), for a benchmark to
 * count upstream calls and the representations a gateway sends (see gateway-overhead).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

export interface SubgraphStats {
  /** GraphQL requests received. */
  requests: number;
  /** Of those, `_entities` fetches (a `representations` variable). */
  entitiesCalls: number;
  /** Representations in those fetches. */
  representations: number;
  /** Representations distinct within their own fetch, summed over fetches. */
  distinctRepresentations: number;
}

export interface RunningSubgraph {
  url: string;
  /** GraphQL requests answered so far. */
  requests(): number;
  stats(): SubgraphStats;
  close(): Promise<void>;
}

/** Count one request's representations; distinct ones by their JSON text (the gateway sends them in one field order). */
function countRepresentations(stats: SubgraphStats, variables: Record<string, unknown> | undefined): void {
  const representations = variables?.representations;
  if (!Array.isArray(representations)) return;
  stats.entitiesCalls++;
  stats.representations += representations.length;
  stats.distinctRepresentations += new Set(representations.map((r) => JSON.stringify(r))).size;
}

export async function serveSchema(schema: GraphQLSchema, port = 0): Promise<RunningSubgraph> {
  const documents = new Map<string, DocumentNode | readonly { message: string }[]>();
  const stats: SubgraphStats = { requests: 0, entitiesCalls: 0, representations: 0, distinctRepresentations: 0 };
  const documentOf = (query: string) => {
    let doc = documents.get(query);
    if (!doc) {
      try {
        const parsed = parse(query);
        const errors = validate(schema, parsed);
        doc = errors.length ? errors.map((e) => ({ message: e.message })) : parsed;
      } catch (err) {
        doc = [{ message: (err as Error).message }];
      }
      if (documents.size < 1000) documents.set(query, doc);
    }
    return doc;
  };

  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (req.method === 'GET' && req.url === '/__stats') return send(200, stats);
    if (req.method !== 'POST') return send(405, { errors: [{ message: 'POST only' }] });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      stats.requests++;
      let body: { query?: unknown; variables?: Record<string, unknown>; operationName?: string };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return send(400, { errors: [{ message: 'body is not JSON' }] });
      }
      if (typeof body.query !== 'string') return send(400, { errors: [{ message: 'no query' }] });
      countRepresentations(stats, body.variables);
      const doc = documentOf(body.query);
      if (Array.isArray(doc)) return send(400, { errors: doc });
      // Every resolver here is synchronous: execute answers at once.
      const result = execute({ schema, document: doc as DocumentNode, variableValues: body.variables, operationName: body.operationName });
      if (result instanceof Promise) {
        result.then(
          (r) => send(200, r),
          (err: Error) => send(500, { errors: [{ message: err.message }] }),
        );
      } else {
        send(200, result);
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/graphql`,
    requests: () => stats.requests,
    stats: () => ({ ...stats }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
