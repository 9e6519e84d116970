import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { ChargeableField, RateUnit } from '../../schema/generated/enums';
import { HOUR_MS, type HourRange } from '../../schema/hours';
import type { RateCardRecord, RateDetail, RateTier, UsageRecord } from '../../gateway/billing/model';
import { hourly, tierFor } from '../../gateway/billing/rates';
import { rateVm } from '../../gateway/billing/rating';
import { acceptsUnit, baseUnitOf, CHARGEABLE_FIELDS, toUnit, unitsFor } from '../../gateway/billing/units';

const monthOf = (year: number, month: number): HourRange => ({
  start: new Date(Date.UTC(year, month - 1, 1)),
  end: new Date(Date.UTC(year, month, 1)),
});
const NOVEMBER_2026 = monthOf(2026, 11);
const FEBRUARY_2026 = monthOf(2026, 2);
const MARCH_2026 = monthOf(2026, 3);

const ZERO = {
  vcpuMax: 0,
  vcpuAvg: 0,
  memoryMbMax: 0,
  memoryMbAvg: 0,
  storageGbMax: 0,
  storageGbAvg: 0,
  cpuUsedMhz: null,
  memoryUsedMb: null,
  storageUsedGb: null,
  networkKbps: null,
};

/** One hour of one VM, all figures 0 / unsampled unless given. */
function usage(hour: Date, figures: Partial<UsageRecord> = {}): UsageRecord {
  const vmId = figures.vmId ?? 'c1:vm-1';
  return {
    key: `${vmId}@${hour.toISOString()}`,
    vmId,
    vmName: 'web-1',
    cloudId: 'c1',
    vdcId: 'c1:vdc-1',
    orgId: null,
    tenantId: 't1',
    hour,
    month: hour.toISOString().slice(0, 7),
    ...ZERO,
    meteredAt: hour,
    ...figures,
  };
}

/** `count` consecutive hours from `from`, figures per hour index. */
function hoursFrom(from: Date, count: number, figures: (i: number) => Partial<UsageRecord> = () => ({})): UsageRecord[] {
  return Array.from({ length: count }, (_, i) => usage(new Date(from.getTime() + i * HOUR_MS), figures(i)));
}

const flatTier = (tier: Partial<RateTier>): RateTier[] => [{ start: 0, finish: null, fixedRate: 0, variableRate: 0, ...tier }];

function card(details: RateDetail[], allocatedRollup: 'MAX' | 'AVG' = 'MAX'): RateCardRecord {
  return {
    id: 'card',
    name: 'Card',
    currency: 'USD',
    isDefault: true,
    allocatedRollup,
    assignments: [],
    details,
    updatedAt: new Date(0),
  };
}

const hoursOfMonth = (range: HourRange) => (range.end.getTime() - range.start.getTime()) / HOUR_MS;

describe('the ManageIQ PR #15565 worked example', () => {
  // A 30-day month: 1 vCPU for 10 days, then 2 vCPUs for 20 days, at $1 per vCPU-hour.
  const daysAt1 = 10;
  const daysAt2 = 20;
  const records = hoursFrom(NOVEMBER_2026.start, (daysAt1 + daysAt2) * 24, (i) => {
    const vcpu = i < daysAt1 * 24 ? 1 : 2;
    return { vcpuMax: vcpu, vcpuAvg: vcpu };
  });
  const perVcpuHour: RateDetail = { field: 'CPU_ALLOCATED', perTime: 'HOURLY', perUnit: 'VCPU', tiers: flatTier({ variableRate: 1 }) };

  it('covers the whole of November 2026, 720 hours', () => {
    expect(records).toHaveLength(hoursOfMonth(NOVEMBER_2026));
    expect(records).toHaveLength(720);
  });

  it('should charge $1200 with the mean of allocated vCPUs (1.667 vCPU × 720 h × $1)', () => {
    const charge = rateVm(records, card([perVcpuHour], 'AVG'), NOVEMBER_2026);
    const meanVcpu = (daysAt1 * 24 * 1 + daysAt2 * 24 * 2) / ((daysAt1 + daysAt2) * 24);
    expect(charge.fields[0]!.quantity).toBeCloseTo(meanVcpu, 12);
    expect(charge.total).toBeCloseTo(meanVcpu * 1 * 720, 9);
    expect(charge.total).toBeCloseTo(1200, 9);
  });

  it('should charge $1440 with the max of allocated vCPUs (2 vCPU × 720 h × $1)', () => {
    const charge = rateVm(records, card([perVcpuHour], 'MAX'), NOVEMBER_2026);
    expect(charge.fields[0]!.quantity).toBe(2);
    expect(charge.total).toBe(2 * 1 * 720);
    expect(charge.total).toBe(1440);
  });
});

