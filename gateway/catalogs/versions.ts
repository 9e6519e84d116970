/**
 * Catalog and item versions (mobility.md §3.3, Cloud Director's rules): monotonic
 * integers that move only when content does. Pure: what the publisher lists now,
 * folded into what the catalog recorded at its last refresh.
 */
import { toGlobalId } from '../../schema/ids';
import type { CatalogItemRecord } from '../store/repositories/catalogs';
import type { NodeTemplate } from '../transfers/types';

export interface Folded {
  version: number;
  items: CatalogItemRecord[];
  /** Whether anything was added, removed or changed (the catalog's version moved). */
  changed: boolean;
  /** Whether the items differ from the previous ones at all (a version, or only a template's id): worth a write. */
  dirty: boolean;
}

/**
 * Fold one listing of the publisher's catalog into its items:
 * - a new name: version 1;
 * - a changed checksum or size, or a deleted item that is back: version + 1;
 * - a name no longer listed: deleted, version + 1 (once: a deleted item stays as it is);
 * - the catalog's version + 1 when any of these happened, else nothing moves.
 * A template whose native id changed with the same content keeps its version (the
 * subscribers' copies are still that content), only its templateId follows.
 * Names are the items' identity: where a cloud lists two templates under one name
 * (Glance allows it) the one with the smallest native id is the item, so every
 * refresh picks the same one.
 */
export function foldListing(
  cloudId: string,
  previous: { version: number; items: readonly CatalogItemRecord[] },
  templates: readonly NodeTemplate[],
  now: Date,
): Folded {
  const listed = new Map<string, NodeTemplate>();
  for (const template of [...templates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!listed.has(template.name)) listed.set(template.name, template);
  }
  let changed = false;
  let dirty = false;
  const items: CatalogItemRecord[] = [];
  for (const old of previous.items) {
    const template = listed.get(old.name);
    if (template) continue; // folded below, with the new ones
    if (old.deleted) items.push(old);
    else {
      changed = true;
      items.push({ ...old, deleted: true, version: old.version + 1, updatedAt: now });
    }
  }
  const before = new Map(previous.items.map((item) => [item.name, item]));
  for (const [name, template] of listed) {
    const content = { sizeBytes: template.sizeBytes, checksum: template.sha256, templateId: toGlobalId(cloudId, template.id) };
    const old = before.get(name);
    if (!old) {
      changed = true;
      items.push({ name, version: 1, ...content, deleted: false, updatedAt: now });
    } else if (old.deleted || old.checksum !== content.checksum || old.sizeBytes !== content.sizeBytes) {
      changed = true;
      items.push({ name, version: old.version + 1, ...content, deleted: false, updatedAt: now });
    } else {
      if (old.templateId !== content.templateId) dirty = true;
      items.push({ ...old, templateId: content.templateId });
    }
  }
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { version: changed ? previous.version + 1 : previous.version, items, changed, dirty: dirty || changed };
}
