/** Tokens with claims `issueToken` would never write (it only signs valid principals): for tests of what the gateway refuses. */
import { SignJWT, type JWTPayload } from 'jose';

export function tokenWithClaims(
  auth: { hs256Secret: string; issuer: string; audience: string },
  claims: JWTPayload,
  subject = 'mallory',
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(auth.hs256Secret));
}
