/** A signed JSON POST to a node endpoint other than /graphql (configuration delivery). */
import { request } from 'undici';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import { signRequest } from '../../schema/signing';
import type { NodeInstance } from '../registry';

export async function signedPost(node: NodeInstance, path: string, body: unknown, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, node.url);
  const text = JSON.stringify(body);
  const headers = signRequest({ secret: node.secret, method: 'POST', path: url.pathname, body: text, principal: SYSTEM_PRINCIPAL });
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: text,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const answer: unknown = await res.body.json().catch(() => undefined);
  return { status: res.statusCode, body: answer };
}
