/**
 * Rate cards: the built-in default card, which card rates a VM's hours (the most
 * specific assignment wins), and the checks a card must pass before it is stored.
 */
import { AllocatedRollup, ChargeableField, RatePerTime } from '../../schema/generated/enums';
import type { RateCardInput } from './generated/graphql';
import type { RateCardAssignment, RateCardRecord, RateDetail, RateTier } from './model';
import { acceptsUnit, unitsFor } from './units';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const flat = (rate: Partial<Pick<RateTier, 'fixedRate' | 'variableRate'>>): RateTier[] => [
  { start: 0, finish: null, fixedRate: rate.fixedRate ?? 0, variableRate: rate.variableRate ?? 0 },
];

/**
 * The card used when the store has none: USD, allocated figures at their max over the
 * month (ManageIQ's default), priced like an on-demand public-cloud VM so the demo's
 * totals look plausible:
 * - allocated vCPU $0.03 per vCPU-hour and memory $0.004 per GB-hour (a 2 vCPU / 8 GB
 *   VM is about $0.09/h, near a general-purpose on-demand instance);
 * - allocated storage $0.10 per GB-month (block storage list prices), MONTHLY so a whole
 *   month costs exactly that whatever its length;
 * - used CPU $0.002 per GHz-hour: a small surcharge for VMs that burn their vCPUs;
 * - network in two tiers, to show that the tier holding the mean throughput supplies
 *   both rates for all of it (not graduated): up to 100 Mbps (100 000 kbps) a flat
 *   $0.01/h, above it $0.01/h + $0.00002 per kbps-hour ($0.02 per Mbps-hour, about
 *   $0.045 per GB moved, near public egress prices);
 * - $0.005 per VM-hour for management (FIXED).
 */
export const DEFAULT_RATE_CARD: RateCardRecord = deepFreeze({
  id: 'default',
  name: 'Default',
  currency: 'USD',
  isDefault: true,
  allocatedRollup: 'MAX',
  assignments: [],
  details: [
    { field: 'CPU_ALLOCATED', perTime: 'HOURLY', perUnit: 'VCPU', tiers: flat({ variableRate: 0.03 }) },
    { field: 'MEMORY_ALLOCATED', perTime: 'HOURLY', perUnit: 'GB', tiers: flat({ variableRate: 0.004 }) },
    { field: 'STORAGE_ALLOCATED', perTime: 'MONTHLY', perUnit: 'GB', tiers: flat({ variableRate: 0.1 }) },
    { field: 'CPU_USED', perTime: 'HOURLY', perUnit: 'GHZ', tiers: flat({ variableRate: 0.002 }) },
    {
      field: 'NETWORK_USED',
      perTime: 'HOURLY',
      perUnit: 'KBPS',
      tiers: [
        { start: 0, finish: 100_000, fixedRate: 0.01, variableRate: 0 },
        { start: 100_000, finish: null, fixedRate: 0.01, variableRate: 0.00002 },
      ],
    },
    { field: 'FIXED', perTime: 'HOURLY', perUnit: 'VM', tiers: flat({ fixedRate: 0.005 }) },
  ],
  // Never edited: index.ts stamps the time it stores it.
  updatedAt: new Date(0),
});

const byId = (a: RateCardRecord, b: RateCardRecord): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The card used where no assignment matches: the one marked default (the lowest id if a store holds several), else DEFAULT_RATE_CARD. */
export function defaultCardOf(cards: readonly RateCardRecord[]): RateCardRecord {
  return cards.filter((card) => card.isDefault).sort(byId)[0] ?? DEFAULT_RATE_CARD;
}

/** How specifically an assignment matches: 3 tenant in cloud, 2 tenant, 1 cloud, 0 not at all. */
function specificity(assignment: RateCardAssignment, tenantId: string | null, cloudId: string): number {
  const tenant = assignment.tenantId !== null && assignment.tenantId === tenantId;
  const cloud = assignment.cloudId !== null && assignment.cloudId === cloudId;
  if (assignment.tenantId !== null && assignment.cloudId !== null) return tenant && cloud ? 3 : 0;
  return tenant ? 2 : cloud ? 1 : 0;
}

