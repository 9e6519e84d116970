/**
 * One registry of error codes (schema/errorCodes.ts): every code the gateway and the
 * nodes put in `extensions.code` is in it, none is spelt as a string literal anywhere
 * else, and the README's table is the registry's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BODY_LIMIT_BYTES } from '../../gateway/http/errorShape';
import { ERROR_CODES, ErrorCode, httpStatusOf, isErrorCode, type ErrorCodeInfo } from '../../schema/errorCodes';

const root = join(__dirname, '..', '..');

/** The TypeScript sources of `dirs`, generated code left out. */
function sources(...dirs: string[]): Array<{ file: string; text: string }> {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'generated' ? [] : walk(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    });
  return dirs.flatMap((dir) => walk(join(root, dir))).map((path) => ({ file: relative(root, path), text: readFileSync(path, 'utf8') }));
}

type Hit = `${string}:${number}: ${string}`;

/** Where `pattern` (global, group 1 the code) matches in `files`. */
function find(files: Array<{ file: string; text: string }>, pattern: RegExp): Array<{ code: string; at: Hit }> {
  return files.flatMap(({ file, text }) =>
    [...text.matchAll(pattern)].map((m) => ({ code: m[1]!, at: `${file}:${text.slice(0, m.index).split('\n').length}: ${m[0]}` as Hit })),
  );
}

/** `code: 'X'`, `code === "X"`, `code = 'X'`: a code spelt where one is set or compared. */
const CODE_LITERAL = /\bcode\s*(?::|={1,3})\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g;
/** Any quoted string that is a code of the registry. */
const QUOTED_CODE = new RegExp(`['"\`](${Object.keys(ERROR_CODES).join('|')})['"\`]`, 'g');
/** `ErrorCode.X`, whichever module's `ErrorCode` it is. */
const CODE_REFERENCE = /\bErrorCode\.([A-Z][A-Z0-9_]*)\b/g;

/** Quoted registry codes that are not ours: an upstream API's own vocabulary, compared against. */
const UPSTREAM_VOCABULARY: Record<string, string> = {
  'subgraphs/cloud-node/adapters/vsphere/errors.ts': "vSphere's `error_type` NOT_FOUND, read from its answer",
};

describe('the error code registry', () => {
  const production = sources('gateway', 'subgraphs', 'schema').filter(({ file }) => file !== join('schema', 'errorCodes.ts'));

  it('is where every code is spelt: no code literal in the gateway or the nodes', () => {
    expect(find(production, CODE_LITERAL).map((h) => h.at)).toEqual([]);
    const quoted = find(production, QUOTED_CODE).filter(
      ({ at }) => !Object.keys(UPSTREAM_VOCABULARY).some((file) => at.startsWith(`${file}:`)),
    );
    expect(quoted.map((h) => h.at)).toEqual([]);
  });

  it('has every code the gateway and the nodes use', () => {
    const references = find(production, CODE_REFERENCE);
    // Not vacuous: both sides and registration use the registry.
    const files = new Set(references.map((r) => r.at.split(':')[0]));
    expect([...files]).toEqual(
      expect.arrayContaining([
        join('gateway', 'errors.ts'),
        join('gateway', 'nodes', 'registration.ts'),
        join('subgraphs', 'shared', 'errors.ts'),
      ]),
    );
    expect(references.filter((r) => !isErrorCode(r.code)).map((r) => r.at)).toEqual([]);
  });

  it('finds a code literal when there is one (the scan can fail)', () => {
    const planted = [
      { file: 'planted.ts', text: "throw new GraphQLError('x', { extensions: { code: 'TEAPOT' } });\nrefuse('y', 'FORBIDDEN');" },
    ];
    expect(find(planted, CODE_LITERAL).map((h) => h.code)).toEqual(['TEAPOT']);
    expect(find(planted, QUOTED_CODE).map((h) => h.code)).toEqual(['FORBIDDEN']);
    expect(isErrorCode('TEAPOT')).toBe(false);
  });

  it('names each code by itself, with a meaning, and statuses a refusal can have', () => {
    for (const [code, info] of Object.entries(ERROR_CODES) as Array<[ErrorCode, ErrorCodeInfo]>) {
      expect(ErrorCode[code]).toBe(code);
      expect(info.meaning.length).toBeGreaterThan(10);
      for (const status of info.status) expect(status >= 200 && status < 600).toBe(true);
      // A code that never refuses a request still comes somewhere: in a field, or over WebSocket.
      expect(httpStatusOf(code)).toBe(info.status[0] ?? 500);
    }
  });
});

/** The README's row for one code (see `readmeTable`). */
function statusColumn(info: ErrorCodeInfo): string {
  const parts = [...(info.field ? ['200 (field error)'] : []), ...info.status.map(String)];
  return parts.length ? parts.join(', ') : '— (WebSocket only)';
}

const BY = { apollo: 'Apollo Server', federation: '@apollo/gateway' } as const;

/** The table of README.md's "Errors" section, made from the registry. */
export function readmeTable(): string {
  const rows = (Object.entries(ERROR_CODES) as Array<[ErrorCode, ErrorCodeInfo]>).map(
    ([code, info]) => `| \`${code}\` | ${statusColumn(info)} | ${info.by ? BY[info.by] : 'Overcast'} | ${info.meaning} |`,
  );
  return ['| code | HTTP status | defined by | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

describe("README's table of error codes", () => {
  it('gives the body limit the gateway has', () => {
    expect(ERROR_CODES.PAYLOAD_TOO_LARGE.meaning).toContain(`${BODY_LIMIT_BYTES} bytes`);
  });

  it('is the registry, row by row', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Errors'));
    const table = section.slice(section.indexOf('| code | HTTP status |')).split('\n\n')[0];
    expect(table).toBe(readmeTable());
  });
});
