/**
 * Where to send a `servers_links` next link. Links are absolute; only their path and
 * query are used, always on the catalog's compute origin, so the token never goes to
 * a host the catalog did not name. Behind a path-routing proxy (catalog endpoint
 * `https://api.example/compute/v2.1`, nova seeing `/v2.1`), nova builds links from
 * the path it received unless `[api] compute_link_prefix` is set: the proxy's prefix
 * is lost and the next page would be a 404.
 */

/** The path and query to request on the compute endpoint `endpoint` for the link `href`. */
export function linkPath(href: string, endpoint: URL): string {
  const link = new URL(href);
  const base = endpoint.pathname.replace(/\/$/, '');
  const under = (prefix: string): boolean => link.pathname === prefix || link.pathname.startsWith(`${prefix}/`);
  if (base === '' || under(base)) return link.pathname + link.search;
  // The longest tail of the endpoint's path the link starts with is what nova saw: put the prefix back.
  const segments = base.split('/').filter(Boolean);
  for (let i = 1; i < segments.length; i++) {
    const tail = `/${segments.slice(i).join('/')}`;
    if (under(tail)) return base + link.pathname.slice(tail.length) + link.search;
  }
  return link.pathname + link.search;
}
