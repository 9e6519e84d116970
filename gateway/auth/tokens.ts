/**
 * Bearer tokens → Principal, verified with jose: HS256 with a shared secret (the
 * demo), or RS256/ES256 keys from a JWKS (a URL, or keys given inline).
 * Claims: `sub`, `role` (one of ROLES), `tenant` for the tenant roles.
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import {
  ROLES,
  isTenantPrincipal,
  isTenantRole,
  type OperatorRole,
  type Principal,
  type Role,
  type TenantRole,
} from '../../schema/principal';
import type { GatewayConfig } from '../config';

/** The `auth` section of the gateway configuration, as validated (see gateway/config). */
export type AuthConfig = GatewayConfig['auth'];

/** A token that is missing, malformed, expired, or badly signed; the reason is for logs only. */
export class AuthenticationError extends Error {}

/** A verified token: who it names, and until when (ms since the epoch; undefined when it has no `exp`). */
export interface VerifiedToken {
  principal: Principal;
  expiresAt: number | undefined;
}

export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

function principalOf(payload: JWTPayload): Principal {
  const { sub, role, tenant } = payload;
  if (typeof sub !== 'string' || sub === '') throw new AuthenticationError('token has no subject');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new AuthenticationError('token has no valid role');
  if (!isTenantRole(role as Role)) {
    // A tenant claim on a role that sees every tenant is a malformed token, not a restriction to honour.
    if (tenant !== undefined) throw new AuthenticationError(`role ${role} takes no tenant claim`);
    return { subject: sub, role: role as OperatorRole };
  }
  if (typeof tenant !== 'string' || tenant === '') throw new AuthenticationError('a tenant role needs a tenant claim');
  return { subject: sub, role: role as TenantRole, tenantId: tenant };
}

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const claims = { issuer: config.issuer, audience: config.audience };
  let verifyJwt: (token: string) => Promise<JWTPayload>;
  if (config.jwks?.keys || config.jwks?.url) {
    const keys = config.jwks.keys ? createLocalJWKSet({ keys: config.jwks.keys }) : createRemoteJWKSet(new URL(config.jwks.url!));
    verifyJwt = async (token) => (await jwtVerify(token, keys, { ...claims, algorithms: ['RS256', 'ES256'] })).payload;
  } else if (config.hs256Secret) {
    const secret = new TextEncoder().encode(config.hs256Secret);
    verifyJwt = async (token) => (await jwtVerify(token, secret, { ...claims, algorithms: ['HS256'] })).payload;
  } else {
    throw new Error('auth: configure hs256Secret or jwks');
  }
  return async (token) => {
    try {
      const payload = await verifyJwt(token);
      return { principal: principalOf(payload), expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined };
    } catch (err) {
      throw err instanceof AuthenticationError ? err : new AuthenticationError((err as Error).message);
    }
  };
}

/** Issue an HS256 token (the demo and `npm run token`). */
export function issueToken(
  config: Pick<AuthConfig, 'hs256Secret' | 'issuer' | 'audience'>,
  principal: Principal,
  ttl = '12h',
): Promise<string> {
  if (!config.hs256Secret) throw new Error('issuing tokens needs auth.hs256Secret');
  return new SignJWT({ role: principal.role, ...(isTenantPrincipal(principal) ? { tenant: principal.tenantId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(config.hs256Secret));
}
