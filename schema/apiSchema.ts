/**
 * The public API schema: the supergraph without its federation machinery (`join__*`,
 * `link__*`, inaccessible fields), as a client sees it through introspection. Clients
 * typed by GraphQL Code Generator (the console, the billing-sync example) are
 * generated against it, not against the subgraphs' SDL, which no client ever sees.
 * `npm run codegen` writes it to schema/generated/api.graphql.
 */
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSupergraphSdl } from './kinds';

/** Where the printed API schema of the checked-in supergraph goes. */
export const API_SCHEMA_PATH = join(__dirname, 'generated', 'api.graphql');

/** The API schema of a supergraph SDL, printed in the supergraph's own type order (so it is deterministic). */
export function printApiSchema(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()) + '\n';
}

if (require.main === module) writeFileSync(API_SCHEMA_PATH, printApiSchema(readSupergraphSdl()));
