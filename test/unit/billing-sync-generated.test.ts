/**
 * The billing-sync example's generated files are checked in, so they must follow the
 * API: its printed API schema equals what the current supergraph gives, and its typed
 * documents equal what codegen makes of that schema (`npm run codegen:examples`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_SCHEMA_PATH } from '../../examples/billing-sync/apiSchema';
import { printApiSchema } from '../../schema/apiSchema';
import { readSupergraphSdl } from '../../schema/kinds';

const root = join(__dirname, '..', '..');

describe('the billing-sync example', () => {
  it("has a checked-in API schema that matches the supergraph's (run `npm run codegen:examples`)", () => {
    expect(readFileSync(API_SCHEMA_PATH, 'utf8')).toBe(printApiSchema(readSupergraphSdl()));
  });

  it('has an API schema without the federation machinery of the supergraph', () => {
    const sdl = readFileSync(API_SCHEMA_PATH, 'utf8');
    expect(sdl).toContain('invoices(month: String, tenantId: ID): [Invoice!]!');
    expect(sdl).not.toMatch(/join__|link__|@join|@link/);
  });

  it('has typed documents that match the API schema and its sources (run `npm run codegen:examples`)', () => {
    // --check exits non-zero when a generated file is stale, and lists it.
    const run = spawnSync(
      join(root, 'node_modules', '.bin', 'graphql-codegen'),
      ['--config', 'examples/billing-sync/codegen.ts', '--check'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect({ status: run.status, stale: run.stdout.match(/^\s+- .*$/gm) ?? [] }).toEqual({ status: 0, stale: [] });
  });
});
