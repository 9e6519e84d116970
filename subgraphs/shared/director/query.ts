/**
 * Reading Cloud Director collections whole: the legacy query service
 * (`/api/query?type=...&format=records`, FIQL `filter`) and cloudapi lists. We ask
 * for 128 items a page, but a cell hands out at most its configured maximum
 * (`restapi.queryservice.maxPageSize`, lowered by some providers) without saying
 * so except in the answer's `pageSize` (or, on some cells, not even there): the
 * pages are counted from the first page, then fetched in parallel at the size the
 * cell served (../paging.ts).
 */
import { z } from 'zod';
import { directorAnswers } from './errors';
import type { DirectorSession } from './session';
import { pagingOf, type FirstPage } from '../paging';

/** The page size we ask for: the largest either API half serves by default. */
export const PAGE_SIZE = 128;
/** Ids per query filter: ~3 KB of URL, well inside proxy limits, and under one page. */
export const FILTER_CHUNK = 50;

/** FIQL `(attr==a,attr==b,...)`; callers pass values that cannot contain FIQL syntax (validated URNs). */
export function anyOf(attr: string, values: readonly string[]): string {
  return `(${values.map((v) => `${attr}==${v}`).join(',')})`;
}

/** Page 1 at `PAGE_SIZE`, then pages 2.. in parallel at the size the cell served (pagingOf). */
async function allPages<P>(page: (n: number, size: number) => Promise<P>, first: (p: P) => FirstPage): Promise<P[]> {
  const head = await page(1, PAGE_SIZE);
  const { pages, size } = pagingOf(first(head));
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2, size)));
  return [head, ...rest];
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

/** A query-service page (`QueryResultRecords`): how many match, the page size used, one page of records. */
export function queryPageSchema<R>(record: z.ZodType<R>) {
  return z.object({
    total: z.number().int().nonnegative(),
    pageSize: z.number().int().positive(),
    record: z.array(record).nullish(),
  });
}

/** Every record of a query: one request per page the cell serves. */
export async function queryRecords<R>(session: DirectorSession, spec: QuerySpec<R>): Promise<R[]> {
  const answer = queryPageSchema(spec.record);
  const page = async (n: number, size: number) => {
    const params = new URLSearchParams({ type: spec.type, format: 'records', page: String(n), pageSize: String(size) });
    if (spec.filter !== undefined) params.set('filter', spec.filter);
    const res = await session.call({ method: 'GET', path: `/api/query?${params}` }, { subject: spec.subject });
    return directorAnswers.parse(answer, res.body, spec.subject);
  };
  const pages = await allPages(page, (p) => ({ total: p.total, pageSize: p.pageSize, count: p.record?.length ?? 0 }));
  return pages.flatMap((p) => p.record ?? []);
}

/**
 * A cloudapi collection page: `resultTotal` and `pageSize` as the cell counted them
 * (its `pageCount` is read from those, so a cell echoing the asked size is caught alike).
 */
export function cloudapiPageSchema<V>(value: z.ZodType<V>) {
  return z.object({
    resultTotal: z.number().int().nonnegative(),
    pageSize: z.number().int().positive(),
    values: z.array(value),
  });
}

/** Every value of a cloudapi collection (`/cloudapi/1.0.0/vdcs`, ...): one request per page the cell serves. */
export async function cloudapiList<V>(session: DirectorSession, path: string, value: z.ZodType<V>, subject: string): Promise<V[]> {
  const answer = cloudapiPageSchema(value);
  const page = async (n: number, size: number) => {
    const res = await session.call({ method: 'GET', path: `${path}?page=${n}&pageSize=${size}` }, { subject });
    return directorAnswers.parse(answer, res.body, subject);
  };
  const pages = await allPages(page, (p) => ({ total: p.resultTotal, pageSize: p.pageSize, count: p.values.length }));
  return pages.flatMap((p) => p.values);
}
