/**
 * The FOCUS export's columns and row values, against the FOCUS 1.2 rules as
 * /work/shared/references/billing.md §1 quotes them. The expected column facts are
 * written out here, independently of schema/focus.ts.
 */
import { focusRow, type FocusCloudKind, type FocusRowContext } from '../../gateway/billing/focus/rows';
import type { ChargeableField, InvoiceLine, RateUnit } from '../../gateway/billing/model';
import { FOCUS_COLUMNS, FOCUS_METADATA, focusSchemaId, type FocusColumn, type FocusRow } from '../../schema/focus';

/** FOCUS 1.2's 21 Mandatory columns, with type and whether nulls are allowed (billing.md §1.2). */
const MANDATORY_1_2: Record<string, [FocusColumn['type'], boolean]> = {
  BilledCost: ['Decimal', false],
  BillingAccountId: ['String', false],
  BillingAccountName: ['String', true],
  BillingCurrency: ['String', false],
  BillingPeriodEnd: ['DateTime', false],
  BillingPeriodStart: ['DateTime', false],
  ChargeCategory: ['String', false],
  ChargeClass: ['String', true],
  ChargeDescription: ['String', true],
  ChargePeriodEnd: ['DateTime', false],
  ChargePeriodStart: ['DateTime', false],
  ContractedCost: ['Decimal', false],
  EffectiveCost: ['Decimal', false],
  InvoiceIssuerName: ['String', false],
  ListCost: ['Decimal', false],
  PricingQuantity: ['Decimal', true],
  PricingUnit: ['String', true],
  ProviderName: ['String', false],
  PublisherName: ['String', false],
  ServiceCategory: ['String', false],
  ServiceName: ['String', false],
};

/** The Conditional/Recommended columns that apply to Overcast, and 1.3's entity columns. */
const OPTIONAL_APPLICABLE: Record<string, [FocusColumn['type'], boolean]> = {
  AvailabilityZone: ['String', true],
  ChargeFrequency: ['String', false],
  ConsumedQuantity: ['Decimal', true],
  ConsumedUnit: ['String', true],
  InvoiceId: ['String', true],
  ListUnitPrice: ['Decimal', true],
  RegionId: ['String', true],
  RegionName: ['String', true],
  ResourceId: ['String', true],
  ResourceName: ['String', true],
  ResourceType: ['String', true],
  ServiceSubcategory: ['String', false],
  SkuId: ['String', true],
  SkuPriceId: ['String', true],
  SubAccountId: ['String', true],
  SubAccountName: ['String', true],
  Tags: ['JSON', true],
};
const ENTITY_1_3: Record<string, [FocusColumn['type'], boolean]> = {
  ServiceProviderName: ['String', false],
  HostProviderName: ['String', true],
};

const CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'];
const CHARGE_FREQUENCIES = ['One-Time', 'Recurring', 'Usage-Based'];
const SERVICE_CATEGORIES = [
  'AI and Machine Learning',
  'Analytics',
  'Business Applications',
  'Compute',
  'Databases',
  'Developer Tools',
  'Multicloud',
  'Identity',
  'Integration',
  'Internet of Things',
  'Management and Governance',
  'Media',
  'Migration',
  'Mobile',
  'Networking',
  'Security',
  'Storage',
  'Web',
  'Other',
];
/** FOCUS 1.2 ServiceSubcategory values of the categories Overcast uses (servicesubcategory.md @v1.2). */
const SUBCATEGORIES: Record<string, string[]> = {
  Compute: ['Containers', 'End User Computing', 'Quantum Compute', 'Serverless Compute', 'Virtual Machines', 'Other (Compute)'],
  Storage: ['Backup Storage', 'Block Storage', 'File Storage', 'Object Storage', 'Storage Platforms', 'Other (Storage)'],
  Networking: [
    'Application Networking',
    'Content Delivery',
    'Network Connectivity',
    'Network Infrastructure',
    'Network Routing',
    'Network Security',
    'Other (Networking)',
  ],
};
/** FOCUS Date/Time format: UTC, whole seconds. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** FOCUS UnitFormat: `<plural-units>` or `<singular-unit>-<plural-time-units>`, with FOCUS's time names. */
const UNIT_FORMAT = /^(?:[A-Z][A-Za-z]*|[A-Z][A-Za-z]*-(?:Years|Months|Days|Hours|Minutes|Seconds))$/;

