/**
 * Which Cloud Director API version a session speaks. A cell answers 406 to every
 * request naming a version it does not offer, and each release offers a window
 * (10.4: up to 37.x, 10.5: 38.x, 10.6: 39.x), so unless one is configured the
 * client asks the cell (`GET /api/versions`, unauthenticated) and takes the highest
 * it offers within what this client was written against.
 */
import { z } from 'zod';
import { CloudApiError, ErrorCode } from '../cloudApiError';
import type { HttpClient } from '../http';
import { compareVersions, parseVersion, showVersion, type VersionNumber } from '../versionNumbers';
import { directorAnswers } from './errors';

/**
 * The versions this client speaks. 37.0 (VCD 10.4) is the oldest with every call
 * we make (cloudapi `sessions/provider` and `vdcs`, the adminVM query, VM power
 * actions, tasks); 39.1 (VCD 10.6.1) is the newest whose published reference we
 * checked those against. A newer cell still offers 39.1, so we never guess at one.
 */
const MIN_API_VERSION: VersionNumber = { major: 37, minor: 0 };
const MAX_API_VERSION: VersionNumber = { major: 39, minor: 1 };

/**
 * `SupportedVersions` in JSON: one `versionInfo` per offered version (`version`,
 * `loginUrl`, `deprecated`; older versions add `mediaTypeMapping`); we read the
 * version only. Versions like `40.0.0-alpha` appear on some cells: read as strings,
 * left out by parseVersion.
 */
export const supportedVersionsSchema = z.object({ versionInfo: z.array(z.object({ version: z.string() })) });

/** The highest version offered within [MIN_API_VERSION, MAX_API_VERSION], or `undefined`. */
export function pickVersion(offered: z.infer<typeof supportedVersionsSchema>): string | undefined {
  let best: VersionNumber | undefined;
  for (const info of offered.versionInfo) {
    const v = parseVersion(info.version);
    const inRange = v !== undefined && compareVersions(v, MIN_API_VERSION) >= 0 && compareVersions(v, MAX_API_VERSION) <= 0;
    if (inRange && (best === undefined || compareVersions(v, best) > 0)) best = v;
  }
  return best && showVersion(best);
}

/** Ask the cell which versions it offers and pick one; UPSTREAM_ERROR when none fits. */
export async function negotiateVersion(http: HttpClient): Promise<string> {
  // No version in Accept: the list is what tells us which one to name.
  const res = await http.request({ method: 'GET', path: '/api/versions', headers: { accept: 'application/*+json' } });
  if (res.status !== 200) {
    throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director answered ${res.status} for its API versions`, res.status);
  }
  const version = pickVersion(directorAnswers.parse(supportedVersionsSchema, res.body, 'API versions'));
  if (version === undefined) {
    throw new CloudApiError(
      ErrorCode.UPSTREAM_ERROR,
      `Cloud Director offers no API version between ${showVersion(MIN_API_VERSION)} and ${showVersion(MAX_API_VERSION)}`,
    );
  }
  return version;
}

/** The Accept header for `path` at `version`: cloudapi speaks `application/json`, the legacy `/api` its `+json` media types. */
export function acceptFor(path: string, version: string): string {
  return path.startsWith('/cloudapi/') ? `application/json;version=${version}` : `application/*+json;version=${version}`;
}