/**
 * The card that rates a tenant's hours in a cloud: an assignment to the tenant in that
 * cloud beats one to the tenant, which beats one to the cloud, which beats the default
 * card. Hours of no tenant (`tenantId` null) match cloud assignments only. Validation
 * keeps one assignment on one card; were two cards to tie anyway, the lower id wins, so
 * the choice never depends on storage order.
 */
export function cardFor(cards: readonly RateCardRecord[], tenantId: string | null, cloudId: string): RateCardRecord {
  let best: RateCardRecord | undefined;
  let bestScore = 0;
  for (const card of [...cards].sort(byId)) {
    const score = Math.max(0, ...card.assignments.map((a) => specificity(a, tenantId, cloudId)));
    if (score > bestScore) [best, bestScore] = [card, score];
  }
  return best ?? defaultCardOf(cards);
}

const SLUG = /^[a-z0-9-]+$/;
const CURRENCY = /^[A-Z]{3}$/;

const isIn = <T extends string>(values: Record<string, T>, value: unknown): value is T =>
  typeof value === 'string' && Object.values(values).includes(value as T);

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const describeAssignment = (a: RateCardAssignment): string =>
  a.tenantId !== null && a.cloudId !== null
    ? `tenant "${a.tenantId}" in cloud "${a.cloudId}"`
    : a.tenantId !== null
      ? `tenant "${a.tenantId}"`
      : `cloud "${a.cloudId}"`;

class Invalid extends Error {}

const fail = (message: string): never => {
  throw new Invalid(message);
};

function checkTiers(where: string, tiers: RateCardInput['details'][number]['tiers']): RateTier[] {
  if (tiers.length === 0) fail(`${where}.tiers: at least one tier is needed, from 0 to infinity`);
  const checked: RateTier[] = [];
  tiers.forEach((input, i) => {
    const at = `${where}.tiers[${i}]`;
    for (const key of ['start', 'fixedRate', 'variableRate'] as const) {
      const value = input[key] ?? 0;
      if (!isFiniteNumber(value)) fail(`${at}.${key}: must be a finite number (got ${String(value)})`);
      if (key !== 'start' && value < 0) fail(`${at}.${key}: a rate cannot be negative (got ${value})`);
    }
    const finish = input.finish ?? null;
    if (finish !== null && !isFiniteNumber(finish))
      fail(`${at}.finish: must be a finite number or null for infinity (got ${String(finish)})`);
    const tier: RateTier = { start: input.start, finish, fixedRate: input.fixedRate ?? 0, variableRate: input.variableRate ?? 0 };
    const previous = checked[i - 1];
    if (!previous) {
      if (tier.start !== 0) fail(`${at}: the first tier must start at 0 (got ${tier.start})`);
    } else if (previous.finish === null) {
      fail(`${where}.tiers[${i - 1}]: only the last tier may run to infinity (finish null)`);
    } else if (tier.start > previous.finish) {
      fail(`${at}: start ${tier.start} leaves a gap after ${previous.finish}`);
    } else if (tier.start < previous.finish) {
      fail(`${at}: start ${tier.start} overlaps the previous tier, which runs to ${previous.finish}`);
    }
    if (tier.finish !== null && tier.finish <= tier.start) fail(`${at}: finish ${tier.finish} must be above its start ${tier.start}`);
    checked.push(tier);
  });
  const last = checked[checked.length - 1]!;
  if (last.finish !== null)
    fail(`${where}.tiers[${checked.length - 1}]: the last tier must run to infinity (finish null), not stop at ${last.finish}`);
  return checked;
}

