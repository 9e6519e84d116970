/**
 * The gateway's one rule for ids in arguments, on every path (HTTP fields the
 * gateway answers itself, subscription arguments): the format is schema/ids.ts's,
 * and a malformed id is the caller's mistake, refused with BAD_USER_INPUT, never
 * treated as an id that happens not to exist. The messages are the ones a node gives
 * for the same mistake (subgraphs/shared/ids.ts), so both answers read alike.
 */
import { isCloudId, parseGlobalId } from '../schema/ids';

/**
 * Why `id` is not the id of an entity of `type` (`<cloudId>:<native id>`, the native
 * id non-empty: `"dc-east"` names a cloud, not a VM), or `undefined` when it is one.
 */
export function malformedEntityId(type: string, id: string): string | undefined {
  const parsed = parseGlobalId(id);
  return parsed && parsed.nativeId !== '' ? undefined : `"${id}" is not a ${type} id; expected "<cloudId>:<native id>"`;
}

/**
 * Why `id` is not a slug such as a cloudId or a tenant id (both `[a-z0-9-]`, see
 * schema/ids.ts and the tenant directory's configuration), or `undefined`.
 */
export function malformedSlug(what: string, id: string): string | undefined {
  return isCloudId(id) ? undefined : `"${id}" is not a valid ${what}; expected a slug of [a-z0-9-] such as "dc-east"`;
}
