/**
 * The public API schema the example is generated against: the supergraph without its
 * federation machinery (`join__*`, `link__*`, inaccessible fields), as a client sees it
 * through introspection. `npm run codegen:examples` writes it to generated/schema.graphql
 * before codegen reads it, so the typed documents follow what the gateway serves, not
 * the subgraphs' SDL (which a client never sees).
 */
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The composed supergraph this repository checks in (`npm run compose`). */
export const SUPERGRAPH_PATH = join(__dirname, '..', '..', 'schema', 'supergraph.graphql');
/** Where the printed API schema goes; codegen.ts reads it from there. */
export const API_SCHEMA_PATH = join(__dirname, 'generated', 'schema.graphql');

/** The API schema of a supergraph SDL, printed in the supergraph's own type order (so it is deterministic). */
export function printApiSchema(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()) + '\n';
}

if (require.main === module) {
  writeFileSync(API_SCHEMA_PATH, printApiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8')));
}
