/**
 * Where a node's routes are, from the one URL the registry holds for it (its GraphQL
 * endpoint). A node may be served under a path prefix (`http://host/edge/graphql`),
 * so its other routes are siblings of /graphql (`http://host/edge/config`), never
 * paths at the host root: resolve them against the base, not against the origin.
 */

/**
 * The node's base URL: its GraphQL URL minus the last path segment, with no query
 * or fragment (they belong to the GraphQL endpoint, not to its siblings). A
 * trailing slash does not count as a segment: `http://host/edge/graphql/` has the
 * base `http://host/edge/`, like `http://host/edge/graphql`.
 */
export function nodeBaseUrl(graphqlUrl: string | URL): URL {
  const base = new URL(graphqlUrl);
  base.search = '';
  base.hash = '';
  base.pathname = base.pathname.replace(/[^/]*\/?$/, '');
  return base;
}

/**
 * The URL of one of the node's routes (`config`, `health`, `events`) under its base.
 * The route is relative on purpose: one with a leading slash would resolve at the
 * host root, the very mistake this module exists to avoid, so it is refused.
 */
export function nodeEndpoint(base: URL, route: string): URL {
  if (route.startsWith('/') || route.includes('?') || route.includes('#')) {
    throw new TypeError(`nodeEndpoint: route "${route}" must be a relative path without query (e.g. "config")`);
  }
  return new URL(route, base);
}
