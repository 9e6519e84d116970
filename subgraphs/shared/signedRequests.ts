/**
 * A node's front door: only requests signed by the gateway (schema/signing.ts) get
 * past it. The signature covers the raw body bytes, so the body is kept as received
 * and parsed only after the check: nothing of an unsigned request is interpreted.
 * One nonce registry serves every signed route, so a request captured on one route
 * is refused on all of them the second time; a replay is refused like any other
 * bad signature (the caller is not told which check failed).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../schema/errorCodes';
import type { Principal } from '../../schema/principal';
import { NonceRegistry } from '../../schema/nonces';
import { assertSecret, verifyRequest, type RejectReason } from '../../schema/signing';

export interface SignedRequestOptions {
  /**
   * The secret this node shares with the gateway, read on every request: a node
   * that registers receives it after it started listening, and refuses everything
   * until then.
   */
  secret: () => string | undefined;
  /** @default DEFAULT_MAX_SKEW_MS of schema/signing.ts */
  maxSkewMs?: number;
  /** @default DEFAULT_MAX_FUTURE_SKEW_MS of schema/signing.ts */
  maxFutureSkewMs?: number;
  /** Most live nonces remembered; beyond it requests are refused (`nonces-full`). @default DEFAULT_MAX_NONCES of schema/nonces.ts */
  maxNonces?: number;
  /** Told why a request was refused (the caller is not). */
  onRefused?: (reason: RejectReason) => void;
}

export interface SignedRequests {
  /** preValidation hook for the routes that need the gateway's signature. */
  requireSignature(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  /** The principal the gateway signed for this request (only after requireSignature let it through). */
  principalOf(request: FastifyRequest): Principal;
}

/** A body as it arrived, not yet verified nor parsed. */
class RawBody {
  constructor(
    readonly bytes: Buffer,
    readonly contentType: string | undefined,
  ) {}
}

const EMPTY = Buffer.alloc(0);
const REFUSED = JSON.stringify({
  errors: [{ message: 'Request not signed by the gateway', extensions: { code: ErrorCode.UNAUTHENTICATED } }],
});

type JsonParser = (request: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) => void;

/**
 * Replaces every body parser of `app` with one that keeps the raw bytes (whatever
 * the content type, so an unsigned request is refused as such rather than as an
 * unsupported type), and returns the hook that checks them.
 */
export function signedRequests(app: FastifyInstance, options: SignedRequestOptions): SignedRequests {
  const initial = options.secret();
  if (initial !== undefined) assertSecret(initial, 'the node secret');
  // Fastify's own JSON parser, used after the check: it also refuses __proto__ poisoning.
  const parseJson = app.getDefaultJsonParser('error', 'error') as JsonParser;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    done(null, new RawBody(body as Buffer, request.headers['content-type']));
  });

  const principals = new WeakMap<FastifyRequest, Principal>();
  const nonces = new NonceRegistry({ maxEntries: options.maxNonces });
  return {
    async requireSignature(request, reply) {
      const body: unknown = request.body;
      // A body-less request is signed over an empty body; any other shape means a parser we did not install.
      const raw = body instanceof RawBody ? body.bytes : body === undefined ? EMPTY : undefined;
      const secret = options.secret();
      const result =
        raw && secret !== undefined
          ? verifyRequest({
              secret,
              method: request.method,
              path: request.url,
              body: raw,
              headers: request.headers,
              maxSkewMs: options.maxSkewMs,
              maxFutureSkewMs: options.maxFutureSkewMs,
              nonces,
            })
          : ({ ok: false, reason: 'bad-signature' } as const);
      if (!result.ok) {
        options.onRefused?.(result.reason);
        return reply.code(401).header('www-authenticate', 'Overcast-Signature').type('application/json').send(REFUSED);
      }
      principals.set(request, result.principal);
      request.body = body instanceof RawBody ? await parseBody(request, body, parseJson) : undefined;
      return undefined;
    },
    principalOf(request) {
      const principal = principals.get(request);
      if (!principal) throw new Error('principalOf: request did not pass requireSignature');
      return principal;
    },
  };
}

function parseBody(request: FastifyRequest, body: RawBody, parseJson: JsonParser): Promise<unknown> {
  const mediaType = body.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return Promise.reject(Object.assign(new Error(`Unsupported media type: ${body.contentType ?? 'none'}`), { statusCode: 415 }));
  }
  return new Promise((resolve, reject) =>
    parseJson(request, body.bytes.toString('utf8'), (err, value) => (err ? reject(err) : resolve(value))),
  );
}
