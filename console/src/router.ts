/**
 * Hash routes (`#/vms/<id>?…`): the console is one static page, and the fragment is
 * never sent to the server. `href()` builds a route; `useRoute()` follows the current one.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** Decoded path segments: `#/vms/dc-east%3Avm-1` → ['vms', 'dc-east:vm-1']. */
  path: string[];
  query: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

/** `#/a/b?x=1`; query entries that are undefined or empty are left out. */
export function href(path: readonly string[], query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`;
}

export function navigate(to: string): void {
  location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
