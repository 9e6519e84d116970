/**
 * `GET /cloudapi/1.0.0/virtualCenters`: the vCenters registered with the cell, as
 * `VCenterServer` values (`vcId` = the director's `urn:vcloud:vimserver:<uuid>`,
 * `uuid` = vCenter's own instance uuid). An adminVM record names its vCenter by a
 * vimServer href; this list turns that into the instance uuid that the metrics
 * application knows the VM's vCenter by. Paged like every cloudapi collection.
 */
import type { FastifyInstance } from 'fastify';
import type { SeedCloud, SeedVcenter } from '../seed';
import { API_VERSION, sendCloudapiError } from './errors';

/** The largest page a cloudapi collection serves. */
const MAX_PAGE_SIZE = 128;
const DEFAULT_PAGE_SIZE = 25;

function render(vc: SeedVcenter): unknown {
  return {
    vcId: vc.vimServerId,
    name: vc.name,
    description: '',
    username: 'administrator@vsphere.local',
    password: null,
    url: `https://${vc.name}.example.com`,
    isEnabled: true,
    vsphereWebClientServerUrl: null,
    hasProxy: false,
    rootFolder: null,
    vcNoneNetwork: null,
    tenantVisibleName: null,
    isConnected: true,
    mode: 'IAAS',
    listenerState: 'CONNECTED',
    clusterHealthStatus: 'GREEN',
    vcVersion: '8.0.2',
    buildNumber: '22385739',
    uuid: vc.instanceUuid,
    nsxVManager: null,
    proxyConfigurationUrn: null,
  };
}

/** Register `GET /cloudapi/1.0.0/virtualCenters`. */
export function registerVirtualCenters(app: FastifyInstance, cloud: SeedCloud): void {
  app.get('/cloudapi/1.0.0/virtualCenters', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const page = Number(query.page ?? 1);
    const requested = Number(query.pageSize ?? DEFAULT_PAGE_SIZE);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(requested) || requested < 1 || requested > MAX_PAGE_SIZE) {
      return sendCloudapiError(reply, 400, 'BAD_REQUEST', `page must be positive and pageSize between 1 and ${MAX_PAGE_SIZE}`);
    }
    const all = cloud.vcenters ?? [];
    return reply.type(`application/json;version=${API_VERSION}`).send({
      resultTotal: all.length,
      pageCount: Math.ceil(all.length / requested),
      page,
      pageSize: requested,
      associations: null,
      values: all.slice((page - 1) * requested, page * requested).map(render),
    });
  });
}
