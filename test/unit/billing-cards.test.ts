import { cardFor, DEFAULT_RATE_CARD, defaultCardOf, validateRateCard } from '../../gateway/billing/cards';
import type { RateCardInput } from '../../gateway/billing/generated/graphql';
import type { RateCardAssignment, RateCardRecord } from '../../gateway/billing/model';

const NOW = new Date(Date.UTC(2026, 11, 3, 6));

function stored(id: string, assignments: Array<Partial<RateCardAssignment>>, extra: Partial<RateCardRecord> = {}): RateCardRecord {
  return {
    id,
    name: `Card ${id}`,
    currency: 'USD',
    isDefault: false,
    allocatedRollup: 'MAX',
    assignments: assignments.map((a) => ({ tenantId: a.tenantId ?? null, cloudId: a.cloudId ?? null })),
    details: [],
    updatedAt: new Date(0),
    ...extra,
  };
}

/** A valid input, as a client sends it with the SDL's defaults left out. */
function input(extra: Partial<RateCardInput> = {}): RateCardInput {
  return {
    id: 'gold',
    name: 'Gold',
    currency: 'USD',
    details: [
      { field: 'CPU_ALLOCATED', perUnit: 'VCPU', tiers: [{ start: 0, variableRate: 0.05 }] },
      {
        field: 'NETWORK_USED',
        perTime: 'DAILY',
        perUnit: 'KBPS',
        tiers: [
          { start: 0, finish: 40, fixedRate: 1 },
          { start: 40, finish: 1000, fixedRate: 1, variableRate: 0.01 },
          { start: 1000, finish: null, variableRate: 0.02 },
        ],
      },
    ],
    ...extra,
  };
}

const errorOf = (result: RateCardRecord | { error: string }): string => ('error' in result ? result.error : 'no error');

describe('the default rate card', () => {
  it('should pass the checks every stored card passes, as the only default, in USD, at the max of allocated figures', () => {
    const { updatedAt: _updatedAt, ...asInput } = DEFAULT_RATE_CARD;
    const checked = validateRateCard(
      { ...asInput, assignments: [...asInput.assignments], details: asInput.details.map((d) => ({ ...d, tiers: [...d.tiers] })) },
      [],
      NOW,
    );
    expect(checked).toEqual({ ...DEFAULT_RATE_CARD, updatedAt: NOW });
    expect(DEFAULT_RATE_CARD).toMatchObject({ id: 'default', currency: 'USD', isDefault: true, allocatedRollup: 'MAX', assignments: [] });
  });

  it('should show tiers on network: a flat rate up to 100 000 kbps, a per-kbps rate above', () => {
    const network = DEFAULT_RATE_CARD.details.find((d) => d.field === 'NETWORK_USED')!;
    expect(network.perUnit).toBe('KBPS');
    expect(network.tiers.map((t) => [t.start, t.finish])).toEqual([
      [0, 100_000],
      [100_000, null],
    ]);
    expect(network.tiers[0]!.variableRate).toBe(0);
    expect(network.tiers[1]!.variableRate).toBeGreaterThan(0);
  });

  it('should be frozen, as it is shared by every request', () => {
    expect(Object.isFrozen(DEFAULT_RATE_CARD)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RATE_CARD.details[0]!.tiers[0])).toBe(true);
  });
});

describe('which card rates a tenant’s hours in a cloud', () => {
  const base = stored('base', [], { isDefault: true });
  const cloudCard = stored('cloud-c1', [{ cloudId: 'c1' }]);
  const tenantCard = stored('tenant-t1', [{ tenantId: 't1' }]);
  const tenantInCloud = stored('t1-in-c1', [{ tenantId: 't1', cloudId: 'c1' }]);
  const all = [cloudCard, tenantInCloud, base, tenantCard];
  const pick = (cards: RateCardRecord[], tenantId: string | null, cloudId: string) => cardFor(cards, tenantId, cloudId).id;

  it('should prefer an assignment to the tenant in the cloud over one to the tenant, the cloud or the default', () => {
    expect(pick(all, 't1', 'c1')).toBe('t1-in-c1');
  });

  it('should prefer an assignment to the tenant over one to its cloud', () => {
    expect(pick(all, 't1', 'c2')).toBe('tenant-t1');
    expect(pick([cloudCard, base, tenantCard], 't1', 'c1')).toBe('tenant-t1');
  });

  it('should prefer an assignment to the cloud over the default card', () => {
    expect(pick(all, 't2', 'c1')).toBe('cloud-c1');
    expect(pick([base, cloudCard], 't1', 'c1')).toBe('cloud-c1');
  });

  it('should use the default card where nothing matches', () => {
    expect(pick(all, 't2', 'c2')).toBe('base');
    expect(pick([base], 't1', 'c1')).toBe('base');
  });

  it('should not match a tenant-in-cloud assignment for the tenant in another cloud', () => {
    expect(pick([base, stored('t1-in-c2', [{ tenantId: 't1', cloudId: 'c2' }])], 't1', 'c1')).toBe('base');
  });

  it('should match hours of no tenant by their cloud only', () => {
    expect(pick(all, null, 'c1')).toBe('cloud-c1');
    expect(pick(all, null, 'c2')).toBe('base');
  });

  it('should fall back to the built-in default card when no card is the default', () => {
    expect(cardFor([tenantCard], 't2', 'c1')).toBe(DEFAULT_RATE_CARD);
    expect(defaultCardOf([])).toBe(DEFAULT_RATE_CARD);
    expect(defaultCardOf([tenantCard, base])).toBe(base);
  });
});

