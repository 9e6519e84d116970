/**
 * Billing, assembled: the in-process subgraph, the usage meter, the default rate card
 * and the FOCUS export route. The gateway builds it once (server.ts) and starts it
 * after the internal client can read the supergraph.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { hourStart, monthStartOf, parseMonth, nextMonthStart } from '../../schema/hours';
import type { Principal } from '../../schema/principal';
import type { GatewayConfig } from '../config';
import type { InternalClient } from '../internal/client';
import type { NodeRegistry } from '../registry';
import type { Store } from '../store/types';
import type { TenantDirectory } from '../tenancy/directory';
import { DEFAULT_RATE_CARD } from './cards';
import { chargesFor } from './charges';
import { CloudInfoCache } from './cloudInfo';
import { registerFocusExport, type FocusSource } from './focus/route';
import { linesOf } from './lines';
import { UsageMeter } from './meter';
import { createBillingSchema } from './schema';

export interface BillingOptions {
  config: GatewayConfig['billing'];
  store: Store;
  directory: TenantDirectory;
  registry: NodeRegistry;
  internal: InternalClient;
  logger: Logger;
  now?: () => Date;
}

export interface Billing {
  schema: GraphQLSchema;
  meter: UsageMeter;
  /** GET /export/focus and /export/focus/metadata, authenticated as /graphql is. */
  registerRoutes(app: FastifyInstance, principalOf: (request: FastifyRequest) => Promise<Principal>): void;
  /** A default rate card when the store has none; metering in the background when enabled. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The demo's (and default) first metered hour: the first day of the previous UTC month, so its last full month can be billed. */
export function defaultMeterFrom(now: Date): Date {
  return monthStartOf(new Date(monthStartOf(now).getTime() - 1));
}

export function createBilling(options: BillingOptions): Billing {
  const { config, store, directory, registry, internal, logger } = options;
  const now = options.now ?? (() => new Date());
  const meterFrom = hourStart(config.meter.from ? new Date(config.meter.from) : defaultMeterFrom(now()));
  const meter = new UsageMeter({
    client: internal,
    usage: store.usage,
    meteredHours: store.meteredHours,
    clouds: () => {
      const via = new Map<string, 'cloud-node' | 'sp-node'>();
      for (const node of registry.all()) {
        // A multi-tenant cloud is metered through its sp-node: it knows whose each VM is.
        if (node.kind === 'sp-node' || !via.has(node.cloudId)) via.set(node.cloudId, node.kind);
      }
      return [...via].sort(([a], [b]) => (a < b ? -1 : 1)).map(([cloudId, kind]) => ({ cloudId, via: kind }));
    },
    tenantOf: (cloudId, orgId) =>
      orgId !== null ? (directory.mappingOf(orgId)?.tenant.id ?? null) : (directory.tenantOfCloud(cloudId)?.id ?? null),
    from: meterFrom,
    windowHours: config.meter.windowHours,
    settleMs: config.meter.settleMs,
    now,
    logger: logger.child({ component: 'meter' }),
  });
  const schema = createBillingSchema({ store, directory, meter, meterFrom, now });
  const clouds = new CloudInfoCache(internal);
  const source: FocusSource = {
    issuerName: config.issuerName,
    tenants: () => directory.tenants().map((t) => ({ id: t.id, name: t.name })),
    tenant: (id) => {
      const tenant = directory.tenant(id);
      return tenant ? { id: tenant.id, name: tenant.name } : undefined;
    },
    cloud: (id) => clouds.get(id),
    monthLines: async (month, tenantId) => {
      const start = parseMonth(month)!;
      const period = await store.billingPeriods.get(month);
      if (period?.state === 'CLOSED') {
        const invoice = await store.invoices.get(`inv-${tenantId}-${month}`);
        if (invoice) return { invoiceId: invoice.id, currency: invoice.currency, lines: invoice.lines };
      }
      const set = await chargesFor(store, { start, end: nextMonthStart(start) }, { tenantId });
      return { invoiceId: null, currency: set.currency, lines: set.lines.flatMap((line) => linesOf(line, month)) };
    },
  };
  return {
    schema,
    meter,
    registerRoutes: (app, principalOf) => registerFocusExport(app, { principalOf, source }),
    start: async () => {
      if (!(await store.rateCards.list()).some((card) => card.isDefault))
        await store.rateCards.putDefault({ ...DEFAULT_RATE_CARD, updatedAt: now() });
      if (config.meter.enabled) meter.start(config.meter.intervalMs);
    },
    stop: () => meter.stop(),
  };
}
