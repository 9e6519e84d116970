/**
 * Entity fetches of a sharded kind: split the representations by the cloud that
 * owns them, and put the answers back in the order the query planner sent them.
 */
import type { GraphQLFormattedError } from 'graphql';
import { parseGlobalId } from '../../schema/ids';

export interface Partition {
  cloudId: string;
  /** Positions of this partition's representations in the original list. */
  indexes: number[];
  representations: unknown[];
}

/**
 * Group representations by cloudId (from the `id` key, split at the first colon).
 * A representation without a well-formed id belongs to no cloud and stays null.
 */
export function partitionRepresentations(representations: readonly unknown[]): Partition[] {
  const byCloud = new Map<string, Partition>();
  representations.forEach((rep, index) => {
    const id = (rep as { id?: unknown } | null)?.id;
    const parsed = typeof id === 'string' ? parseGlobalId(id) : undefined;
    if (!parsed) return;
    let partition = byCloud.get(parsed.cloudId);
    if (!partition) byCloud.set(parsed.cloudId, (partition = { cloudId: parsed.cloudId, indexes: [], representations: [] }));
    partition.indexes.push(index);
    partition.representations.push(rep);
  });
  return [...byCloud.values()];
}

/**
 * The answer for an entity whose cloud has no instance of this kind (an sp-node
 * field of a VM in a single-tenant cloud): the entity exists, and this kind has
 * nothing to say about it, so every field it was asked for is null. A bare null
 * would read the same to a client but makes the gateway drop the entity from any
 * later fetch that @requires one of these fields (VirtualMachine.tenant needs
 * `org`, null for such a VM).
 */
export function entityWithoutInstance(representation: unknown, shapes: ReadonlyMap<string, readonly string[]>): Record<string, unknown> {
  const typename = (representation as { __typename?: unknown }).__typename;
  const keys = typeof typename === 'string' ? (shapes.get(typename) ?? []) : [];
  return { __typename: typename, ...Object.fromEntries(keys.map((key) => [key, null])) };
}

export interface PartitionResult {
  partition: Partition;
  /** The node's `_entities`, one per representation of the partition; absent when the node failed. */
  entities?: readonly unknown[];
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Merge partition answers into one `_entities` list of `total` items (null where no
 * answer came) and rewrite error paths `['_entities', i, …]` from partition
 * positions to original positions, so the gateway puts each error on its entity.
 */
export function reassembleEntities(
  total: number,
  results: readonly PartitionResult[],
): { entities: unknown[]; errors: GraphQLFormattedError[] } {
  const entities: unknown[] = new Array(total).fill(null);
  const errors: GraphQLFormattedError[] = [];
  for (const { partition, entities: answered, errors: partErrors } of results) {
    if (answered) partition.indexes.forEach((original, local) => (entities[original] = answered[local] ?? null));
    for (const error of partErrors ?? []) {
      const path = error.path;
      const local = path?.[0] === '_entities' ? path[1] : undefined;
      if (path && typeof local === 'number' && partition.indexes[local] !== undefined) {
        errors.push({ ...error, path: ['_entities', partition.indexes[local], ...path.slice(2)] });
      } else {
        errors.push(error);
      }
    }
  }
  return { entities, errors };
}
