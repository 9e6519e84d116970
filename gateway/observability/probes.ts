/**
 * The routes probes and scrapers read, open like the nodes' /health and /metrics (no
 * token; see README, "Health, metrics and logs", for what they reveal and where to
 * expose them): /healthz (liveness), /health (its old name), /readyz (readiness, 503
 * until ready; ./readiness.ts decides) and /metrics.
 */
import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from './metrics';
import type { Readiness } from './readiness';

export interface Probes {
  metrics: Pick<GatewayMetrics, 'contentType' | 'text'>;
  ready(): Readiness;
}

export function registerProbes(app: FastifyInstance, { metrics, ready }: Probes): void {
  const live = async () => ({ status: 'ok' });
  app.get('/healthz', live);
  // Kept for probes that use it: liveness, as it always was (it never checked anything), not readiness.
  app.get('/health', live);
  app.get('/readyz', async (_request, reply) => {
    const report = ready();
    return reply.code(report.ready ? 200 : 503).send(report);
  });
  app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.text()));
}
