/**
 * Reading Cloud Director collections whole: the legacy query service
 * (`/api/query?type=...&format=records`, FIQL `filter`) and cloudapi lists. Both
 * serve at most 128 items a page, so a list costs one request per 128 items: the
 * first page says how many there are, the others are fetched in parallel.
 */
import { z } from 'zod';
import { directorAnswers } from './errors';
import { CLOUDAPI_ACCEPT, LEGACY_ACCEPT, type DirectorSession } from './session';

/** The largest page both API halves serve. */
export const PAGE_SIZE = 128;
/** Ids per query filter: ~3 KB of URL, well inside proxy limits, and under one page. */
export const FILTER_CHUNK = 50;

/** FIQL `(attr==a,attr==b,...)`; callers pass values that cannot contain FIQL syntax (validated URNs). */
export function anyOf(attr: string, values: readonly string[]): string {
  return `(${values.map((v) => `${attr}==${v}`).join(',')})`;
}

/** Page 1, then pages 2..`pages` in parallel. */
async function allPages<P>(page: (n: number) => Promise<P>, pageCount: (first: P) => number): Promise<P[]> {
  const first = await page(1);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pageCount(first) - 1) }, (_, i) => page(i + 2)));
  return [first, ...rest];
}

export interface QuerySpec<R> {
  /** Query type, e.g. `adminVM`, `adminOrgVdc`, `organization`, `providerVdc`. */
  type: string;
  /** FIQL filter; every record of the type when omitted. */
  filter?: string;
  /** Schema of one record: the fields the caller reads. */
  record: z.ZodType<R>;
  /** Names the list in error messages, e.g. `VM query`. */
  subject: string;
}

/** Every record of a query: one request per 128 records. */
export async function queryRecords<R>(session: DirectorSession, spec: QuerySpec<R>): Promise<R[]> {
  const answer = z.object({ total: z.number().int().nonnegative(), record: z.array(spec.record).optional() });
  const page = async (n: number) => {
    const params = new URLSearchParams({ type: spec.type, format: 'records', page: String(n), pageSize: String(PAGE_SIZE) });
    if (spec.filter !== undefined) params.set('filter', spec.filter);
    const res = await session.call(
      { method: 'GET', path: `/api/query?${params}`, headers: { accept: LEGACY_ACCEPT } },
      { subject: spec.subject },
    );
    return directorAnswers.parse(answer, res.body, spec.subject);
  };
  const pages = await allPages(page, (first) => Math.ceil(first.total / PAGE_SIZE));
  return pages.flatMap((p) => p.record ?? []);
}

/** Every value of a cloudapi collection (`/cloudapi/1.0.0/vdcs`, ...): one request per 128 values. */
export async function cloudapiList<V>(session: DirectorSession, path: string, value: z.ZodType<V>, subject: string): Promise<V[]> {
  const answer = z.object({ pageCount: z.number().int().nonnegative(), values: z.array(value) });
  const page = async (n: number) => {
    const res = await session.call(
      { method: 'GET', path: `${path}?page=${n}&pageSize=${PAGE_SIZE}`, headers: { accept: CLOUDAPI_ACCEPT } },
      { subject },
    );
    return directorAnswers.parse(answer, res.body, subject);
  };
  const pages = await allPages(page, (first) => first.pageCount);
  return pages.flatMap((p) => p.values);
}
