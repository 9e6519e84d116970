/**
 * GraphQL Code Generator for the billing-sync example, as a billing team would run it:
 * the client preset over the gateway's public API schema (generated/schema.graphql,
 * printed from the supergraph by apiSchema.ts), and the documents the example writes
 * with `graphql()` in src/. `npm run codegen:examples` rewrites both; a unit test
 * fails when either is stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: 'examples/billing-sync/generated/schema.graphql',
  documents: ['examples/billing-sync/src/**/*.ts'],
  // A document the schema does not answer fails here, before tsc.
  ignoreNoDocuments: false,
  generates: {
    'examples/billing-sync/generated/gql/': {
      preset: 'client',
      // Documents as typed strings: the client POSTs their text, and needs no GraphQL parser at run time.
      config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true, onlyOperationTypes: true },
      // The example reads whole results; no fragments to mask.
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
