/**
 * The wire contract of the FOCUS export (GET /export/focus): which columns, in which
 * order, of which type, and the schema metadata a consumer reads without opening the
 * data (GET /export/focus/metadata). FOCUS 1.2 is the floor; the 1.3 entity columns
 * ServiceProviderName/HostProviderName are emitted beside the deprecated
 * ProviderName/PublisherName, as the 1.3 migration guide asks of data generators during
 * the transition. Facts: /work/shared/references/billing.md §1, checked against the
 * `## Content constraints` tables of FOCUS_Spec `specification/columns/*.md` @v1.2.
 */
import { createHash } from 'node:crypto';

/** The FOCUS version the export conforms to. */
export const FOCUS_VERSION = '1.2';

/** FOCUS data types (`Date/Time` in the spec's tables). */
export type FocusDataType = 'String' | 'Decimal' | 'DateTime' | 'JSON';

/** The spec's feature level of a column; `Custom` for our `x_` columns. */
export type FocusLevel = 'Mandatory' | 'Conditional' | 'Recommended' | 'Custom';

export interface FocusColumn {
  readonly name: string;
  readonly type: FocusDataType;
  /** Whether the spec allows nulls in it ("Allows nulls"). */
  readonly nullable: boolean;
  readonly level: FocusLevel;
  /** The FOCUS version that introduced it (`Introduced (version)`); for `x_` columns the export's version. */
  readonly since: string;
  /** Deprecated in a later FOCUS version, still emitted for consumers of the earlier one. */
  readonly deprecated?: true;
}

const M = 'Mandatory';
const C = 'Conditional';
const R = 'Recommended';

/**
 * Every column of the export, in order: the FOCUS columns alphabetically, then the
 * custom `x_` ones (FOCUS `column_handling`: custom columns after, never intermixed).
 * Of the Conditional/Recommended columns, those whose feature Overcast has (usage
 * measurement, provisioned resources, regions, sub-accounts, tags, unit pricing,
 * invoices); not commitments, capacity reservations, negotiated or foreign-currency
 * pricing, which it has none of.
 */
export const FOCUS_COLUMNS = [
  { name: 'AvailabilityZone', type: 'String', nullable: true, level: R, since: '0.5' },
  { name: 'BilledCost', type: 'Decimal', nullable: false, level: M, since: '0.5' },
  { name: 'BillingAccountId', type: 'String', nullable: false, level: M, since: '0.5' },
  { name: 'BillingAccountName', type: 'String', nullable: true, level: M, since: '0.5' },
  { name: 'BillingCurrency', type: 'String', nullable: false, level: M, since: '0.5' },
  { name: 'BillingPeriodEnd', type: 'DateTime', nullable: false, level: M, since: '0.5' },
  { name: 'BillingPeriodStart', type: 'DateTime', nullable: false, level: M, since: '0.5' },
  { name: 'ChargeCategory', type: 'String', nullable: false, level: M, since: '0.5' },
  { name: 'ChargeClass', type: 'String', nullable: true, level: M, since: '1.0' },
  { name: 'ChargeDescription', type: 'String', nullable: true, level: M, since: '1.0-preview' },
  { name: 'ChargeFrequency', type: 'String', nullable: false, level: R, since: '1.0-preview' },
  { name: 'ChargePeriodEnd', type: 'DateTime', nullable: false, level: M, since: '0.5' },
  { name: 'ChargePeriodStart', type: 'DateTime', nullable: false, level: M, since: '0.5' },
  { name: 'ConsumedQuantity', type: 'Decimal', nullable: true, level: C, since: '1.0' },
  { name: 'ConsumedUnit', type: 'String', nullable: true, level: C, since: '1.0' },
  { name: 'ContractedCost', type: 'Decimal', nullable: false, level: M, since: '1.0' },
  { name: 'EffectiveCost', type: 'Decimal', nullable: false, level: M, since: '0.5' },
  // 1.3: Mandatory there, and it allows nulls (a provider that does not expose its host).
  { name: 'HostProviderName', type: 'String', nullable: true, level: M, since: '1.3' },
  { name: 'InvoiceId', type: 'String', nullable: true, level: R, since: '1.2' },
  { name: 'InvoiceIssuerName', type: 'String', nullable: false, level: M, since: '0.5' },
  { name: 'ListCost', type: 'Decimal', nullable: false, level: M, since: '1.0-preview' },
  { name: 'ListUnitPrice', type: 'Decimal', nullable: true, level: C, since: '1.0-preview' },
  { name: 'PricingQuantity', type: 'Decimal', nullable: true, level: M, since: '1.0-preview' },
  { name: 'PricingUnit', type: 'String', nullable: true, level: M, since: '1.0-preview' },
  { name: 'ProviderName', type: 'String', nullable: false, level: M, since: '0.5', deprecated: true },
  { name: 'PublisherName', type: 'String', nullable: false, level: M, since: '0.5', deprecated: true },
  { name: 'RegionId', type: 'String', nullable: true, level: C, since: '1.0' },
  { name: 'RegionName', type: 'String', nullable: true, level: C, since: '1.0' },
  { name: 'ResourceId', type: 'String', nullable: true, level: C, since: '0.5' },
  { name: 'ResourceName', type: 'String', nullable: true, level: C, since: '0.5' },
  { name: 'ResourceType', type: 'String', nullable: true, level: C, since: '1.0-preview' },
  { name: 'ServiceCategory', type: 'String', nullable: false, level: M, since: '0.5' },
  { name: 'ServiceName', type: 'String', nullable: false, level: M, since: '0.5' },
  { name: 'ServiceProviderName', type: 'String', nullable: false, level: M, since: '1.3' },
  { name: 'ServiceSubcategory', type: 'String', nullable: false, level: R, since: '1.1' },
  { name: 'SkuId', type: 'String', nullable: true, level: C, since: '1.0-preview' },
  { name: 'SkuPriceId', type: 'String', nullable: true, level: C, since: '1.0-preview' },
  { name: 'SubAccountId', type: 'String', nullable: true, level: C, since: '0.5' },
  { name: 'SubAccountName', type: 'String', nullable: true, level: C, since: '0.5' },
  { name: 'Tags', type: 'JSON', nullable: true, level: C, since: '1.0-preview' },
  // Overcast's own dimensions: whose, and where, as global ids.
  { name: 'x_TenantId', type: 'String', nullable: false, level: 'Custom', since: FOCUS_VERSION },
  { name: 'x_CloudId', type: 'String', nullable: false, level: 'Custom', since: FOCUS_VERSION },
  { name: 'x_OrgId', type: 'String', nullable: true, level: 'Custom', since: FOCUS_VERSION },
  { name: 'x_VdcId', type: 'String', nullable: false, level: 'Custom', since: FOCUS_VERSION },
] as const satisfies readonly FocusColumn[];

