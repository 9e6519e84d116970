/** Global ids as one node sees them: its own cloud's, or not its business. */
import { parseGlobalId, toGlobalId } from '../../schema/ids';
import { badUserInput, notFound } from './errors';

/**
 * The native id inside a global id of this node's cloud. Throws BAD_USER_INPUT for
 * a malformed id and NOT_FOUND for another cloud's id (the gateway routes by cloudId,
 * so that only happens to a caller that bypasses it).
 */
export function ownNativeId(cloudId: string, type: string, id: string): string {
  const parsed = parseGlobalId(id);
  if (!parsed || parsed.nativeId === '') {
    throw badUserInput(`"${id}" is not a ${type} id; expected "<cloudId>:<native id>"`);
  }
  if (parsed.cloudId !== cloudId) throw notFound(type, id);
  return parsed.nativeId;
}

/** Like `ownNativeId` for entity references: `undefined` instead of an error (the entity is null). */
export function ownNativeIdOrUndefined(cloudId: string, id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const parsed = parseGlobalId(id);
  return parsed && parsed.cloudId === cloudId && parsed.nativeId !== '' ? parsed.nativeId : undefined;
}

export { toGlobalId };
