/**
 * `npm run token -- --tenant acme --role viewer`: print a bearer token signed with
 * the gateway's HS256 secret (from OVERCAST_CONFIG, else the demo's configuration).
 * Roles: admin (provider admin, or tenant admin with --tenant), viewer, billing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Principal } from '../schema/principal';
import { issueToken } from './auth/tokens';
import { parseGatewayConfig } from './config';

export const DEMO_CONFIG_PATH = join(__dirname, '..', '.overcast', 'demo.json');

function principalFrom(role: string, tenant: string | undefined, subject: string): Principal {
  switch (role) {
    case 'admin':
      return tenant ? { subject, role: 'tenant-admin', tenantId: tenant } : { subject, role: 'provider-admin' };
    case 'viewer':
      if (!tenant) throw new Error('--role viewer needs --tenant');
      return { subject, role: 'tenant-viewer', tenantId: tenant };
    case 'billing':
      return { subject, role: 'billing' };
    default:
      throw new Error(`unknown --role ${role}; use admin, viewer or billing`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      subject: { type: 'string' },
      ttl: { type: 'string', default: '12h' },
    },
  });
  const path = process.env.OVERCAST_CONFIG ?? DEMO_CONFIG_PATH;
  const config = parseGatewayConfig(JSON.parse(readFileSync(path, 'utf8')), path);
  const principal = principalFrom(
    values.role!,
    values.tenant,
    values.subject ?? `${values.role}${values.tenant ? `@${values.tenant}` : ''}`,
  );
  console.log(await issueToken(config.auth, principal, values.ttl));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
