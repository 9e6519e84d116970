/**
 * Resolvers of the billing subgraph. Every read is scoped by the principal here, not
 * only by the role policy in front: a tenant principal's reads are held to its own
 * tenant's records, so a foreign VM, tenant or invoice answers exactly as one without
 * usage (or that does not exist) does.
 */
import { ErrorCode, graphQLError } from '../errors';
import { isTenantPrincipal, type Principal } from '../../schema/principal';
import { isoSeconds, parseHourRange, parseMonth, type HourRange } from '../../schema/hours';
import { InvalidCursorError } from '../store';
import type { Resolvers } from './generated/graphql';
import type { BillingPeriodModel, ChargeSet, CloudChargesModel, InvoiceRecord, VdcChargesModel, VmCharge } from './model';
import type { BillingDeps } from './deps';
import { chargesFor } from './charges';
import { fieldTotals, sumCosts } from './lines';
import { defaultCardOf, validateRateCard } from './cards';
import { groupBy } from './grouping';
import { closeMonth } from './invoices';
import { idleAllocation } from './idle';

/** The longest period one read rates: a year and a day. */
const MAX_PERIOD_HOURS = 8808;

function periodOf(input: { start: string; end: string }): HourRange {
  const range = parseHourRange(input.start, input.end, MAX_PERIOD_HOURS);
  if ('error' in range) throw graphQLError(ErrorCode.BAD_USER_INPUT, `period: ${range.error}`);
  return range;
}

function monthArg(month: string): string {
  if (!parseMonth(month)) throw graphQLError(ErrorCode.BAD_USER_INPUT, `month must be YYYY-MM (got "${month}")`);
  return month;
}

/** The tenant a principal's reads are held to; undefined for operator roles (every tenant). */
const ownTenant = (principal: Principal): string | undefined => (isTenantPrincipal(principal) ? principal.tenantId : undefined);

/** Operator roles only: the role policy refuses tenants first; this fails closed if a path slipped past it. */
function requireOperator(principal: Principal, what: string): void {
  if (isTenantPrincipal(principal)) throw graphQLError(ErrorCode.FORBIDDEN, `Not allowed: ${what}`);
}

const emptyCharges = (period: HourRange, currency: string): ChargeSet => ({ period, currency, lines: [] });

const periodModel = (range: HourRange) => ({ start: isoSeconds(range.start), end: isoSeconds(range.end) });