describe('per-time rates as hourly ones', () => {
  it('should keep an hourly rate as it is', () => {
    expect(hourly(0.25, 'HOURLY', MARCH_2026.start)).toBe(0.25);
  });

  it('should divide a daily rate by 24 and a weekly one by 168', () => {
    expect(hourly(48, 'DAILY', MARCH_2026.start)).toBeCloseTo(48 / 24, 12);
    expect(hourly(336, 'WEEKLY', MARCH_2026.start)).toBeCloseTo(336 / (7 * 24), 12);
  });

  it('should divide a yearly rate by 24 × 365 hours, in a leap year too', () => {
    expect(hourly(8760, 'YEARLY', MARCH_2026.start)).toBeCloseTo(8760 / (24 * 365), 12);
    expect(hourly(8760, 'YEARLY', new Date(Date.UTC(2028, 1, 29)))).toBeCloseTo(8760 / (24 * 365), 12);
  });

  it('should divide a monthly rate by the length of the month being rated: 672 h in February 2026, 744 h in March', () => {
    expect(hourly(1, 'MONTHLY', FEBRUARY_2026.start)).toBeCloseTo(1 / (28 * 24), 15);
    expect(hourly(1, 'MONTHLY', new Date(Date.UTC(2026, 1, 28, 23)))).toBeCloseTo(1 / 672, 15);
    expect(hourly(1, 'MONTHLY', MARCH_2026.start)).toBeCloseTo(1 / (31 * 24), 15);
    expect(hourly(1, 'MONTHLY', NOVEMBER_2026.start)).toBeCloseTo(1 / (30 * 24), 15);
  });

  it('should charge a whole month of a monthly rate exactly that rate, whatever the month length', () => {
    const detail: RateDetail = { field: 'STORAGE_ALLOCATED', perTime: 'MONTHLY', perUnit: 'GB', tiers: flatTier({ variableRate: 0.1 }) };
    const gb = 50;
    for (const month of [FEBRUARY_2026, MARCH_2026, NOVEMBER_2026]) {
      const charge = rateVm(
        hoursFrom(month.start, hoursOfMonth(month), () => ({ storageGbMax: gb })),
        card([detail]),
        month,
      );
      expect(charge.fields[0]!.hourlyCost).toBeCloseTo((gb * 0.1) / hoursOfMonth(month), 12);
      expect(charge.total).toBeCloseTo(gb * 0.1, 9);
    }
  });

  it('should rate daily, weekly and yearly details of one card each by its own divisor', () => {
    const details: RateDetail[] = [
      { field: 'CPU_ALLOCATED', perTime: 'DAILY', perUnit: 'VCPU', tiers: flatTier({ variableRate: 2.4 }) },
      { field: 'MEMORY_ALLOCATED', perTime: 'WEEKLY', perUnit: 'GB', tiers: flatTier({ variableRate: 1.68 }) },
      { field: 'FIXED', perTime: 'YEARLY', perUnit: 'VM', tiers: flatTier({ fixedRate: 87.6 }) },
    ];
    const hours = 10;
    const charge = rateVm(
      hoursFrom(MARCH_2026.start, hours, () => ({ vcpuMax: 3, memoryMbMax: 4096 })),
      card(details),
      MARCH_2026,
    );
    expect(charge.fields.map((f) => f.cost)).toEqual([
      expect.closeTo(3 * (2.4 / 24) * hours, 12),
      expect.closeTo((4096 / 1024) * (1.68 / 168) * hours, 12),
      expect.closeTo((87.6 / 8760) * hours, 12),
    ]);
  });
});

