/**
 * Paging a listing whose server caps the page size silently (Cloud Director's query
 * service and cloudapi, the operations manager's resources): the first page tells
 * how many pages there are, and at which size to ask for the others.
 */

/** What paging needs of a first page: how many match, the page size it says it used, how many it holds. */
export interface FirstPage {
  total: number;
  pageSize: number;
  count: number;
}

/**
 * How many pages, and at which size to ask for the others. Normally the page size
 * the server says it used. But some servers echo the requested `pageSize` while
 * serving fewer (their own cap): the next pages at the echoed size would then skip
 * records. A first page shorter than its `pageSize` while `total` says more shows
 * the size really served: pages are counted, and asked for, at that.
 */
export function pagingOf({ total, pageSize, count }: FirstPage): { pages: number; size: number } {
  const size = count > 0 && count < pageSize && count < total ? count : pageSize;
  return { pages: Math.ceil(total / size), size };
}
