import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { composeSupergraph } from '../../schema/compose';
import { readSupergraphSdl } from '../../schema/kinds';

const root = join(__dirname, '..', '..');

describe('the schema contract', () => {
  it("has a checked-in supergraph that matches the kinds' SDL (run `npm run compose`)", () => {
    expect(readSupergraphSdl()).toBe(composeSupergraph());
  });

  it('has generated resolver types that match the SDL (run `npm run codegen`)', () => {
    // Codegen's CLI is ESM-only inside; its --check mode exits non-zero when a generated file is stale.
    const run = spawnSync(join(root, 'node_modules', '.bin', 'graphql-codegen'), ['--config', 'schema/codegen.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect({ status: run.status, stale: run.stdout.match(/^\s+- .*$/gm) ?? [] }).toEqual({ status: 0, stale: [] });
  });
});
