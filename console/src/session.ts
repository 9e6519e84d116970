/**
 * Who is signed in: a bearer token, read from the URL fragment (`#token=…`, which no
 * server and no log ever sees) or typed into the login form, kept in this tab's
 * sessionStorage. The claims are decoded only to choose what to show; the gateway
 * verifies the token on every request and decides what it may see.
 */
import { decodeJwt } from 'jose';

export type Role = 'provider-admin' | 'tenant-admin' | 'tenant-viewer' | 'billing';

export interface Session {
  token: string;
  subject: string;
  role: Role;
  /** Set for the tenant roles. */
  tenantId?: string;
  expiresAt?: Date;
}

const KEY = 'overcast.token';
const ROLES: readonly Role[] = ['provider-admin', 'tenant-admin', 'tenant-viewer', 'billing'];

/** The session a token gives, or an error saying why it is not one. */
export function sessionFromToken(token: string): Session {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(trimmed);
  } catch {
    throw new Error('That is not a token (a JWT has three dot-separated parts).');
  }
  const role = claims.role as Role;
  if (!ROLES.includes(role)) throw new Error('The token names no role the console knows.');
  if (claims.exp !== undefined && claims.exp * 1000 <= Date.now()) throw new Error('The token has expired.');
  return {
    token: trimmed,
    subject: claims.sub ?? role,
    role,
    ...(typeof claims.tenant === 'string' ? { tenantId: claims.tenant } : {}),
    ...(claims.exp !== undefined ? { expiresAt: new Date(claims.exp * 1000) } : {}),
  };
}

/**
 * A token handed over in the fragment (then removed from the address bar and history),
 * else the tab's stored one; `refused` says why a handed or stored token was not taken.
 */
export function loadSession(): { session?: Session; refused?: string } {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const handed = fragment.get('token');
  if (handed) {
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    try {
      return { session: saveSession(handed) };
    } catch (err) {
      return { refused: `The link's token was not taken: ${(err as Error).message}` };
    }
  }
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return {};
  try {
    return { session: sessionFromToken(stored) };
  } catch (err) {
    sessionStorage.removeItem(KEY);
    return { refused: `Signed out: ${(err as Error).message}` };
  }
}

export function saveSession(token: string): Session {
  const session = sessionFromToken(token);
  sessionStorage.setItem(KEY, session.token);
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** Sees every tenant (the provider's admin, the billing integration). */
export const isOperator = (session: Session): boolean => session.tenantId === undefined;
/** May power VMs on and off (the gateway decides again). */
export const canOperate = (session: Session): boolean => session.role === 'provider-admin' || session.role === 'tenant-admin';

export function describeRole(session: Session): string {
  switch (session.role) {
    case 'provider-admin':
      return 'provider admin';
    case 'billing':
      return 'billing';
    case 'tenant-admin':
      return `${session.tenantId} admin`;
    case 'tenant-viewer':
      return `${session.tenantId} viewer`;
  }
}
