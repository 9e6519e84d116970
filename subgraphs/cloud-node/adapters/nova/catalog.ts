/**
 * The compute and image endpoints from a Keystone token's service catalog. Multi-region clouds
 * list one compute endpoint per region and interface; the wrong one means another
 * region's servers, or a network the node cannot reach.
 */

export interface CatalogService {
  type: string;
  endpoints: { interface: string; region_id?: string | null; region?: string | null; url: string }[];
}

/** `region_id`, or the legacy `region` of keystones before Mitaka. */
const regionOf = (e: CatalogService['endpoints'][number]): string | undefined => e.region_id ?? e.region ?? undefined;

/**
 * The URL of the compute endpoint with interface `iface` in `region`; with no region
 * configured, in the region of the first compute endpoint listed (the only one, on
 * single-region clouds). Undefined when the catalog has none.
 */
export function computeEndpointUrl(catalog: readonly CatalogService[], region: string | undefined, iface: string): string | undefined {
  return endpointUrl(catalog, 'compute', region, iface);
}

/**
 * The URL of the `type` endpoint (`compute`, `image`) with interface `iface` in
 * `region`; with no region configured, in the region of the first endpoint of that
 * type listed. Undefined when the catalog has none.
 */
export function endpointUrl(
  catalog: readonly CatalogService[],
  type: string,
  region: string | undefined,
  iface: string,
): string | undefined {
  const endpoints = catalog.filter((service) => service.type === type).flatMap((service) => service.endpoints);
  const wanted = region ?? endpoints.map(regionOf).find((r) => r !== undefined);
  return endpoints.find((e) => e.interface === iface && (wanted === undefined || regionOf(e) === wanted))?.url;
}

/**
 * The image endpoint: in the configured region, else in the compute endpoint's, so
 * that images and servers are the same region's (the first image endpoint listed
 * may be another region's).
 */
export function imageEndpointUrl(catalog: readonly CatalogService[], region: string | undefined, iface: string): string | undefined {
  const compute = catalog.filter((service) => service.type === 'compute').flatMap((service) => service.endpoints);
  return endpointUrl(catalog, 'image', region ?? compute.map(regionOf).find((r) => r !== undefined), iface);
}
