/**
 * The compute microversion to speak: the highest the cloud offers up to the one the
 * adapter is written against (2.79), and never below 2.47, which embeds the flavor
 * (vcpus, ram) in servers. Clouds older than Train top out below 2.79 and answer 406
 * to anything higher, hence the negotiation from the endpoint's version document.
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';

interface Version {
  major: number;
  minor: number;
}

/** What the adapter is written against. */
const WANTED: Version = { major: 2, minor: 79 };
/** The embedded flavor appears in 2.47. */
export const NEEDED: Version = { major: 2, minor: 47 };

const parse = (raw: string): Version | undefined => {
  const match = /^(\d+)\.(\d+)$/.exec(raw);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
};
const compare = (a: Version, b: Version): number => a.major - b.major || a.minor - b.minor;
const show = (v: Version): string => `${v.major}.${v.minor}`;

/** True when `raw` is a microversion the adapter can read the answers of (2.47 or later). */
export const isUsable = (raw: string): boolean => {
  const v = parse(raw);
  return v !== undefined && compare(v, NEEDED) >= 0;
};

/** The microversion to send, from the version document's `version` (max) and `min_version`; throws when none fits. */
export function negotiate(max: string, min: string): string {
  // A v2.0 endpoint (no microversions) says "" for both.
  const offered = parse(max);
  if (offered === undefined || compare(offered, NEEDED) < 0) {
    const upTo = offered === undefined ? 'no microversions' : `microversions up to ${show(offered)}`;
    throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `OpenStack compute offers ${upTo}; microversion ${show(NEEDED)} or later is needed`);
  }
  const chosen = compare(offered, WANTED) < 0 ? offered : WANTED;
  const lowest = parse(min);
  if (lowest !== undefined && compare(lowest, chosen) > 0) {
    throw new CloudApiError(
      ErrorCode.UPSTREAM_ERROR,
      `OpenStack compute needs microversion ${show(lowest)} or later; the adapter speaks up to ${show(WANTED)}`,
    );
  }
  return show(chosen);
}