describe('validating a rate card', () => {
  it('should store a valid input with the SDL defaults filled in and the time it was put', () => {
    const checked = validateRateCard(
      input({ name: '  Gold  ', assignments: [{ tenantId: 't1' }, { cloudId: 'c1', tenantId: null }] }),
      [],
      NOW,
    );
    expect(checked).toEqual({
      id: 'gold',
      name: 'Gold',
      currency: 'USD',
      isDefault: false,
      allocatedRollup: 'MAX',
      assignments: [
        { tenantId: 't1', cloudId: null },
        { tenantId: null, cloudId: 'c1' },
      ],
      details: [
        {
          field: 'CPU_ALLOCATED',
          perTime: 'HOURLY',
          perUnit: 'VCPU',
          tiers: [{ start: 0, finish: null, fixedRate: 0, variableRate: 0.05 }],
        },
        {
          field: 'NETWORK_USED',
          perTime: 'DAILY',
          perUnit: 'KBPS',
          tiers: [
            { start: 0, finish: 40, fixedRate: 1, variableRate: 0 },
            { start: 40, finish: 1000, fixedRate: 1, variableRate: 0.01 },
            { start: 1000, finish: null, fixedRate: 0, variableRate: 0.02 },
          ],
        },
      ],
      updatedAt: NOW,
    });
  });

  it('should let a card replace itself, keeping its own assignments, currency change and default flag', () => {
    const old = stored('gold', [{ tenantId: 't1' }], { currency: 'EUR', isDefault: true });
    const checked = validateRateCard(input({ isDefault: true, assignments: [{ tenantId: 't1' }] }), [old], NOW);
    expect(checked).toMatchObject({ id: 'gold', currency: 'USD', isDefault: true, assignments: [{ tenantId: 't1', cloudId: null }] });
  });

  const tiers = (...list: Array<{ start: number; finish?: number | null; fixedRate?: number; variableRate?: number }>) => ({
    details: [{ field: 'CPU_USED' as const, perUnit: 'MHZ' as const, tiers: list }],
  });
  const base = stored('base', [{ tenantId: 't9', cloudId: 'c9' }], { isDefault: true, name: 'Base card' });

  it.each<[string, Partial<RateCardInput>, RateCardRecord[], string]>([
    ['an id that is not a slug', { id: 'Gold_1' }, [], 'id: "Gold_1" must be a slug of a-z, 0-9 and "-"'],
    ['an empty id', { id: '' }, [], 'id: "" must be a slug of a-z, 0-9 and "-"'],
    ['an empty name', { name: '' }, [], 'name: must not be empty'],
    ['a blank name', { name: '   ' }, [], 'name: must not be empty'],
    ['a lower-case currency', { currency: 'usd' }, [], 'currency: "usd" is not an ISO 4217 code (three capital letters, e.g. USD)'],
    ['a currency of four letters', { currency: 'USDT' }, [], 'currency: "USDT" is not an ISO 4217 code (three capital letters, e.g. USD)'],
    [
      'a currency other than the other cards’',
      { currency: 'EUR' },
      [base],
      'currency: EUR differs from USD of card "base": all rate cards bill in one currency',
    ],
    [
      'the default card dropping its own flag',
      { id: 'base', isDefault: false },
      [base],
      'isDefault: "base" is the default card; make another card the default instead',
    ],
    [
      'the default card leaving its flag out',
      { id: 'base' },
      [base],
      'isDefault: "base" is the default card; make another card the default instead',
    ],
    ['an unknown rollup', { allocatedRollup: 'MEDIAN' as never }, [], 'allocatedRollup: unknown rollup "MEDIAN"'],
    [
      'an unknown field',
      { details: [{ field: 'GPU' as never, perUnit: 'VCPU', tiers: [{ start: 0 }] }] },
      [],
      'details[0].field: unknown chargeable field "GPU"',
    ],
    [
      'a field rated twice',
      {
        details: [
          { field: 'FIXED', perUnit: 'VM', tiers: [{ start: 0 }] },
          { field: 'CPU_USED', perUnit: 'MHZ', tiers: [{ start: 0 }] },
          { field: 'FIXED', perUnit: 'VM', perTime: 'DAILY', tiers: [{ start: 0 }] },
        ],
      },
      [],
      'details[2]: FIXED is already rated by details[0]; each field at most once',
    ],
    [
      'an unknown per-time',
      {
        details: [
          { field: 'FIXED', perUnit: 'VM', perTime: 'HOURLY', tiers: [{ start: 0 }] },
          { field: 'CPU_USED', perUnit: 'MHZ', perTime: 'MINUTELY' as never, tiers: [{ start: 0 }] },
        ],
      },
      [],
      'details[1].perTime: unknown per-time "MINUTELY"',
    ],
    [
      'a unit the field does not accept',
      { details: [{ field: 'MEMORY_USED', perUnit: 'GHZ', tiers: [{ start: 0 }] }] },
      [],
      'details[0].perUnit: MEMORY_USED cannot be rated per GHZ (it accepts MB, GB)',
    ],
    ['no tiers', tiers(), [], 'details[0].tiers: at least one tier is needed, from 0 to infinity'],
    ['a first tier not starting at 0', tiers({ start: 5 }), [], 'details[0].tiers[0]: the first tier must start at 0 (got 5)'],
    ['a gap between tiers', tiers({ start: 0, finish: 40 }, { start: 50 }), [], 'details[0].tiers[1]: start 50 leaves a gap after 40'],
    [
      'overlapping tiers',
      tiers({ start: 0, finish: 40 }, { start: 30 }),
      [],
      'details[0].tiers[1]: start 30 overlaps the previous tier, which runs to 40',
    ],
    [
      'unsorted tiers',
      tiers({ start: 0, finish: 40 }, { start: 100, finish: null }, { start: 40, finish: 100 }),
      [],
      'details[0].tiers[1]: start 100 leaves a gap after 40',
    ],
    [
      'a tier finishing at its start',
      tiers({ start: 0, finish: 0 }, { start: 0 }),
      [],
      'details[0].tiers[0]: finish 0 must be above its start 0',
    ],
    [
      'a tier to infinity before the last',
      tiers({ start: 0, finish: null }, { start: 10 }),
      [],
      'details[0].tiers[0]: only the last tier may run to infinity (finish null)',
    ],
    [
      'a last tier stopping short of infinity',
      tiers({ start: 0, finish: 10 }, { start: 10, finish: 20 }),
      [],
      'details[0].tiers[1]: the last tier must run to infinity (finish null), not stop at 20',
    ],
    ['a negative fixed rate', tiers({ start: 0, fixedRate: -1 }), [], 'details[0].tiers[0].fixedRate: a rate cannot be negative (got -1)'],
    [
      'a negative variable rate',
      tiers({ start: 0, finish: 5 }, { start: 5, variableRate: -0.5 }),
      [],
      'details[0].tiers[1].variableRate: a rate cannot be negative (got -0.5)',
    ],
    ['a start that is not a number', tiers({ start: Number.NaN }), [], 'details[0].tiers[0].start: must be a finite number (got NaN)'],
    [
      'an infinite rate',
      tiers({ start: 0, variableRate: Infinity }),
      [],
      'details[0].tiers[0].variableRate: must be a finite number (got Infinity)',
    ],
    [
      'an infinite finish instead of null',
      tiers({ start: 0, finish: Infinity }),
      [],
      'details[0].tiers[0].finish: must be a finite number or null for infinity (got Infinity)',
    ],
    ['an assignment to nothing', { assignments: [{ tenantId: 't1' }, {}] }, [], 'assignments[1]: needs a tenantId, a cloudId or both'],
    [
      'an assignment with an empty id',
      { assignments: [{ tenantId: '', cloudId: 'c1' }] },
      [],
      'assignments[0].tenantId: must not be empty (leave it out instead)',
    ],
    [
      'an assignment repeated',
      { assignments: [{ tenantId: 't1', cloudId: 'c1' }, { cloudId: 'c1' }, { cloudId: 'c1', tenantId: 't1' }] },
      [],
      'assignments[2]: repeats assignments[0] (tenant "t1" in cloud "c1")',
    ],
    [
      'an assignment another card holds',
      { assignments: [{ tenantId: 't9' }, { tenantId: 't9', cloudId: 'c9' }] },
      [base],
      'assignments[1]: tenant "t9" in cloud "c9" is already assigned to card "base" (Base card)',
    ],
  ])('should refuse %s, saying what and where', (_what, change, existing, message) => {
    expect(errorOf(validateRateCard(input(change), existing, NOW))).toBe(message);
  });

  it('should let another card take over an assignment only once it is no longer held', () => {
    const cloudCard = stored('cloud-card', [{ cloudId: 'c1' }]);
    expect(errorOf(validateRateCard(input({ assignments: [{ cloudId: 'c1' }] }), [cloudCard], NOW))).toBe(
      'assignments[0]: cloud "c1" is already assigned to card "cloud-card" (Card cloud-card)',
    );
    expect(validateRateCard(input({ assignments: [{ cloudId: 'c1' }] }), [{ ...cloudCard, assignments: [] }], NOW)).not.toHaveProperty(
      'error',
    );
  });
});
