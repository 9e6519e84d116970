/**
 * `GET /cloudapi/1.0.0/virtualCenters`: the vCenters registered with the cell, as
 * `VCenterServer` values (`vcId` = the director's `urn:vcloud:vimserver:<uuid>`,
 * `uuid` = vCenter's own instance uuid). An adminVM record names its vCenter by a
 * vimServer href; this list turns that into the instance uuid that the metrics
 * application knows the VM's vCenter by. Paged (and filtered) like every cloudapi
 * collection (cloudapi.ts `sendPage`).
 */
import type { FastifyInstance } from 'fastify';
import type { SeedCloud, SeedVcenter } from '../seed';
import { sendPage, type Paging } from './cloudapi';
import type { FieldSpec } from './fiql';

const fields: Record<string, FieldSpec<SeedVcenter>> = {
  vcId: { get: (vc) => vc.vimServerId },
  name: { get: (vc) => vc.name },
};

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

/** Register `GET /cloudapi/1.0.0/virtualCenters`, paged as `paging` says. */
export function registerVirtualCenters(app: FastifyInstance, cloud: SeedCloud, paging: Readonly<Paging>): void {
  app.get('/cloudapi/1.0.0/virtualCenters', async (request, reply) =>
    sendPage(request, reply, paging, cloud.vcenters ?? [], fields, render),
  );
}
