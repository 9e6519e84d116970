/**
 * The public API schema the example is generated against (schema/apiSchema.ts: the
 * supergraph as a client sees it through introspection). `npm run codegen:examples`
 * writes it to generated/schema.graphql before codegen reads it, so the example's
 * typed documents follow what the gateway serves. A billing team outside this
 * repository would write the same file from an introspection of their gateway.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printApiSchema } from '../../schema/apiSchema';

/** The composed supergraph this repository checks in (`npm run compose`). */
export const SUPERGRAPH_PATH = join(__dirname, '..', '..', 'schema', 'supergraph.graphql');
/** Where the printed API schema goes; codegen.ts reads it from there. */
export const API_SCHEMA_PATH = join(__dirname, 'generated', 'schema.graphql');

if (require.main === module) {
  writeFileSync(API_SCHEMA_PATH, printApiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8')));
}
