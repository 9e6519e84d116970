/**
 * What the gateway and the nodes measure alike: the process metrics (CPU, memory,
 * event loop, GC) and the latency buckets of their request histograms.
 */
import { Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds: from an answer out of memory to a 5 s timeout and beyond. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

/**
 * The process metrics, once per process: each set of default collectors keeps an
 * event-loop monitor and a GC observer for good, so one per gateway or node would
 * pile up in a process that starts many (tests, the fan-out benchmark). They describe
 * the process, which all its servers share.
 */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
