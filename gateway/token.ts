/**
 * `npm run token -- --role viewer --tenant acme`: print a bearer token signed with the
 * gateway's HS256 secret, from the configuration named by OVERCAST_CONFIG (read
 * through GatewayEnvSchema), else the demo's (`.overcast/demo.json`).
 *
 * Strict, because a token is access: `--role` is always required (no role used to mean
 * provider admin, so a forgotten flag minted the widest token there is), and a tenant
 * must be one of the configuration's — a typo would otherwise mint a token that sees
 * nothing and looks like an outage.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Principal } from '../schema/principal';
import { issueToken } from './auth/tokens';
import { GatewayEnvSchema, loadGatewayConfig, type GatewayConfig } from './config';

export const DEMO_CONFIG_PATH = join(__dirname, '..', '.overcast', 'demo.json');

const USAGE = `usage: npm run -s token -- --role <role> [--tenant <id>] [--subject <sub>] [--ttl <duration>]

  --role admin     provider admin (sees every tenant); with --tenant: that tenant's admin
  --role viewer    a tenant's read-only user (needs --tenant)
  --role billing   the billing integration (every tenant, no --tenant)
  --tenant <id>    one of the configuration's tenants
  --subject <sub>  the token's sub (default: <role>[@<tenant>])
  --ttl <duration> lifetime, e.g. 30m, 12h, 7d (default 12h)
  -h, --help       this text

Signed with auth.hs256Secret of $OVERCAST_CONFIG, else of the demo's ${DEMO_CONFIG_PATH}.`;

function principalFrom(role: string | undefined, tenant: string | undefined, subject: string | undefined): Principal {
  const sub = subject ?? `${role}${tenant ? `@${tenant}` : ''}`;
  switch (role) {
    case undefined:
      throw new Error('--role is required (admin, viewer or billing)');
    case 'admin':
      return tenant ? { subject: sub, role: 'tenant-admin', tenantId: tenant } : { subject: sub, role: 'provider-admin' };
    case 'viewer':
      if (!tenant) throw new Error('--role viewer needs --tenant');
      return { subject: sub, role: 'tenant-viewer', tenantId: tenant };
    case 'billing':
      // The gateway refuses a billing token with a tenant claim (a role that sees every tenant cannot carry one).
      if (tenant) throw new Error('--role billing sees every tenant: it takes no --tenant');
      return { subject: sub, role: 'billing' };
    default:
      throw new Error(`unknown --role ${role}; use admin, viewer or billing`);
  }
}

function configFrom(env: NodeJS.ProcessEnv): Readonly<GatewayConfig> {
  const parsed = GatewayEnvSchema.safeParse(env);
  if (!parsed.success)
    throw new Error(`invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const path = parsed.data.OVERCAST_CONFIG ?? DEMO_CONFIG_PATH;
  if (!parsed.data.OVERCAST_CONFIG && !existsSync(path)) {
    throw new Error(`no configuration: set OVERCAST_CONFIG to the gateway's file, or start the demo (npm start), which writes ${path}`);
  }
  return loadGatewayConfig({ ...env, OVERCAST_CONFIG: path });
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        tenant: { type: 'string' },
        subject: { type: 'string' },
        ttl: { type: 'string', default: '12h' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (values.help) return void console.log(USAGE);
  const principal = principalFrom(values.role, values.tenant, values.subject);
  const config = configFrom(env);
  if (principal.tenantId !== undefined && !config.tenants.some((t) => t.id === principal.tenantId)) {
    const known = config.tenants.map((t) => t.id).join(', ') || 'none';
    throw new Error(`unknown tenant ${principal.tenantId}: not in the configuration's tenants (${known})`);
  }
  console.log(await issueToken(config.auth, principal, values.ttl));
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
