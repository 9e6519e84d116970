/**
 * `major.minor` API versions as the clouds write them (Director `37.2`, Nova
 * microversions `2.79`), compared as numbers: `2.100` is after `2.79`.
 */
export interface VersionNumber {
  major: number;
  minor: number;
}

/** `37.2` as {37, 2}; `undefined` for anything else (alpha builds, `""`, garbage). */
export function parseVersion(raw: string): VersionNumber | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(raw);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** Negative, 0 or positive as `a` is before, equal to or after `b`. */
export function compareVersions(a: VersionNumber, b: VersionNumber): number {
  return a.major - b.major || a.minor - b.minor;
}

export function showVersion(v: VersionNumber): string {
  return `${v.major}.${v.minor}`;
}