export function createBillingResolvers(deps: BillingDeps): Resolvers {
  const { store, directory, meter } = deps;
  const charges = (period: HourRange, scope: { tenantId?: string; vmId?: string }) => chargesFor(store, period, scope);
  // What an empty answer bills in: the currency charges would carry (the default card's), so a foreign tenant's reads like an empty own one.
  const defaultCurrency = async (): Promise<string> => defaultCardOf(await store.rateCards.list()).currency;

  return {
    VirtualMachine: {
      __resolveReference: (ref) => ({ id: ref.id }),
      usage: async (vm, args, ctx) => {
        const period = periodOf(args.period);
        const records = [];
        for await (const batch of store.usage.scan({ ...period, vmId: vm.id, ...tenantScope(ctx.principal) })) records.push(...batch);
        return records.sort((a, b) => a.hour.getTime() - b.hour.getTime());
      },
      cost: (vm, args, ctx) => charges(periodOf(args.period), { vmId: vm.id, ...tenantScope(ctx.principal) }),
    },
    Tenant: {
      __resolveReference: (ref) => ({ id: ref.id }),
      charges: async (tenant, args, ctx) => {
        const period = periodOf(args.period);
        const own = ownTenant(ctx.principal);
        if (own !== undefined && own !== tenant.id) return emptyCharges(period, await defaultCurrency());
        return charges(period, { tenantId: tenant.id });
      },
      invoices: async (tenant, _args, ctx) => {
        const own = ownTenant(ctx.principal);
        if (own !== undefined && own !== tenant.id) return [];
        return issued(store, await store.invoices.list({ tenantId: tenant.id }));
      },
    },
    CumulativeVdc: {
      __resolveReference: (ref) => ref,
      cost: async (vdc, args, ctx) => {
        const period = periodOf(args.period);
        const own = ownTenant(ctx.principal);
        const mine = own === undefined || own === vdc.tenantId;
        const set = mine ? await charges(period, { tenantId: vdc.tenantId }) : emptyCharges(period, await defaultCurrency());
        const idle = mine ? await idleAllocation(store, vdc, period) : { cpuMhz: null, memoryMb: null, storageGb: null, cost: 0 };
        return { period, currency: set.currency, total: sumCosts(set.lines), idle };
      },
    },
    Charges: {
      period: (set) => periodModel(set.period),
      total: (set) => sumCosts(set.lines),
      fields: (set) => fieldTotals(set.lines.flatMap((line) => line.fields)),
      clouds: (set): CloudChargesModel[] => groupBy(set.lines, (line) => line.cloudId).map(([cloudId, lines]) => ({ cloudId, lines })),
    },
    CloudCharges: {
      cloud: (part) => ({ id: part.cloudId }),
      total: (part) => sumCosts(part.lines),
      vdcs: (part): VdcChargesModel[] =>
        groupBy(part.lines, (line) => line.vdcId).map(([vdcId, lines]) => ({ vdcId, orgId: lines[0]!.orgId, lines })),
    },
    VdcCharges: {
      vdc: (part) => ({ id: part.vdcId }),
      total: (part) => sumCosts(part.lines),
      vms: (part) => part.lines,
    },
    VmCharge: {
      vm: (line: VmCharge) => ({ id: line.vmId }),
      start: (line) => isoSeconds(line.start),
      end: (line) => isoSeconds(line.end),
    },
    VmCost: {
      period: (set) => periodModel(set.period),
      total: (set) => sumCosts(set.lines),
      lines: (set) => set.lines,
    },
    CumulativeVdcCost: {
      period: (cost) => periodModel(cost.period),
    },
    UsageRecord: {
      hour: (record) => isoSeconds(record.hour),
    },
    UsageGap: {
      cloud: (gap) => ({ id: gap.cloudId }),
      start: (gap) => isoSeconds(gap.start),
      end: (gap) => isoSeconds(gap.end),
    },
    RateCard: {
      updatedAt: (card) => isoSeconds(card.updatedAt),
    },
    Invoice: {
      tenant: (invoice) => ({ id: invoice.tenantId }),
      periodStart: (invoice) => isoSeconds(invoice.periodStart),
      periodEnd: (invoice) => isoSeconds(invoice.periodEnd),
      issuedAt: (invoice) => isoSeconds(invoice.issuedAt),
      fields: (invoice) => fieldTotals(invoice.lines),
    },
    InvoiceLine: {
      start: (line) => isoSeconds(line.start),
      end: (line) => isoSeconds(line.end),
    },
    BillingPeriod: {
      closedAt: (period) => (period.closedAt ? isoSeconds(period.closedAt) : null),
    },
    Query: {
      rateCards: (_root, _args, ctx) => {
        requireOperator(ctx.principal, 'Query.rateCards');
        return store.rateCards.list();
      },
      rateCard: (_root, { id }, ctx) => {
        requireOperator(ctx.principal, 'Query.rateCard');
        return store.rateCards.get(id);
      },
      usageRecords: async (_root, { period, filter, first, after }, ctx) => {
        const range = periodOf(period);
        if (first < 1 || first > 1000) throw graphQLError(ErrorCode.BAD_USER_INPUT, 'first must be 1 to 1000');
        const own = ownTenant(ctx.principal);
        const asked = filter?.tenantId ?? undefined;
        // A tenant asking another tenant's records gets what a tenant without records gets.
        if (own !== undefined && asked !== undefined && asked !== own) return { records: [], endCursor: null, hasNextPage: false };
        const query = {
          ...range,
          ...(own !== undefined ? { tenantId: own } : asked !== undefined ? { tenantId: asked } : {}),
          ...(filter?.cloudId ? { cloudId: filter.cloudId } : {}),
          ...(filter?.vmId ? { vmId: filter.vmId } : {}),
        };
        try {
          return await store.usage.page(query, first, after ?? undefined);
        } catch (err) {
          if (err instanceof InvalidCursorError) throw graphQLError(ErrorCode.BAD_USER_INPUT, err.message);
          throw err;
        }
      },
      usageGaps: (_root, { cloudId }, ctx) => {
        requireOperator(ctx.principal, 'Query.usageGaps');
        return meter.gaps(cloudId ?? undefined);
      },
      billingPeriods: async (_root, _args, ctx) => {
        requireOperator(ctx.principal, 'Query.billingPeriods');
        return billingPeriods(deps);
      },
      invoices: async (_root, { month, tenantId }, ctx) => {
        const own = ownTenant(ctx.principal);
        if (own !== undefined && tenantId != null && tenantId !== own) return [];
        const tenant = own ?? tenantId ?? undefined;
        const listed = await store.invoices.list({
          ...(tenant !== undefined ? { tenantId: tenant } : {}),
          ...(month ? { month: monthArg(month) } : {}),
        });
        return issued(store, listed);
      },
      invoice: async (_root, { id }, ctx) => {
        const invoice = await store.invoices.get(id);
        const own = ownTenant(ctx.principal);
        return invoice && (own === undefined || invoice.tenantId === own) ? ((await issued(store, [invoice]))[0] ?? null) : null;
      },
    },
    Mutation: {
      putRateCard: async (_root, { card }, ctx) => {
        requireOperator(ctx.principal, 'Mutation.putRateCard');
        const checked = validateRateCard(card, await store.rateCards.list(), deps.now());
        if ('error' in checked) throw graphQLError(ErrorCode.BAD_USER_INPUT, `card: ${checked.error}`);
        await (checked.isDefault ? store.rateCards.putDefault(checked) : store.rateCards.put(checked));
        return checked;
      },
      deleteRateCard: async (_root, { id }, ctx) => {
        requireOperator(ctx.principal, 'Mutation.deleteRateCard');
        const card = await store.rateCards.get(id);
        if (!card) throw graphQLError(ErrorCode.NOT_FOUND, `Rate card "${id}" not found`);
        if (card.isDefault)
          throw graphQLError(ErrorCode.BAD_USER_INPUT, `"${id}" is the default card: make another card the default first`);
        return store.rateCards.remove(id);
      },
      closeBillingPeriod: async (_root, { month }, ctx) => {
        requireOperator(ctx.principal, 'Mutation.closeBillingPeriod');
        return closeMonth(
          {
            usage: store.usage,
            rateCards: store.rateCards,
            invoices: store.invoices,
            billingPeriods: store.billingPeriods,
            tenants: () => directory.tenants().map((t) => ({ id: t.id })),
            chargesFor: (period, scope, cards) => chargesFor(store, period, scope, cards),
          },
          monthArg(month),
          deps.now(),
        );
      },
      meterUsage: (_root, _args, ctx) => {
        requireOperator(ctx.principal, 'Mutation.meterUsage');
        return meter.run();
      },
    },
  };
}