function checkDetails(details: RateCardInput['details']): RateDetail[] {
  const seen = new Map<string, number>();
  return details.map((input, i) => {
    const where = `details[${i}]`;
    if (!isIn(ChargeableField, input.field)) fail(`${where}.field: unknown chargeable field "${String(input.field)}"`);
    const earlier = seen.get(input.field);
    if (earlier !== undefined) fail(`${where}: ${input.field} is already rated by details[${earlier}]; each field at most once`);
    seen.set(input.field, i);
    const perTime = input.perTime ?? 'HOURLY';
    if (!isIn(RatePerTime, perTime)) fail(`${where}.perTime: unknown per-time "${String(perTime)}"`);
    if (!acceptsUnit(input.field, input.perUnit))
      fail(
        `${where}.perUnit: ${input.field} cannot be rated per ${String(input.perUnit)} (it accepts ${unitsFor(input.field).join(', ')})`,
      );
    return { field: input.field, perTime, perUnit: input.perUnit, tiers: checkTiers(where, input.tiers) };
  });
}

function checkAssignments(
  id: string,
  inputs: NonNullable<RateCardInput['assignments']>,
  existing: readonly RateCardRecord[],
): RateCardAssignment[] {
  const checked: RateCardAssignment[] = [];
  inputs.forEach((input, i) => {
    const where = `assignments[${i}]`;
    for (const key of ['tenantId', 'cloudId'] as const)
      if (input[key] === '') fail(`${where}.${key}: must not be empty (leave it out instead)`);
    const assignment: RateCardAssignment = { tenantId: input.tenantId ?? null, cloudId: input.cloudId ?? null };
    if (assignment.tenantId === null && assignment.cloudId === null) fail(`${where}: needs a tenantId, a cloudId or both`);
    const same = (a: RateCardAssignment) => a.tenantId === assignment.tenantId && a.cloudId === assignment.cloudId;
    const repeated = checked.findIndex(same);
    if (repeated >= 0) fail(`${where}: repeats assignments[${repeated}] (${describeAssignment(assignment)})`);
    const holder = existing.find((card) => card.id !== id && card.assignments.some(same));
    if (holder) fail(`${where}: ${describeAssignment(assignment)} is already assigned to card "${holder.id}" (${holder.name})`);
    checked.push(assignment);
  });
  return checked;
}

/**
 * A RateCardInput checked against the cards already stored (`existing`, which may hold
 * the card it replaces), as the record to store; or what is wrong, and where, e.g.
 * `details[2].tiers[1]: start 50 leaves a gap after 40`. The first fault found is named.
 */
export function validateRateCard(input: RateCardInput, existing: readonly RateCardRecord[], now: Date): RateCardRecord | { error: string } {
  try {
    if (typeof input.id !== 'string' || !SLUG.test(input.id)) fail(`id: "${String(input.id)}" must be a slug of a-z, 0-9 and "-"`);
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name) fail('name: must not be empty');
    if (typeof input.currency !== 'string' || !CURRENCY.test(input.currency))
      fail(`currency: "${String(input.currency)}" is not an ISO 4217 code (three capital letters, e.g. USD)`);
    const other = existing.find((card) => card.id !== input.id && card.currency !== input.currency);
    if (other)
      fail(`currency: ${input.currency} differs from ${other.currency} of card "${other.id}": all rate cards bill in one currency`);
    const isDefault = input.isDefault ?? false;
    // Someone must be the default: handing the flag over is putting the other card with isDefault true.
    if (!isDefault && existing.some((card) => card.id === input.id && card.isDefault))
      fail(`isDefault: "${input.id}" is the default card; make another card the default instead`);
    const allocatedRollup = input.allocatedRollup ?? 'MAX';
    if (!isIn(AllocatedRollup, allocatedRollup)) fail(`allocatedRollup: unknown rollup "${String(allocatedRollup)}"`);
    const details = checkDetails(input.details);
    const assignments = checkAssignments(input.id, input.assignments ?? [], existing);
    return { id: input.id, name, currency: input.currency, isDefault, allocatedRollup, assignments, details, updatedAt: now };
  } catch (err) {
    if (err instanceof Invalid) return { error: err.message };
    throw err;
  }
}
