/** Chargeable fields in words, in the API's order, so every table lists them alike. */
export const FIELD_ORDER = [
  'CPU_ALLOCATED',
  'MEMORY_ALLOCATED',
  'STORAGE_ALLOCATED',
  'CPU_USED',
  'MEMORY_USED',
  'STORAGE_USED',
  'NETWORK_USED',
  'FIXED',
] as const;

const LABELS: Record<string, string> = {
  CPU_ALLOCATED: 'CPU allocated',
  MEMORY_ALLOCATED: 'Memory allocated',
  STORAGE_ALLOCATED: 'Storage allocated',
  CPU_USED: 'CPU used',
  MEMORY_USED: 'Memory used',
  STORAGE_USED: 'Storage used',
  NETWORK_USED: 'Network',
  FIXED: 'Per VM',
};

export const fieldLabel = (field: string): string => LABELS[field] ?? field;

/** The fields any of `costs` charges for, in FIELD_ORDER (a card may charge for few). */
export function fieldsCharged(costs: ReadonlyArray<ReadonlyArray<{ field: string }>>): string[] {
  const seen = new Set(costs.flatMap((list) => list.map((c) => c.field)));
  return FIELD_ORDER.filter((field) => seen.has(field));
}

/** The cost of one field in a list, 0 when it is not charged. */
export const costOf = (costs: ReadonlyArray<{ field: string; cost: number }>, field: string): number =>
  costs.find((c) => c.field === field)?.cost ?? 0;

/** `2026-11` → "November 2026" (UTC, as billing months are). */
export const monthName = (month: string): string =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const UNITS: Record<string, string> = {
  VCPU: 'vCPU',
  MHZ: 'MHz',
  GHZ: 'GHz',
  MB: 'MB',
  GB: 'GB',
  TB: 'TB',
  KBPS: 'kbps',
  MBPS: 'Mbps',
  VM: 'VM',
};

export const unitLabel = (unit: string): string => UNITS[unit] ?? unit;
