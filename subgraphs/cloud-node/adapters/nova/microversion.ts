/**
 * The compute microversion to speak: the highest the cloud offers up to the one the
 * adapter is written against (2.79), and never below 2.47, which embeds the flavor
 * (vcpus, ram) in servers. Clouds older than Train top out below 2.79 and answer 406
 * to anything higher, hence the negotiation from the endpoint's version document.
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { compareVersions, parseVersion, showVersion, type VersionNumber } from '../../../shared/versionNumbers';

/** What the adapter is written against. */
const WANTED: VersionNumber = { major: 2, minor: 79 };
/** The embedded flavor appears in 2.47. */
const NEEDED: VersionNumber = { major: 2, minor: 47 };

/** True when `raw` is a microversion the adapter can read the answers of (2.47 or later). */
export const isUsable = (raw: string): boolean => {
  const v = parseVersion(raw);
  return v !== undefined && compareVersions(v, NEEDED) >= 0;
};

/** The microversion to send, from the version document's `version` (max) and `min_version`; throws when none fits. */
export function negotiate(max: string, min: string): string {
  // A v2.0 endpoint (no microversions) says "" for both.
  const offered = parseVersion(max);
  if (offered === undefined || compareVersions(offered, NEEDED) < 0) {
    const upTo = offered === undefined ? 'no microversions' : `microversions up to ${showVersion(offered)}`;
    throw new CloudApiError(
      ErrorCode.UPSTREAM_ERROR,
      `OpenStack compute offers ${upTo}; microversion ${showVersion(NEEDED)} or later is needed`,
    );
  }
  const chosen = compareVersions(offered, WANTED) < 0 ? offered : WANTED;
  const lowest = parseVersion(min);
  if (lowest !== undefined && compareVersions(lowest, chosen) > 0) {
    throw new CloudApiError(
      ErrorCode.UPSTREAM_ERROR,
      `OpenStack compute needs microversion ${showVersion(lowest)} or later; the adapter speaks up to ${showVersion(WANTED)}`,
    );
  }
  return showVersion(chosen);
}
