/**
 * One CLOUD_UNAVAILABLE per cloud in an `_entities` answer. A node whose cloud API is
 * down fails each entity it was asked for on its own (its loaders do), so a page of
 * 50 VMs of that cloud would carry 50 copies of one outage; the client needs one,
 * naming the cloud. Every other error (a VM not found, a conflict) stays as it is.
 */
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors';

export function oneUnavailablePerCloud(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const seen = new Set<unknown>();
  return errors.filter((error) => {
    if (error.extensions?.code !== ErrorCode.CLOUD_UNAVAILABLE) return true;
    const cloudId = error.extensions.cloudId;
    if (seen.has(cloudId)) return false;
    seen.add(cloudId);
    return true;
  });
}
