/** What the API's codes read as on screen (cloud and node kinds, power states) and ids taken apart: one place for every view. */
import type { CatalogItemState, CloudKind, NodeKind, PowerState, TaskOperation, TransferPhase } from '../generated/gql/graphql';

export const POWER_STATES = ['POWERED_ON', 'POWERED_OFF', 'SUSPENDED'] as const satisfies readonly PowerState[];

export const POWER_LABELS: Record<PowerState, string> = { POWERED_ON: 'Powered on', POWERED_OFF: 'Powered off', SUSPENDED: 'Suspended' };

/** A cloud kind as its product is called, as an operator reads it, and as a tenant does. */
const CLOUD_KINDS: Record<CloudKind, { product: string; operator: string; tenant: string }> = {
  VSPHERE: { product: 'vSphere', operator: 'vSphere data centre', tenant: 'private data centre' },
  DIRECTOR: { product: 'Cloud Director', operator: 'Cloud Director (multi-tenant)', tenant: 'multi-tenant cloud' },
  NOVA: { product: 'OpenStack Nova', operator: 'OpenStack Nova', tenant: 'public cloud' },
};

/** A kind the console does not know yet reads as its code (product, operator) or as plain "cloud" (tenant). */
export function cloudKindLabel(kind: string | null | undefined, as: 'product' | 'operator' | 'tenant'): string {
  const known = kind ? CLOUD_KINDS[kind as CloudKind] : undefined;
  return known?.[as] ?? (as === 'tenant' || !kind ? 'cloud' : kind);
}

const NODE_KINDS: Record<NodeKind, string> = { CLOUD_NODE: 'cloud-node', SP_NODE: 'sp-node' };

export const nodeKindLabel = (kind: string): string => NODE_KINDS[kind as NodeKind] ?? kind;

/** The cloud of a global id (`<cloudId>:<native id>`). */
export const cloudIdOf = (globalId: string): string => globalId.slice(0, globalId.indexOf(':'));

/** What a task or transfer does, as a noun phrase for a list. */
export const OPERATION_LABELS: Record<TaskOperation, string> = {
  POWER_ON: 'Power on',
  POWER_OFF: 'Power off',
  COPY_VM: 'VM copy',
  MOVE_VM: 'VM move',
  COPY_TEMPLATE: 'Template copy',
};

/** Where a transfer is, in words. */
export const TRANSFER_PHASE_LABELS: Record<TransferPhase, string> = {
  PREPARING: 'preparing the export',
  COPYING: 'copying',
  WAITING: 'waiting for a node or cloud',
  IMPORTING: 'importing at the destination',
  REMOVING_SOURCE: 'removing the source',
  DONE: 'done',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
};

/** Which version of a catalog item a cloud holds, in words. */
export const CATALOG_ITEM_STATE_LABELS: Record<CatalogItemState, string> = {
  SYNCED: 'synced',
  SYNCING: 'syncing',
  STALE: 'stale',
  FAILED: 'failed',
  DELETED: 'deleted',
};