for (const column of FOCUS_COLUMNS) Object.freeze(column);
Object.freeze(FOCUS_COLUMNS);

export type FocusColumnName = (typeof FOCUS_COLUMNS)[number]['name'];

/** A Key-Value Format value (Tags): a flat JSON object, no nested objects or arrays. */
export type FocusKeyValues = Readonly<Record<string, string | number | boolean | null>>;

/** A value of a row, ready for the wire: DateTime columns already `YYYY-MM-DDTHH:mm:ssZ`. */
export type FocusValue = string | number | null | FocusKeyValues;

/** One row of the export: every column, null where it has no value (never "" or 0). */
export type FocusRow = { readonly [K in FocusColumnName]: FocusValue };

/** The prefix of Overcast's provider-defined tag keys (FOCUS: provider tags MUST carry one). */
export const FOCUS_TAG_PREFIX = 'overcast/';

/** Decimal places written; published in the metadata as NumberScale. */
export const FOCUS_NUMBER_SCALE = 10;

/** When this column set was defined. A change to FOCUS_COLUMNS needs a new date (the SchemaId changes by itself). */
export const FOCUS_SCHEMA_CREATED = '2026-12-03T00:00:00Z';

/** FOCUS metadata `ColumnDefinition`: DataType in the spec's upper-case spelling (STRING, DECIMAL, DATETIME, JSON). */
export interface FocusColumnDefinition {
  ColumnName: string;
  DataType: 'STRING' | 'DECIMAL' | 'DATETIME' | 'JSON';
  Deprecated: boolean;
  StringEncoding?: 'UTF-8';
  NumericPrecision?: number;
  NumberScale?: number;
  ProviderTagPrefixes?: string[];
}

/** FOCUS schema metadata (`metadata/schema`), as GET /export/focus/metadata answers it. */
export interface FocusSchemaMetadata {
  SchemaId: string;
  FocusVersion: string;
  CreationDate: string;
  /** FOCUS's Data Generator metadata (`{ "DataGenerator": … }` there), carried in the schema object. */
  DataGenerator: string;
  ColumnDefinition: FocusColumnDefinition[];
}

function definitionOf(column: FocusColumn): FocusColumnDefinition {
  const base = { ColumnName: column.name, Deprecated: column.deprecated === true };
  switch (column.type) {
    case 'String':
      return { ...base, DataType: 'STRING', StringEncoding: 'UTF-8' };
    case 'Decimal':
      return { ...base, DataType: 'DECIMAL', NumericPrecision: 38, NumberScale: FOCUS_NUMBER_SCALE };
    case 'DateTime':
      return { ...base, DataType: 'DATETIME' };
    case 'JSON':
      return { ...base, DataType: 'JSON', ProviderTagPrefixes: [FOCUS_TAG_PREFIX] };
    default: {
      const never: never = column.type;
      throw new Error(`unknown FOCUS data type ${String(never)}`);
    }
  }
}

/**
 * The schema id of a column set: derived from the definitions themselves, so any change
 * of a column (FOCUS: "any column change needs a new schema object") is a new id.
 */
export function focusSchemaId(columns: readonly FocusColumn[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(columns.map(definitionOf)))
    .digest('hex');
  return `overcast-focus-${FOCUS_VERSION}-${digest.slice(0, 16)}`;
}

/** The metadata of a column set. */
export function focusMetadata(columns: readonly FocusColumn[]): FocusSchemaMetadata {
  return {
    SchemaId: focusSchemaId(columns),
    FocusVersion: FOCUS_VERSION,
    CreationDate: FOCUS_SCHEMA_CREATED,
    DataGenerator: 'Overcast',
    ColumnDefinition: columns.map(definitionOf),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/** The export's metadata (GET /export/focus/metadata), deep-frozen: module-level, served to every caller. */
export const FOCUS_METADATA: Readonly<FocusSchemaMetadata> = deepFreeze(focusMetadata(FOCUS_COLUMNS));