describe('tiers', () => {
  const tiers: RateTier[] = [
    { start: 0, finish: 10, fixedRate: 1, variableRate: 0.1 },
    { start: 10, finish: 100, fixedRate: 2, variableRate: 0.2 },
    { start: 100, finish: null, fixedRate: 3, variableRate: 0.3 },
  ];

  it('should put 0 in the first tier', () => {
    expect(tierFor(tiers, 0)).toBe(0);
  });

  it('should put a value equal to a finish in that tier, and one just above it in the next', () => {
    expect(tierFor(tiers, 10)).toBe(0);
    expect(tierFor(tiers, 10.000001)).toBe(1);
    expect(tierFor(tiers, 100)).toBe(1);
    expect(tierFor(tiers, 100.000001)).toBe(2);
    expect(tierFor(tiers, 1e12)).toBe(2);
  });

  it('should refuse a value no tier holds instead of charging it nothing', () => {
    expect(() => tierFor(tiers, -1)).toThrow(/no tier holds -1/);
    expect(() => tierFor(tiers, Number.NaN)).toThrow(/no tier holds NaN/);
    expect(() => tierFor([{ start: 5, finish: null, fixedRate: 0, variableRate: 0 }], 0)).toThrow(/no tier holds 0/);
  });

  it('should take both the fixed and the variable rate from the one tier holding the whole value (not graduated)', () => {
    const detail: RateDetail = { field: 'NETWORK_USED', perTime: 'HOURLY', perUnit: 'KBPS', tiers };
    const hours = 3;
    for (const [kbps, tier] of [
      [0, 0],
      [10, 0],
      [11, 1],
      [100, 1],
      [150, 2],
    ] as const) {
      const charge = rateVm(
        hoursFrom(MARCH_2026.start, hours, () => ({ networkKbps: kbps })),
        card([detail]),
        MARCH_2026,
      );
      const { fixedRate, variableRate } = tiers[tier]!;
      expect(charge.fields[0]).toMatchObject({ quantity: kbps, tier });
      expect(charge.fields[0]!.hourlyCost).toBeCloseTo(fixedRate + kbps * variableRate, 12);
      expect(charge.total).toBeCloseTo((fixedRate + kbps * variableRate) * hours, 12);
    }
  });

  it('should choose the tier by the quantity in the rate unit, not the raw figure', () => {
    // 1 500 kbps is 1.5 Mbps: in the first tier when tiers are quoted per Mbps.
    const detail: RateDetail = { field: 'NETWORK_USED', perTime: 'HOURLY', perUnit: 'MBPS', tiers };
    const charge = rateVm([usage(MARCH_2026.start, { networkKbps: 1500 })], card([detail]), MARCH_2026);
    expect(charge.fields[0]).toMatchObject({ quantity: 1500 / 1000, tier: 0 });
    expect(charge.fields[0]!.hourlyCost).toBeCloseTo(1 + 1.5 * 0.1, 12);
  });
});

