/**
 * How a node joins the gateway, from its environment: with a pre-shared
 * NODE_SECRET (the gateway's configuration file lists it), or with GATEWAY_URL and
 * a one-time REGISTRATION_TOKEN (it registers itself and receives its secret).
 */
import { z } from 'zod';
import type { SubgraphKind } from '../../schema/kinds';
import { kindSchemaHash, type RegistrationResponse } from '../../schema/nodeSettings';
import { MIN_SECRET_LENGTH } from '../../schema/signing';
import { request } from 'undici';

export const JoinEnv = {
  /** Shared with the gateway, which signs every request with it; this node refuses anything else. */
  NODE_SECRET: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
  /** The gateway to register with (its GraphQL URL or origin), with REGISTRATION_TOKEN. */
  GATEWAY_URL: z.url().optional(),
  /** A one-time token from the gateway's createRegistrationToken. */
  REGISTRATION_TOKEN: z.string().min(1).optional(),
};

export type Join = { secret: string } | { gatewayUrl: string; token: string };

export function joinFrom(e: {
  NODE_SECRET?: string | undefined;
  GATEWAY_URL?: string | undefined;
  REGISTRATION_TOKEN?: string | undefined;
}): Join {
  if (e.GATEWAY_URL && e.REGISTRATION_TOKEN) return { gatewayUrl: e.GATEWAY_URL, token: e.REGISTRATION_TOKEN };
  if (e.NODE_SECRET) return { secret: e.NODE_SECRET };
  throw new Error('NODE_SECRET, or GATEWAY_URL with REGISTRATION_TOKEN: set one to join the gateway');
}

export class RegistrationRefusedError extends Error {}

/** Register a running node (its URL known) and return what the gateway issued. */
export async function registerWithGateway(options: {
  gatewayUrl: string;
  token: string;
  kind: SubgraphKind;
  url: string;
  version: string;
}): Promise<RegistrationResponse> {
  const res = await request(new URL('/nodes/register', options.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: options.token,
      kind: options.kind,
      url: options.url,
      version: options.version,
      schemaHash: kindSchemaHash(options.kind),
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.body.json().catch(() => ({}))) as Partial<RegistrationResponse> & {
    errors?: Array<{ message?: string; extensions?: { code?: string } }>;
  };
  if (res.statusCode !== 201 || typeof body.secret !== 'string') {
    throw new RegistrationRefusedError(
      `registration refused (${body.errors?.[0]?.extensions?.code ?? `HTTP ${res.statusCode}`}): ${body.errors?.[0]?.message ?? 'no reason given'}`,
    );
  }
  return body as RegistrationResponse;
}
