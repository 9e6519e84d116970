/**
 * API versions as a cell names them: the versions this mock can offer, and the one
 * a request names in its Accept header, which a cell answers with in Content-Type
 * (`application/json;version=37.0` for a request naming 37.0).
 */
import type { FastifyRequest } from 'fastify';

/** The version a cell of this mock offers at most by default, and answers with when a request names none. */
export const API_VERSION = '38.0';
/** Versions a cell of this mock can offer, oldest first; a cell offers them up to its maximum. */
const KNOWN_VERSIONS: readonly string[] = ['36.0', '37.0', '37.1', '37.2', '38.0', '38.1', '39.0', '39.1'];

/** The known versions up to `max` (a 10.4 cell: up to 37.x). */
export function versionsUpTo(max: string): readonly string[] {
  const [maxMajor = 0, maxMinor = 0] = max.split('.').map(Number);
  return KNOWN_VERSIONS.filter((v) => {
    const [major = 0, minor = 0] = v.split('.').map(Number);
    return major < maxMajor || (major === maxMajor && minor <= maxMinor);
  });
}

/** Each media range of an Accept header, in lower case: its type and the `version=` it names, if any. */
export function mediaRanges(accept: string | undefined): Array<{ type: string; version: string | undefined }> {
  return (accept ?? '').split(',').map((range) => {
    const [type = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    return { type, version: params.find((p) => p.startsWith('version='))?.slice('version='.length) };
  });
}

/** The version `request` named (the first range naming one), else API_VERSION: what an answer's Content-Type says. */
export function versionOf(request: FastifyRequest): string {
  return mediaRanges(request.headers.accept).find((r) => r.version)?.version ?? API_VERSION;
}
