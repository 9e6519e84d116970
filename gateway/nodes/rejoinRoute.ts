/**
 * POST /nodes/rejoin (see Registration.rejoin): in a scope of its own whose body
 * parser keeps the raw bytes, because the node's signature covers them as sent
 * and a parsed-then-serialized body would not match. Only this route is affected.
 */
import type { FastifyInstance } from 'fastify';
import { REJOIN_PATH } from '../../schema/nodeSettings';
import { withRequestId } from '../observability/requestScope';
import { RegistrationError, type Registration } from './registration';

export async function registerRejoinRoute(app: FastifyInstance, registration: Registration): Promise<void> {
  await app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scoped.post(REJOIN_PATH, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        const answer = await withRequestId(request.id, () => registration.rejoin({ path: request.url, body, headers: request.headers }));
        return reply.code(200).send(answer);
      } catch (err) {
        if (!(err instanceof RegistrationError)) throw err;
        request.log.warn({ code: err.code }, 'node rejoin refused');
        return reply.code(err.status).send({ errors: [{ message: err.message, extensions: { code: err.code } }] });
      }
    });
  });
}
