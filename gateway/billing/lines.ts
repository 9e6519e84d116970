/** Invoice lines from charges, and the totals invoices and charge sets show. */
import type { ChargeableField, InvoiceLine, VmCharge } from './model';
import { CHARGEABLE_FIELDS } from './units';

/** One USAGE line per field of a VM's charge for `month` (`YYYY-MM`), in the card's order. */
export function linesOf(charge: VmCharge, month: string): InvoiceLine[] {
  return charge.fields.map((field) => ({
    kind: 'USAGE',
    month,
    cloudId: charge.cloudId,
    vdcId: charge.vdcId,
    orgId: charge.orgId,
    vmId: charge.vmId,
    vmName: charge.vmName,
    field: field.field,
    start: charge.start,
    end: charge.end,
    hours: charge.hours,
    quantity: field.quantity,
    unit: field.unit,
    hourlyCost: field.hourlyCost,
    cost: field.cost,
    rateCardId: charge.rateCardId,
  }));
}

/** The cost per field over field charges or invoice lines, in the ChargeableField enum's order, fields that have some only. */
export function fieldTotals(
  lines: ReadonlyArray<{ field: ChargeableField; cost: number }>,
): Array<{ field: ChargeableField; cost: number }> {
  const totals = new Map<ChargeableField, number>();
  for (const line of lines) totals.set(line.field, (totals.get(line.field) ?? 0) + line.cost);
  return CHARGEABLE_FIELDS.filter((field) => totals.has(field)).map((field) => ({ field, cost: totals.get(field)! }));
}

/** The sum of the costs of field charges or invoice lines (`cost`), or of VM charges (`total`). */
export function sumCosts(items: ReadonlyArray<{ cost: number } | { total: number }>): number {
  return items.reduce((sum, item) => sum + ('cost' in item ? item.cost : item.total), 0);
}
