/**
 * GraphQL Code Generator for the console: the client preset over the public API
 * schema (schema/generated/api.graphql) and the documents the views write with
 * `graphql()`. `npm run codegen` rewrites console/generated/; a unit test fails when
 * it is stale. A document the API does not answer fails here, before tsc.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema/generated/api.graphql',
  documents: ['console/src/**/*.ts', 'console/src/**/*.tsx'],
  ignoreNoDocuments: false,
  generates: {
    'console/generated/gql/': {
      preset: 'client',
      // Documents as ASTs (urql keys its requests by them); no fragments to mask in a small app.
      config: { enumsAsTypes: true, useTypeImports: true, onlyOperationTypes: true },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
