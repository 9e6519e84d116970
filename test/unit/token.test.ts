/**
 * `npm run token` (gateway/token.ts), run as users run it: a process under tsx. Every
 * refusal exits 1 with a message and prints no token; `--help` exits 0. The
 * configuration is the README's example (examples/overcast.json), so these tests also
 * keep the example valid.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTokenVerifier } from '../../gateway/auth/tokens';
import { parseGatewayConfig } from '../../gateway/config';

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'overcast.json');
const example = parseGatewayConfig(JSON.parse(readFileSync(EXAMPLE, 'utf8')), EXAMPLE, {});
const tenant = example.tenants[0]!.id;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function token(args: string[], env: Record<string, string> = { OVERCAST_CONFIG: EXAMPLE }): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'gateway', 'token.ts'), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, ...env } },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/** A refusal: exit 1, the reason on stderr, and nothing on stdout that could be mistaken for a token. */
function expectRefused(run: Run, reason: RegExp): void {
  expect(run).toMatchObject({ code: 1, stdout: '' });
  expect(run.stderr).toMatch(reason);
}

describe('npm run token', () => {
  it('prints its usage and exits 0 on --help and -h', async () => {
    for (const flag of ['--help', '-h']) {
      const run = await token([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^usage: npm run -s token -- --role <role>/);
      for (const option of ['--role admin', '--role viewer', '--role billing', '--tenant', '--subject', '--ttl'])
        expect(run.stdout).toContain(option);
    }
  });

  it('refuses to mint without --role, even with --tenant (no role used to mean provider admin)', async () => {
    expectRefused(await token([]), /--role is required/);
    expectRefused(await token(['--tenant', tenant]), /--role is required/);
  });

  it('refuses a tenant the configuration does not have, naming the ones it has', async () => {
    const known = example.tenants.map((t) => t.id);
    const run = await token(['--role', 'viewer', '--tenant', `${tenant}-typo`]);
    expectRefused(run, new RegExp(`unknown tenant ${tenant}-typo.*${known.join(', ')}`));
  });

  it('refuses a role that needs a tenant without one, and an operator role with one', async () => {
    expectRefused(await token(['--role', 'viewer']), /--role viewer needs --tenant/);
    expectRefused(await token(['--role', 'billing', '--tenant', tenant]), /takes no --tenant/);
    expectRefused(await token(['--role', 'root']), /unknown --role root/);
  });

  it('refuses an unknown option, with the usage', async () => {
    const run = await token(['--role', 'admin', '--tennant', tenant]);
    expectRefused(run, /--tennant/);
    expect(run.stderr).toContain('usage:');
  });

  it('reads OVERCAST_CONFIG through the gateway environment schema, naming a bad variable', async () => {
    expectRefused(
      await token(['--role', 'admin'], { OVERCAST_CONFIG: EXAMPLE, GATEWAY_PORT: 'abc' }),
      /GATEWAY_PORT: must be a port number/,
    );
    expectRefused(await token(['--role', 'admin'], { OVERCAST_CONFIG: join(ROOT, 'examples', 'missing.json') }), /missing\.json/);
  });

  it('mints tokens the gateway of that configuration accepts, for exactly the principal asked', async () => {
    const verify = createTokenVerifier(example.auth);
    const admin = await token(['--role', 'admin']);
    expect(admin.code).toBe(0);
    expect((await verify(admin.stdout.trim())).principal).toEqual({ subject: 'admin', role: 'provider-admin' });
    const viewer = await token(['--role', 'viewer', '--tenant', tenant, '--ttl', '5m']);
    const verified = await verify(viewer.stdout.trim());
    expect(verified.principal).toEqual({ subject: `viewer@${tenant}`, role: 'tenant-viewer', tenantId: tenant });
    expect(verified.expiresAt! - Date.now()).toBeLessThanOrEqual(5 * 60_000);
  });
});
