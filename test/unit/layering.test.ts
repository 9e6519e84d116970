/**
 * The layering that lint's import rules cannot see: what a module loads through the
 * modules it imports. Adapters and the sp-node's clients speak HTTP to their cloud
 * and must not load GraphQL at all, not even through a shared error module.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The files of ours, and whether graphql-js was loaded, when `modules` are required in a fresh process. */
function loadedBy(modules: string[]): { ours: string[]; graphql: boolean } {
  const script = `for (const m of ${JSON.stringify(modules)}) require(m);
    const all = Object.keys(require.cache);
    console.log(JSON.stringify({ ours: all.filter((f) => !f.includes('node_modules')).map((f) => require('node:path').relative(${JSON.stringify(root)}, f)), graphql: all.some((f) => f.includes('/node_modules/graphql/')) }));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { ours: string[]; graphql: boolean };
}

describe('layering', () => {
  it('loads no GraphQL with the cloud adapters and the sp-node clients', () => {
    const loaded = loadedBy([
      './subgraphs/cloud-node/adapters/index.ts',
      './subgraphs/sp-node/clients/director.ts',
      './subgraphs/sp-node/clients/metrics.ts',
    ]);
    // Not vacuous: the adapters of all three APIs were loaded.
    expect(loaded.ours).toEqual(
      expect.arrayContaining([
        'subgraphs/cloud-node/adapters/vsphere/index.ts',
        'subgraphs/cloud-node/adapters/director/index.ts',
        'subgraphs/cloud-node/adapters/nova/index.ts',
      ]),
    );
    expect(loaded.graphql).toBe(false);
  });

  it('sees GraphQL when a module does load it (the check can fail)', () => {
    expect(loadedBy(['./subgraphs/shared/errors.ts']).graphql).toBe(true);
  });
});
