/**
 * Serve the built console (gateway/console/build.ts) at `/`: index.html, never
 * cached, and the hashed assets under /assets/, cached for good. The console is a
 * client of the public API like any other: it gets no route of its own beyond its
 * files, and talks to /graphql (HTTP and graphql-ws) with the user's token.
 *
 * A strict Content-Security-Policy: scripts, styles and connections to this origin
 * only (a token in the page must not be readable by anything injected), no framing.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../../schema/errorCodes';
import { refuse } from '../http/errorShape';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // 'self' covers ws:/wss: to this origin (CSP 3).
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function registerConsole(app: FastifyInstance, dir: string, warn: (message: string) => void): Promise<void> {
  const built = existsSync(join(dir, 'index.html'));
  if (!built) {
    warn(`the console is not built (${dir}): run \`npm run build:console\`; / answers 503 until then`);
    app.get('/', (_request, reply) =>
      refuse(reply, ErrorCode.CONSOLE_NOT_BUILT, 'the console is not built on this gateway: run `npm run build:console`'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    // Only index.html and assets/: a stray file in the directory is not served by a listing.
    wildcard: false,
    index: false,
    list: false,
    // Ours, below: index.html never cached, hashed assets for good.
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('content-security-policy', CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('cache-control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', (_request, reply) => reply.sendFile('index.html'));
}
