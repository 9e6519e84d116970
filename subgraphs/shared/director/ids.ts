/**
 * Cloud Director identifiers. The OpenAPI side names entities by URN
 * (`urn:vcloud:vm:<uuid>`); legacy query records name related entities by href
 * only (`<base>/api/vdc/<uuid>`), so clients rebuild URNs from the uuid in it.
 */
import type { PowerState } from '../../../schema/generated/enums';

/** A uuid as both VMware APIs write them (8-4-4-4-12 hex digits), for building patterns: no anchors, no group. */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A whole string that is a uuid, in either case. */
export const UUID = new RegExp(`^${UUID_SOURCE}$`, 'i');
const UUID_GROUP = `(${UUID_SOURCE})`;

/** `urn:vcloud:<kind>:<uuid>`, the uuid captured. */
export const VM_URN = new RegExp(`^urn:vcloud:vm:${UUID_GROUP}$`, 'i');
export const VDC_URN = new RegExp(`^urn:vcloud:vdc:${UUID_GROUP}$`, 'i');
export const ORG_URN = new RegExp(`^urn:vcloud:org:${UUID_GROUP}$`, 'i');

/** The path segment before the uuid in each entity kind's legacy href. */
const HREF: Record<'vm' | 'vdc' | 'org', RegExp> = {
  vm: new RegExp(`/vm-${UUID_GROUP}$`, 'i'),
  vdc: new RegExp(`/vdc/${UUID_GROUP}$`, 'i'),
  org: new RegExp(`/org/${UUID_GROUP}$`, 'i'),
};
const URN: Record<'vm' | 'vdc' | 'org', RegExp> = { vm: VM_URN, vdc: VDC_URN, org: ORG_URN };

/**
 * The URN of a `kind` entity from a query record: its `id` when the cell sent one
 * (records of older cells have none), else built from the uuid in its href.
 * `undefined` when that is not a well-formed URN: the answer is not what we expect.
 */
export function urnOf(kind: 'vm' | 'vdc' | 'org', href: string | null | undefined, id?: string | null): string | undefined {
  if (id !== undefined && id !== null) return URN[kind].test(id) ? id : undefined;
  const uuid = href ? HREF[kind].exec(href)?.[1] : undefined;
  return uuid === undefined ? undefined : `urn:vcloud:${kind}:${uuid}`;
}

/** Query records carry strings; statuses without a power meaning (UNRESOLVED, ...) count as off. */
export function powerState(status: string): PowerState {
  if (status === 'POWERED_ON' || status === 'SUSPENDED') return status;
  if (status === 'PARTIALLY_SUSPENDED') return 'SUSPENDED';
  return 'POWERED_OFF';
}