/**
 * The invoices of CLOSED months only: while a month is CLOSING its invoices are being
 * written (or were half written by a closer that died), and are nobody's to read yet.
 */
async function issued(store: BillingDeps['store'], invoices: InvoiceRecord[]): Promise<InvoiceRecord[]> {
  if (!invoices.length) return invoices;
  const closed = new Set((await store.billingPeriods.list()).filter((p) => p.state === 'CLOSED').map((p) => p.month));
  return invoices.filter((invoice) => closed.has(invoice.month));
}

/** A tenant principal's reads carry its tenant; operators' carry none. */
function tenantScope(principal: Principal): { tenantId?: string } {
  const own = ownTenant(principal);
  return own !== undefined ? { tenantId: own } : {};
}

/** Every month from the first metered one to the current one, newest first, with its state. */
async function billingPeriods(deps: BillingDeps): Promise<BillingPeriodModel[]> {
  const stored = new Map((await deps.store.billingPeriods.list()).map((p) => [p.month, p]));
  const months = new Set<string>(stored.keys());
  for (let at = new Date(deps.meterFrom); at <= deps.now(); at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)))
    months.add(at.toISOString().slice(0, 7));
  return [...months]
    .sort()
    .reverse()
    .map((month) => {
      const record = stored.get(month);
      return {
        month,
        state: record?.state === 'CLOSED' ? 'CLOSED' : 'OPEN',
        closedAt: record?.state === 'CLOSED' ? record.closedAt : null,
      };
    });
}