const FIELD_UNITS: Array<[ChargeableField, RateUnit]> = [
  ['CPU_ALLOCATED', 'VCPU'],
  ['CPU_USED', 'MHZ'],
  ['CPU_USED', 'GHZ'],
  ['MEMORY_ALLOCATED', 'MB'],
  ['MEMORY_USED', 'GB'],
  ['STORAGE_ALLOCATED', 'GB'],
  ['STORAGE_USED', 'TB'],
  ['NETWORK_USED', 'KBPS'],
  ['NETWORK_USED', 'MBPS'],
  ['FIXED', 'VM'],
];

function line(overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  const hours = overrides.hours ?? 720;
  const hourlyCost = overrides.hourlyCost ?? 0.0375;
  return {
    kind: 'USAGE',
    month: '2026-11',
    cloudId: 'nova-1',
    vdcId: 'nova-1:az-north',
    orgId: 'nova-1:proj-7',
    vmId: 'nova-1:vm-42',
    vmName: 'web-1',
    field: 'CPU_ALLOCATED',
    start: new Date('2026-11-01T00:00:00Z'),
    end: new Date('2026-12-01T00:00:00Z'),
    hours,
    quantity: 2,
    unit: 'VCPU',
    hourlyCost,
    cost: hourlyCost * hours,
    rateCardId: 'default',
    ...overrides,
  };
}

function ctx(overrides: Partial<FocusRowContext> = {}): FocusRowContext {
  return {
    invoiceId: 'inv-acme-2026-11',
    billingMonth: '2026-11',
    tenant: { id: 'acme', name: 'Acme Corp' },
    currency: 'EUR',
    issuerName: 'Overcast Hosting',
    cloud: { id: 'nova-1', name: 'North OpenStack', kind: 'NOVA' },
    ...overrides,
  };
}

const KINDS: Array<FocusCloudKind | null> = ['VSPHERE', 'DIRECTOR', 'NOVA', null];

/** A row of every field/unit, on every kind of cloud, usage and correction, with and without an org. */
function everyRow(): FocusRow[] {
  const rows: FocusRow[] = [];
  for (const [field, unit] of FIELD_UNITS)
    for (const kind of KINDS)
      for (const orgId of ['nova-1:proj-7', null])
        for (const kind_ of ['USAGE', 'CORRECTION'] as const)
          rows.push(
            focusRow(line({ field, unit, orgId, kind: kind_, ...(kind_ === 'CORRECTION' ? { month: '2026-10', cost: -1.25 } : {}) }), {
              ...ctx({ cloud: { id: 'nova-1', name: kind ? 'A cloud' : null, kind }, invoiceId: orgId ? 'inv-acme-2026-11' : null }),
            }),
          );
  return rows;
}

const byName = new Map<string, FocusColumn>(FOCUS_COLUMNS.map((column) => [column.name, column]));

