/**
 * The units of billing: what unit each chargeable field's raw figure is metered in,
 * which rate units a rate detail for that field may be quoted per, and the conversion
 * between them (ManageIQ's `rate_adjustment`, where its real unit bugs were: PR #11382).
 */
import type { ChargeableField, RateUnit } from './model';

interface FieldUnits {
  /** The unit of the raw figure in a usage record. */
  base: RateUnit;
  /** Each accepted rate unit, as how many base units make one of it. */
  per: Partial<Record<RateUnit, number>>;
}

// In the SDL's order (schema/billing.graphql): totals per field are listed in it. The
// generated consts are alphabetical, so the order is kept here, checked against the SDL by a test.
const FIELD_UNITS: Readonly<Record<ChargeableField, FieldUnits>> = {
  CPU_ALLOCATED: { base: 'VCPU', per: { VCPU: 1 } },
  MEMORY_ALLOCATED: { base: 'MB', per: { MB: 1, GB: 1024 } },
  STORAGE_ALLOCATED: { base: 'GB', per: { GB: 1, TB: 1024 } },
  CPU_USED: { base: 'MHZ', per: { MHZ: 1, GHZ: 1000 } },
  MEMORY_USED: { base: 'MB', per: { MB: 1, GB: 1024 } },
  STORAGE_USED: { base: 'GB', per: { GB: 1, TB: 1024 } },
  // Network figures are kilobits per second: rates are decimal (1 Mbps = 1000 kbps), as line rates are.
  NETWORK_USED: { base: 'KBPS', per: { KBPS: 1, MBPS: 1000 } },
  FIXED: { base: 'VM', per: { VM: 1 } },
};

/** Every chargeable field, in the order of the ChargeableField enum in the SDL. */
export const CHARGEABLE_FIELDS: readonly ChargeableField[] = Object.freeze(Object.keys(FIELD_UNITS) as ChargeableField[]);

/** The unit a field's raw figure is metered in (vCPU, MHz, MB, GB, kbps; 1 per VM for FIXED). */
export function baseUnitOf(field: ChargeableField): RateUnit {
  return FIELD_UNITS[field].base;
}

/** The rate units a rate detail for `field` may be quoted per, base unit first. */
export function unitsFor(field: ChargeableField): RateUnit[] {
  return Object.keys(FIELD_UNITS[field].per) as RateUnit[];
}

/** Whether a rate for `field` may be quoted per `unit`. */
export function acceptsUnit(field: ChargeableField, unit: RateUnit): boolean {
  return FIELD_UNITS[field]?.per[unit] !== undefined;
}

/**
 * A raw figure of `field` (in its base unit) expressed in `unit`: 2048 MB in GB is 2.
 * Throws for a unit the field does not accept: validated cards never have one, and
 * rating a figure in the wrong unit would bill a wrong amount silently.
 */
export function toUnit(field: ChargeableField, raw: number, unit: RateUnit): number {
  const factor = FIELD_UNITS[field].per[unit];
  if (factor === undefined) throw new RangeError(`${field} cannot be rated per ${unit} (it accepts ${unitsFor(field).join(', ')})`);
  return raw / factor;
}
