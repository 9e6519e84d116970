/**
 * Serve the built console (gateway/console/build.ts) at `/`: index.html, never
 * cached, and the hashed assets under /assets/, cached for good; nothing else of its directory. The console is a
 * client of the public API like any other: it gets no route of its own beyond its
 * files, and talks to /graphql (HTTP and graphql-ws) with the user's token.
 *
 * A strict Content-Security-Policy: scripts, styles and connections to this origin
 * only (a token in the page must not be readable by anything injected), no framing.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
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

const SECURITY_HEADERS = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

export async function registerConsole(app: FastifyInstance, dir: string, warn: (message: string) => void): Promise<void> {
  const built = existsSync(join(dir, 'index.html'));
  if (!built) {
    warn(`the console is not built (${dir}): run \`npm run build:console\`; / answers 503 until then`);
    app.get('/', (_request, reply) =>
      refuse(reply, ErrorCode.CONSOLE_NOT_BUILT, 'the console is not built on this gateway: run `npm run build:console`'),
    );
    return;
  }
  // Only assets/ is served from disk, resolved per request: a stray file elsewhere in the directory
  // is never reachable, and a rebuild's new hashed files are served without a restart.
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    index: false,
    list: false,
    dotfiles: 'deny',
    // Ours: hashed assets cached for good, index.html never.
    cacheControl: false,
    setHeaders: (res) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  // Read per request (a few hundred bytes): after a rebuild it names the new assets.
  app.get('/', (_request, reply) =>
    reply
      .headers({ ...SECURITY_HEADERS, 'cache-control': 'no-cache' })
      .type('text/html; charset=utf-8')
      .send(readFileSync(join(dir, 'index.html'))),
  );
}