describe('FOCUS columns', () => {
  it('has every FOCUS 1.2 Mandatory column, Mandatory, with the type and nullability of the spec', () => {
    expect(Object.keys(MANDATORY_1_2)).toHaveLength(21);
    for (const [name, [type, nullable]] of Object.entries(MANDATORY_1_2)) {
      expect({ name, ...byName.get(name) }).toMatchObject({ name, type, nullable, level: 'Mandatory' });
    }
  });

  it('has the Conditional and Recommended columns that apply, with the type and nullability of the spec', () => {
    for (const [name, [type, nullable]] of Object.entries(OPTIONAL_APPLICABLE)) {
      expect(byName.get(name)?.level).toMatch(/^(Conditional|Recommended)$/);
      expect({ name, ...byName.get(name) }).toMatchObject({ name, type, nullable });
    }
  });

  it('has the 1.3 ServiceProviderName and HostProviderName, and marks ProviderName and PublisherName deprecated', () => {
    for (const [name, [type, nullable]] of Object.entries(ENTITY_1_3)) {
      expect({ name, ...byName.get(name) }).toMatchObject({ name, type, nullable, level: 'Mandatory', since: '1.3' });
    }
    expect(FOCUS_COLUMNS.filter((column) => 'deprecated' in column).map((column) => column.name)).toEqual([
      'ProviderName',
      'PublisherName',
    ]);
  });

  it('has nothing else but the x_ columns x_TenantId, x_CloudId, x_OrgId and x_VdcId', () => {
    const focus = [...Object.keys(MANDATORY_1_2), ...Object.keys(OPTIONAL_APPLICABLE), ...Object.keys(ENTITY_1_3)];
    const custom = FOCUS_COLUMNS.map((column) => column.name).filter((name) => !focus.includes(name));
    expect(custom).toEqual(['x_TenantId', 'x_CloudId', 'x_OrgId', 'x_VdcId']);
    for (const name of custom) {
      expect(byName.get(name)?.level).toBe('Custom');
      expect(name).toMatch(/^x_[A-Z][A-Za-z0-9]{0,47}$/);
    }
  });

  it('lists the FOCUS columns in alphabetical order, then the x_ columns, never intermixed', () => {
    const names = FOCUS_COLUMNS.map((column) => column.name);
    expect(new Set(names).size).toBe(names.length);
    const firstCustom = names.findIndex((name) => name.startsWith('x_'));
    const focus = names.slice(0, firstCustom);
    expect(focus).toEqual([...focus].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(names.slice(firstCustom).every((name) => name.startsWith('x_'))).toBe(true);
    expect(focus.some((name) => name.startsWith('x_'))).toBe(false);
  });

  it('publishes one metadata column definition per column, in order, with the deprecated ones marked', () => {
    expect(FOCUS_METADATA.FocusVersion).toBe('1.2');
    expect(FOCUS_METADATA.ColumnDefinition.map((d) => d.ColumnName)).toEqual(FOCUS_COLUMNS.map((column) => column.name));
    const dataType = { String: 'STRING', Decimal: 'DECIMAL', DateTime: 'DATETIME', JSON: 'JSON' };
    for (const [n, column] of FOCUS_COLUMNS.entries()) {
      expect(FOCUS_METADATA.ColumnDefinition[n]).toMatchObject({ DataType: dataType[column.type], Deprecated: 'deprecated' in column });
    }
    expect(FOCUS_METADATA.CreationDate).toMatch(DATE_TIME);
    // FOCUS: ProviderTagPrefixes MUST be given for Tags; ours is the prefix every tag key carries (tested below).
    expect(FOCUS_METADATA.ColumnDefinition.find((d) => d.ColumnName === 'Tags')?.ProviderTagPrefixes).toEqual(['overcast/']);
    expect(Object.isFrozen(FOCUS_METADATA.ColumnDefinition[0])).toBe(true);
  });

  it('derives a new SchemaId when a column changes', () => {
    const changed = FOCUS_COLUMNS.map((column) => (column.name === 'Tags' ? { ...column, name: 'x_Tags' } : column));
    expect(focusSchemaId(FOCUS_COLUMNS)).toBe(FOCUS_METADATA.SchemaId);
    expect(focusSchemaId(changed)).not.toBe(FOCUS_METADATA.SchemaId);
  });
});

describe('FOCUS rows', () => {
  const rows = everyRow();

  it('has exactly the columns of the export, on every row', () => {
    for (const row of rows) expect(Object.keys(row)).toEqual(FOCUS_COLUMNS.map((column) => column.name));
  });

  it('leaves no column that allows no nulls null, and writes null rather than "" anywhere', () => {
    const wrong = rows.flatMap((row) =>
      FOCUS_COLUMNS.filter((column) => row[column.name] === '' || (!column.nullable && row[column.name] === null)).map((column) => [
        column.name,
        row[column.name],
      ]),
    );
    expect(wrong).toEqual([]);
  });

  it('uses only allowed values of ChargeCategory, ChargeClass, ChargeFrequency and ServiceCategory, and subcategories of their category', () => {
    for (const row of rows) {
      expect(CHARGE_CATEGORIES).toContain(row.ChargeCategory);
      expect([null, 'Correction']).toContain(row.ChargeClass);
      expect(CHARGE_FREQUENCIES).toContain(row.ChargeFrequency);
      expect(SERVICE_CATEGORIES).toContain(row.ServiceCategory);
      expect(SUBCATEGORIES[row.ServiceCategory as string]).toContain(row.ServiceSubcategory);
    }
  });

  it('has ListCost = ListUnitPrice × PricingQuantity on every row that is not a correction', () => {
    const usage = rows.filter((row) => row.ChargeClass === null);
    expect(usage.length).toBeGreaterThan(0);
    for (const row of usage) {
      expect(typeof row.ListUnitPrice).toBe('number');
      expect(row.ListCost as number).toBeCloseTo((row.ListUnitPrice as number) * (row.PricingQuantity as number), 10);
    }
  });

  it('has BilledCost = EffectiveCost = ContractedCost = ListCost (no discounts)', () => {
    for (const row of rows) {
      expect([row.EffectiveCost, row.ContractedCost, row.ListCost]).toEqual([row.BilledCost, row.BilledCost, row.BilledCost]);
    }
  });

  it('writes every DateTime column as YYYY-MM-DDTHH:mm:ssZ', () => {
    const dateColumns = FOCUS_COLUMNS.filter((column) => column.type === 'DateTime');
    expect(dateColumns.length).toBe(4);
    for (const row of rows) for (const column of dateColumns) expect(row[column.name]).toMatch(DATE_TIME);
  });

  it("bills a usage line in its month: the billing period is the calendar month, end exclusive, the charge period the line's", () => {
    const input = line({ start: new Date('2026-11-03T05:00:00Z'), end: new Date('2026-11-20T17:00:00Z') });
    const row = focusRow(input, ctx());
    expect(row).toMatchObject({
      BillingPeriodStart: '2026-11-01T00:00:00Z',
      BillingPeriodEnd: '2026-12-01T00:00:00Z',
      ChargePeriodStart: '2026-11-03T05:00:00Z',
      ChargePeriodEnd: '2026-11-20T17:00:00Z',
      ChargeCategory: 'Usage',
      ChargeClass: null,
      ChargeFrequency: 'Usage-Based',
      PricingQuantity: input.hours,
      PricingUnit: 'Hours',
      ListUnitPrice: input.hourlyCost,
      BilledCost: input.cost,
      BillingCurrency: 'EUR',
      InvoiceId: 'inv-acme-2026-11',
    });
    // A December billing period ends at the next year's start.
    expect(focusRow(line({ month: '2026-12' }), ctx({ billingMonth: '2026-12' })).BillingPeriodEnd).toBe('2027-01-01T00:00:00Z');
  });

  it('writes late usage of an invoiced month as a Correction in the billing month: the difference, no quantity or unit price', () => {
    const late = line({
      kind: 'CORRECTION',
      month: '2026-10',
      start: new Date('2026-10-30T00:00:00Z'),
      end: new Date('2026-10-31T00:00:00Z'),
      hours: 24,
      cost: -0.42,
    });
    const row = focusRow(late, ctx());
    expect(row).toMatchObject({
      ChargeCategory: 'Usage',
      ChargeClass: 'Correction',
      BillingPeriodStart: '2026-11-01T00:00:00Z',
      ChargePeriodStart: '2026-10-30T00:00:00Z',
      ChargePeriodEnd: '2026-10-31T00:00:00Z',
      PricingQuantity: null,
      PricingUnit: null,
      ListUnitPrice: null,
      ConsumedQuantity: null,
      ConsumedUnit: null,
      BilledCost: -0.42,
      ListCost: -0.42,
    });
    expect(row.ChargeDescription).toContain('2026-10');
  });

  it('has PricingUnit null exactly when PricingQuantity is null', () => {
    for (const row of rows) expect(row.PricingUnit === null).toBe(row.PricingQuantity === null);
  });

  it('measures ConsumedQuantity as quantity × hours in FOCUS units, transferred kilobits for network, hours for the fixed charge', () => {
    const expected: Record<RateUnit, [string, (l: InvoiceLine) => number]> = {
      VCPU: ['Core-Hours', (l) => l.quantity * l.hours],
      MHZ: ['MHz-Hours', (l) => l.quantity * l.hours],
      GHZ: ['GHz-Hours', (l) => l.quantity * l.hours],
      MB: ['MB-Hours', (l) => l.quantity * l.hours],
      GB: ['GB-Hours', (l) => l.quantity * l.hours],
      TB: ['TB-Hours', (l) => l.quantity * l.hours],
      KBPS: ['Kb', (l) => l.quantity * l.hours * 3600],
      MBPS: ['Mb', (l) => l.quantity * l.hours * 3600],
      VM: ['Hours', (l) => l.hours],
    };
    for (const [field, unit] of FIELD_UNITS) {
      const input = line({ field, unit, quantity: 3.5, hours: 10, cost: 0.0375 * 10 });
      const row = focusRow(input, ctx());
      const [consumedUnit, quantity] = expected[unit];
      expect({ unit, ConsumedUnit: row.ConsumedUnit, ConsumedQuantity: row.ConsumedQuantity }).toEqual({
        unit,
        ConsumedUnit: consumedUnit,
        ConsumedQuantity: quantity(input),
      });
      expect(row.ConsumedUnit).toMatch(UNIT_FORMAT);
      if (row.PricingUnit !== null) expect(row.PricingUnit).toMatch(UNIT_FORMAT);
    }
  });

  it('names the service by field: compute, block storage, networking', () => {
    const service = (field: ChargeableField, unit: RateUnit) => {
      const row = focusRow(line({ field, unit }), ctx());
      return [row.ServiceCategory, row.ServiceSubcategory, row.ServiceName];
    };
    expect(service('MEMORY_USED', 'MB')).toEqual(['Compute', 'Virtual Machines', 'Virtual Machines']);
    expect(service('FIXED', 'VM')).toEqual(['Compute', 'Virtual Machines', 'Virtual Machines']);
    expect(service('STORAGE_USED', 'GB')).toEqual(['Storage', 'Block Storage', 'Block Storage']);
    expect(service('NETWORK_USED', 'KBPS')).toEqual(['Networking', 'Other (Networking)', 'Networking']);
  });

  it('names the issuer as provider, publisher, service provider and invoice issuer, and the cloud as host provider', () => {
    const hosts = KINDS.map((kind) => focusRow(line(), ctx({ cloud: { id: 'nova-1', name: null, kind } })).HostProviderName);
    expect(hosts).toEqual(['VMware vSphere', 'VMware Cloud Director', 'OpenStack', null]);
    const row = focusRow(line(), ctx());
    expect([row.ProviderName, row.PublisherName, row.ServiceProviderName, row.InvoiceIssuerName]).toEqual(
      Array(4).fill('Overcast Hosting'),
    );
  });

  it('places the row: tenant as billing account, org as sub-account, cloud as region, the VDC as availability zone on Nova only', () => {
    const input = line();
    const nova = focusRow(input, ctx());
    expect(nova).toMatchObject({
      BillingAccountId: 'acme',
      BillingAccountName: 'Acme Corp',
      SubAccountId: input.orgId,
      SubAccountName: 'proj-7',
      RegionId: 'nova-1',
      RegionName: 'North OpenStack',
      AvailabilityZone: 'az-north',
      ResourceId: input.vmId,
      ResourceName: input.vmName,
      ResourceType: 'Virtual Machine',
      x_TenantId: 'acme',
      x_CloudId: input.cloudId,
      x_OrgId: input.orgId,
      x_VdcId: input.vdcId,
    });
    const vsphere = focusRow(
      line({ cloudId: 'vc-1', vdcId: 'vc-1:cluster-1', orgId: null }),
      ctx({ cloud: { id: 'vc-1', name: null, kind: 'VSPHERE' } }),
    );
    expect(vsphere).toMatchObject({ AvailabilityZone: null, SubAccountId: null, SubAccountName: null, x_OrgId: null, RegionName: null });
  });

  it('names the SKU by rate card and field, and its price by unit too', () => {
    const row = focusRow(line({ rateCardId: 'gold', field: 'STORAGE_USED', unit: 'TB' }), ctx());
    expect([row.SkuId, row.SkuPriceId]).toEqual(['gold:STORAGE_USED', 'gold:STORAGE_USED:TB']);
  });

  it('tags each row with a flat JSON object whose keys carry the provider prefix', () => {
    const row = focusRow(line({ field: 'CPU_USED', unit: 'MHZ', rateCardId: 'default' }), ctx());
    expect(row.Tags).toEqual({ 'overcast/field': 'CPU_USED', 'overcast/rateCard': 'default' });
    for (const r of rows) {
      for (const [key, value] of Object.entries(r.Tags as object)) {
        expect(key.startsWith('overcast/')).toBe(true);
        expect(['string', 'number', 'boolean']).toContain(typeof value);
      }
    }
  });

  it('writes null, not "", for an open month\'s invoice id and an empty VM name', () => {
    const row = focusRow(line({ vmName: '' }), ctx({ invoiceId: null }));
    expect([row.InvoiceId, row.ResourceName]).toEqual([null, null]);
    expect(row.ChargeDescription).toContain('nova-1:vm-42');
  });

  it('describes the charge in a sentence naming the field, the VM and the hours', () => {
    expect(focusRow(line({ vmName: 'db-2', hours: 5, cost: 1 }), ctx()).ChargeDescription).toBe('Allocated vCPUs of VM db-2, 5 hours');
  });
});
