/**
 * Bearer tokens → Principal, verified with jose: HS256 with a shared secret (the
 * demo), or RS256/ES256 keys from a JWKS (a URL, or keys given inline).
 * Claims: `sub`, `role` (one of ROLES), `tenant` for the tenant roles.
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import { ROLES, isTenantPrincipal, type Principal, type Role } from '../../schema/principal';

export interface AuthConfig {
  /** HS256 shared secret (at least 32 characters). */
  hs256Secret?: string;
  /** RS256/ES256 verification keys. */
  jwks?: { url?: string; keys?: JSONWebKeySet['keys'] };
  issuer: string;
  audience: string;
}

/** A token that is missing, malformed, expired, or badly signed; the reason is for logs only. */
export class AuthenticationError extends Error {}

export type TokenVerifier = (token: string) => Promise<Principal>;

function principalOf(payload: JWTPayload): Principal {
  const { sub, role, tenant } = payload;
  if (typeof sub !== 'string' || sub === '') throw new AuthenticationError('token has no subject');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new AuthenticationError('token has no valid role');
  const principal: Principal = { subject: sub, role: role as Role };
  if (!isTenantPrincipal({ ...principal, tenantId: '' })) return principal;
  if (typeof tenant !== 'string' || tenant === '') throw new AuthenticationError('a tenant role needs a tenant claim');
  return { ...principal, tenantId: tenant };
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
      return principalOf(await verifyJwt(token));
    } catch (err) {
      throw err instanceof AuthenticationError ? err : new AuthenticationError((err as Error).message);
    }
  };
}

/** Issue an HS256 token (the demo and `npm run token`). */
export function issueToken(config: Pick<AuthConfig, 'hs256Secret' | 'issuer' | 'audience'>, principal: Principal, ttl = '12h'): Promise<string> {
  if (!config.hs256Secret) throw new Error('issuing tokens needs auth.hs256Secret');
  return new SignJWT({ role: principal.role, ...(principal.tenantId ? { tenant: principal.tenantId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(config.hs256Secret));
}
