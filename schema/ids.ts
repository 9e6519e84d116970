/**
 * Global ids: `<cloudId>:<native id>`. The cloudId is a slug; the native id is the
 * cloud's own and may contain colons itself (Director URNs do), so we split at the
 * first colon only. An id without a colon names a cloud.
 */

const CLOUD_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface GlobalId {
  cloudId: string;
  /** Empty for an id that names a cloud. */
  nativeId: string;
}

export function isCloudId(value: string): boolean {
  return CLOUD_ID.test(value);
}

/** Parse a global id; `undefined` when it is malformed (no valid cloudId before the first colon). */
export function parseGlobalId(id: string): GlobalId | undefined {
  const colon = id.indexOf(':');
  const cloudId = colon === -1 ? id : id.slice(0, colon);
  const nativeId = colon === -1 ? '' : id.slice(colon + 1);
  if (!isCloudId(cloudId)) return undefined;
  if (colon !== -1 && nativeId === '') return undefined;
  return { cloudId, nativeId };
}

export function toGlobalId(cloudId: string, nativeId: string): string {
  return `${cloudId}:${nativeId}`;
}
