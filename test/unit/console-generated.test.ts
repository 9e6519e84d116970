/**
 * What the console is built from follows the API: the printed API schema equals what
 * the current supergraph gives, the console's typed documents equal what codegen makes
 * of it (`npm run codegen`), and the build bundles everything (no address of any other
 * host to load from at run time).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConsole } from '../../gateway/console/build';
import { API_SCHEMA_PATH, printApiSchema } from '../../schema/apiSchema';
import { readSupergraphSdl } from '../../schema/kinds';

const root = join(__dirname, '..', '..');

describe('the console', () => {
  it("has a checked-in API schema that matches the supergraph's (run `npm run codegen`)", () => {
    expect(readFileSync(API_SCHEMA_PATH, 'utf8')).toBe(printApiSchema(readSupergraphSdl()));
  });

  it('has typed documents that match the API schema and its sources (run `npm run codegen`)', () => {
    const run = spawnSync(join(root, 'node_modules', '.bin', 'graphql-codegen'), ['--config', 'console/codegen.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect({ status: run.status, stale: run.stdout.match(/^\s+- .*$/gm) ?? [] }).toEqual({ status: 0, stale: [] });
  });

  it('builds into one hashed script and stylesheet that index.html names, loading nothing from another host', async () => {
    const dir = join(tmpdir(), `overcast-console-unit-${process.pid}`);
    try {
      const build = await buildConsole(dir);
      const assets = readdirSync(join(dir, 'assets')).filter((file) => !file.endsWith('.map'));
      expect(assets).toHaveLength(2);
      expect(assets).toEqual(
        expect.arrayContaining([expect.stringMatching(/^main-[A-Z0-9]+\.css$/), expect.stringMatching(/^main-[A-Z0-9]+\.js$/)]),
      );
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      for (const asset of assets) expect(html).toContain(`"assets/${asset}"`);
      expect(build.files[0]).toBe('index.html');
      // A URL in the code is only ever text (a message, a namespace), never something fetched or imported.
      const code = assets.map((file) => readFileSync(join(dir, 'assets', file), 'utf8')).join('\n');
      expect(code).not.toMatch(/(import\s*\(|from\s*|fetch\(|url\()\s*["'`]https?:\/\//);
      expect(html).not.toMatch(/https?:\/\//);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
