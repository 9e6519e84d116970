/**
 * A node's report of its cloud's API, the `cloud` part of its /health body: the
 * contract between the node's probe (subgraphs/shared/cloudProbe.ts) and the
 * gateway's health checks (gateway/nodes/health.ts). /health is unauthenticated, so
 * a failure is one fixed word, never the upstream's message or body.
 */
import { z } from 'zod';

/** Why the last probe failed: no answer in time, no connection, or an answer that is not a working API (5xx, refused login, …). */
export const CloudProbeFailure = z.enum(['timeout', 'unreachable', 'error']);
export type CloudProbeFailure = z.infer<typeof CloudProbeFailure>;

export const CloudHealthSchema = z.object({
  /** The last probe got a good answer. */
  reachable: z.boolean(),
  /** How long that answer took; null when there was none. */
  latencyMs: z.number().int().min(0).nullable(),
  /** When the probe ended (ISO 8601). */
  checkedAt: z.string(),
  /** Set when not reachable. */
  failure: CloudProbeFailure.optional(),
});
export type CloudHealth = z.infer<typeof CloudHealthSchema>;