describe('units', () => {
  it('should list the chargeable fields in the order of the SDL enum', () => {
    const sdl = parse(readFileSync(join(__dirname, '../../schema/billing.graphql'), 'utf8'));
    const enumNode = sdl.definitions.find(
      (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'ChargeableField',
    );
    expect(CHARGEABLE_FIELDS).toEqual(enumNode!.values!.map((v) => v.name.value));
    expect([...CHARGEABLE_FIELDS].sort()).toEqual(Object.values(ChargeableField).sort());
  });

  it('should meter each field in its base unit and accept the units the rate card contract names', () => {
    expect(Object.fromEntries(CHARGEABLE_FIELDS.map((f) => [f, [baseUnitOf(f), unitsFor(f)]]))).toEqual({
      CPU_ALLOCATED: ['VCPU', ['VCPU']],
      MEMORY_ALLOCATED: ['MB', ['MB', 'GB']],
      STORAGE_ALLOCATED: ['GB', ['GB', 'TB']],
      CPU_USED: ['MHZ', ['MHZ', 'GHZ']],
      MEMORY_USED: ['MB', ['MB', 'GB']],
      STORAGE_USED: ['GB', ['GB', 'TB']],
      NETWORK_USED: ['KBPS', ['KBPS', 'MBPS']],
      FIXED: ['VM', ['VM']],
    });
    const accepted = new Set(CHARGEABLE_FIELDS.flatMap(unitsFor));
    expect([...accepted].sort()).toEqual(Object.values(RateUnit).sort());
  });

  it('should convert raw figures to the rate unit: GB and TB by 1024, GHz and Mbps by 1000', () => {
    expect(toUnit('MEMORY_ALLOCATED', 3072, 'GB')).toBe(3072 / 1024);
    expect(toUnit('MEMORY_USED', 3072, 'MB')).toBe(3072);
    expect(toUnit('STORAGE_ALLOCATED', 2048, 'TB')).toBe(2048 / 1024);
    expect(toUnit('CPU_USED', 2500, 'GHZ')).toBe(2500 / 1000);
    expect(toUnit('NETWORK_USED', 2500, 'MBPS')).toBe(2500 / 1000);
    expect(toUnit('CPU_ALLOCATED', 4, 'VCPU')).toBe(4);
  });

  it('should refuse to convert to a unit the field does not accept', () => {
    expect(acceptsUnit('CPU_USED', 'GB')).toBe(false);
    expect(acceptsUnit('STORAGE_USED', 'MB')).toBe(false);
    expect(() => toUnit('CPU_USED', 1, 'GB')).toThrow('CPU_USED cannot be rated per GB (it accepts MHZ, GHZ)');
  });

  it('should rate a per-GB memory rate on MB figures', () => {
    const detail: RateDetail = { field: 'MEMORY_ALLOCATED', perTime: 'HOURLY', perUnit: 'GB', tiers: flatTier({ variableRate: 0.004 }) };
    const mb = 6144;
    const hours = 5;
    const charge = rateVm(
      hoursFrom(MARCH_2026.start, hours, () => ({ memoryMbMax: mb })),
      card([detail]),
      MARCH_2026,
    );
    expect(charge.fields[0]).toMatchObject({ quantity: mb / 1024, unit: 'GB' });
    expect(charge.total).toBeCloseTo((mb / 1024) * 0.004 * hours, 12);
  });
});

describe('rolling up a VM’s hours', () => {
  it('should count used hours without a sample as 0 in the mean', () => {
    const used = [1024, null, 2048, null];
    const records = used.map((mb, i) => usage(new Date(MARCH_2026.start.getTime() + i * HOUR_MS), { memoryUsedMb: mb }));
    const detail: RateDetail = { field: 'MEMORY_USED', perTime: 'HOURLY', perUnit: 'GB', tiers: flatTier({ variableRate: 0.5 }) };
    const charge = rateVm(records, card([detail]), MARCH_2026);
    const meanGb = (1024 + 0 + 2048 + 0) / 1024 / used.length;
    expect(charge.fields[0]!.quantity).toBeCloseTo(meanGb, 12);
    expect(charge.total).toBeCloseTo(meanGb * 0.5 * used.length, 12);
  });

  it('should take the mean of every used figure: CPU in MHz, storage in GB, network in kbps', () => {
    const details: RateDetail[] = [
      { field: 'CPU_USED', perTime: 'HOURLY', perUnit: 'MHZ', tiers: flatTier({ variableRate: 1 }) },
      { field: 'STORAGE_USED', perTime: 'HOURLY', perUnit: 'GB', tiers: flatTier({ variableRate: 1 }) },
      { field: 'NETWORK_USED', perTime: 'HOURLY', perUnit: 'KBPS', tiers: flatTier({ variableRate: 1 }) },
    ];
    const records = [
      usage(MARCH_2026.start, { cpuUsedMhz: 300, storageUsedGb: 10, networkKbps: null }),
      usage(new Date(MARCH_2026.start.getTime() + HOUR_MS), { cpuUsedMhz: null, storageUsedGb: 20, networkKbps: 90 }),
    ];
    expect(rateVm(records, card(details), MARCH_2026).fields.map((f) => f.quantity)).toEqual([300 / 2, 30 / 2, 90 / 2]);
  });

  it('should take the highest hourly max of allocated figures with MAX, and the mean of hourly means with AVG', () => {
    const details: RateDetail[] = [
      { field: 'CPU_ALLOCATED', perTime: 'HOURLY', perUnit: 'VCPU', tiers: flatTier({ variableRate: 1 }) },
      { field: 'MEMORY_ALLOCATED', perTime: 'HOURLY', perUnit: 'MB', tiers: flatTier({ variableRate: 1 }) },
      { field: 'STORAGE_ALLOCATED', perTime: 'HOURLY', perUnit: 'GB', tiers: flatTier({ variableRate: 1 }) },
    ];
    const records = [
      usage(MARCH_2026.start, { vcpuMax: 4, vcpuAvg: 3, memoryMbMax: 4096, memoryMbAvg: 3072, storageGbMax: 40, storageGbAvg: 30 }),
      usage(new Date(MARCH_2026.start.getTime() + HOUR_MS), {
        vcpuMax: 2,
        vcpuAvg: 2,
        memoryMbMax: 2048,
        memoryMbAvg: 2048,
        storageGbMax: 60,
        storageGbAvg: 50,
      }),
    ];
    expect(rateVm(records, card(details, 'MAX'), MARCH_2026).fields.map((f) => f.quantity)).toEqual([4, 4096, 60]);
    expect(rateVm(records, card(details, 'AVG'), MARCH_2026).fields.map((f) => f.quantity)).toEqual([
      (3 + 2) / 2,
      (3072 + 2048) / 2,
      (30 + 50) / 2,
    ]);
  });

  it('should charge a VM created mid-month for the hours it existed only', () => {
    const createdDay = 21;
    const from = new Date(Date.UTC(2026, 2, createdDay, 6));
    const hours = (MARCH_2026.end.getTime() - from.getTime()) / HOUR_MS;
    const details: RateDetail[] = [
      { field: 'FIXED', perTime: 'HOURLY', perUnit: 'VM', tiers: flatTier({ fixedRate: 0.005, variableRate: 0.001 }) },
      { field: 'STORAGE_ALLOCATED', perTime: 'MONTHLY', perUnit: 'GB', tiers: flatTier({ variableRate: 0.1 }) },
    ];
    const charge = rateVm(
      hoursFrom(from, hours, () => ({ storageGbMax: 100 })),
      card(details),
      MARCH_2026,
    );
    expect(charge).toMatchObject({ hours, start: from, end: MARCH_2026.end });
    expect(charge.fields[0]).toMatchObject({ quantity: 1, unit: 'VM' });
    expect(charge.fields[0]!.cost).toBeCloseTo((0.005 + 1 * 0.001) * hours, 12);
    // A part of the month costs its part of the monthly rate: of 744 hours in March.
    expect(charge.fields[1]!.cost).toBeCloseTo(((100 * 0.1) / (31 * 24)) * hours, 12);
    expect(charge.total).toBeCloseTo(charge.fields[0]!.cost + charge.fields[1]!.cost, 12);
  });

  it('should describe the line from the last record and the card, with one field per detail in the card’s order', () => {
    const first = usage(MARCH_2026.start, { vmName: 'old-name', vcpuMax: 1 });
    const last = usage(new Date(MARCH_2026.start.getTime() + 5 * HOUR_MS), { vmName: 'new-name', orgId: 'c1:org-1', vcpuMax: 1 });
    const details: RateDetail[] = [
      { field: 'FIXED', perTime: 'HOURLY', perUnit: 'VM', tiers: flatTier({ fixedRate: 1 }) },
      { field: 'CPU_ALLOCATED', perTime: 'HOURLY', perUnit: 'VCPU', tiers: flatTier({ variableRate: 2 }) },
    ];
    const charge = rateVm([first, last], card(details), MARCH_2026);
    expect(charge).toEqual({
      vmId: 'c1:vm-1',
      vmName: 'new-name',
      cloudId: 'c1',
      vdcId: 'c1:vdc-1',
      orgId: 'c1:org-1',
      tenantId: 't1',
      start: first.hour,
      end: new Date(last.hour.getTime() + HOUR_MS),
      hours: 2,
      rateCardId: 'card',
      rateCardName: 'Card',
      currency: 'USD',
      fields: [
        { field: 'FIXED', quantity: 1, unit: 'VM', hourlyCost: 1, cost: 1 * 2, tier: 0 },
        { field: 'CPU_ALLOCATED', quantity: 1, unit: 'VCPU', hourlyCost: 2, cost: 2 * 2, tier: 0 },
      ],
      total: 1 * 2 + 2 * 2,
    });
  });

  it('should refuse to rate no records', () => {
    expect(() => rateVm([], card([]), MARCH_2026)).toThrow('rateVm needs at least one usage record');
  });
});
