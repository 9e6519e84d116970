// ESLint: typescript-eslint's recommended rules, plus the one-way import directions of
// the layout (ARCHITECTURE.md): schema/ is the contract everyone may read; the gateway
// and the nodes never import each other; adapters know nothing of GraphQL; mocks
// simulate clouds from the seed alone. `npm run lint` (part of `npm test`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** An import of one of these top-level folders, from anywhere below another. */
const folder = (name, message) => ({ regex: `^(\\.\\./)+${name}(/|$)`, message });
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const GATEWAY = folder('gateway', 'nodes never import the gateway: share it through schema/');
const SUBGRAPHS = folder('subgraphs', 'the gateway never imports the nodes: share it through schema/');
const MOCKS = folder('mocks', 'only tests and the demo start simulated clouds');
const TOOLING = [folder('test', 'production code never imports tests'), folder('bench', 'production code never imports benchmarks')];

export default tseslint.config(
  { ignores: ['node_modules/', '**/generated/', '.overcast/', 'coverage/', 'console/dist/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['schema/**/*.ts'], rules: restrict(GATEWAY, SUBGRAPHS, MOCKS, ...TOOLING) },
  { files: ['gateway/**/*.ts'], rules: restrict(SUBGRAPHS, MOCKS, ...TOOLING) },
  { files: ['subgraphs/**/*.ts'], rules: restrict(GATEWAY, MOCKS, ...TOOLING) },
  // The billing integration is a client like any other: it knows the API from its generated schema, over HTTP.
  {
    files: ['examples/*/src/**/*.ts'],
    rules: restrict(
      ...['gateway', 'subgraphs', 'mocks', 'schema', 'test', 'bench'].map((name) =>
        folder(name, 'an integration talks to Overcast over HTTP only'),
      ),
    ),
  },
  // The console is a client like any other: it knows the API from its generated types, over HTTP and graphql-ws.
  {
    files: ['console/src/**/*.{ts,tsx}'],
    rules: restrict(
      ...['gateway', 'subgraphs', 'mocks', 'schema', 'test', 'bench', 'examples'].map((name) =>
        folder(name, 'the console talks to Overcast over its public API only'),
      ),
    ),
  },
  {
    files: ['subgraphs/cloud-node/adapters/**/*.ts', 'subgraphs/sp-node/clients/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'graphql', message: 'adapters speak their cloud API and know nothing of GraphQL' }],
          patterns: [GATEWAY, MOCKS, ...TOOLING],
        },
      ],
    },
  },
  { files: ['*.js'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  // The demo launcher starts the gateway, the nodes and the clouds as processes, from their entry points; it reads the seed alone.
  {
    files: ['demo/**/*.ts'],
    rules: restrict(GATEWAY, SUBGRAPHS, folder('schema', 'the demo starts the parts as processes: it needs no contract'), ...TOOLING),
  },
  {
    files: ['mocks/**/*.ts'],
    rules: restrict(GATEWAY, SUBGRAPHS, folder('schema', 'a simulated cloud knows only its seed, not our contract'), ...TOOLING),
  },
);
