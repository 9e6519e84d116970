/**
 * The OpenStack adapter's schemas and mappers against responses shaped exactly like
 * the published samples (test/fixtures/openstack/README.md says which), so the
 * parsers are checked against the real format and not only against our mock.
 * Expected values are the samples' own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeEndpointUrl } from '../../subgraphs/cloud-node/adapters/nova/catalog';
import { novaError } from '../../subgraphs/cloud-node/adapters/nova/errors';
import { linkPath } from '../../subgraphs/cloud-node/adapters/nova/links';
import { negotiate } from '../../subgraphs/cloud-node/adapters/nova/microversion';
import { serverList, toVmRecord, tokenBody, versionDocument, zoneList } from '../../subgraphs/cloud-node/adapters/nova/schemas';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'openstack', name), 'utf8'));

describe('Keystone token response (api-ref project-scoped sample, two regions)', () => {
  const token = tokenBody.parse(fixture('keystone-token-project-scoped.json')).token;
  const base = 'a6944d763bf64ee6a275f1263fae0352';

  it('parses the expiry and the catalog', () => {
    expect(Date.parse(token.expires_at)).toBe(Date.parse('2015-11-07T02:58:43.578Z'));
    expect(token.catalog.map((s) => s.type)).toEqual(['identity', 'compute_legacy', 'compute', 'image']);
  });

  it('picks the compute endpoint by region and interface, never compute_legacy', () => {
    expect(computeEndpointUrl(token.catalog, undefined, 'public')).toBe(`http://23.253.248.171:8774/v2.1/${base}`);
    expect(computeEndpointUrl(token.catalog, 'RegionOne', 'internal')).toBe(`http://23.253.248.171:8774/v2.1/${base}`);
    expect(computeEndpointUrl(token.catalog, 'RegionTwo', 'public')).toBe(`http://104.130.22.17:8774/v2.1/${base}`);
    expect(computeEndpointUrl(token.catalog, 'RegionTwo', 'internal')).toBe(`http://10.0.2.17:8774/v2.1/${base}`);
    expect(computeEndpointUrl(token.catalog, 'RegionTwo', 'admin')).toBeUndefined();
    expect(computeEndpointUrl(token.catalog, 'RegionThree', 'public')).toBeUndefined();
  });

  it('falls back to the legacy region when region_id is absent', () => {
    const legacy = token.catalog.map((s) => ({ ...s, endpoints: s.endpoints.map(({ region_id: _dropped, ...e }) => e) }));
    expect(computeEndpointUrl(legacy, 'RegionTwo', 'public')).toBe(`http://104.130.22.17:8774/v2.1/${base}`);
  });
});

describe('Nova servers detail (v2.73 sample with servers_links)', () => {
  const page = serverList.parse(fixture('nova-servers-detail.json'));

  it('maps the server, sized by its embedded flavor', () => {
    expect(page.servers.map(toVmRecord)).toEqual([
      {
        id: '2ce4c5b3-2866-4972-93ce-77a2ea46a7f9',
        name: 'new-server-test',
        vdcId: 'nova',
        powerState: 'POWERED_ON',
        cpuCount: 1,
        memoryMb: 512,
      },
    ]);
  });

  it('follows the next link on the catalog endpoint, keeping or restoring its path prefix', () => {
    const next = page.servers_links!.find((l) => l.rel === 'next')!.href;
    const query = '?limit=1&marker=2ce4c5b3-2866-4972-93ce-77a2ea46a7f9';
    const project = '6f70656e737461636b20342065766572';
    expect(linkPath(next, new URL(`http://openstack.example.com/v2.1/${project}`))).toBe(`/v2.1/${project}/servers/detail${query}`);
    // Behind a gateway publishing nova at /compute: nova's link lacks the prefix.
    expect(linkPath(next, new URL(`https://api.example/compute/v2.1/${project}`))).toBe(`/compute/v2.1/${project}/servers/detail${query}`);
  });
});

describe('Nova v2.1 version document', () => {
  it('gives the microversion range the adapter negotiates from', () => {
    const { version } = versionDocument.parse(fixture('nova-version-v21.json'));
    expect(version).toEqual({ id: 'v2.1', version: '2.55', min_version: '2.1' });
    expect(negotiate(version.version, version.min_version)).toBe('2.55');
  });
});

describe('Nova availability zones', () => {
  it('lists the zone names', () => {
    expect(zoneList.parse(fixture('nova-availability-zone-list.json')).availabilityZoneInfo.map((z) => z.zoneName)).toEqual(['nova']);
  });
});

describe('Nova fault bodies', () => {
  it('itemNotFound is NOT_FOUND', () => {
    expect(novaError({ status: 404, headers: {}, body: fixture('nova-item-not-found.json') }, { subject: 'Server x' })).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
    });
  });

  it('computeFault 500 on a power action is CLOUD_OPERATION_FAILED, without its text', () => {
    const err = novaError({ status: 500, headers: {}, body: fixture('nova-compute-fault.json') }, { subject: 'Server x', action: true });
    expect(err).toMatchObject({ code: 'CLOUD_OPERATION_FAILED', status: 500 });
    expect(err.message).not.toMatch(/Unexpected|oslo/);
  });

  it('computeFault 500 on a read is UPSTREAM_ERROR: nothing was operated on', () => {
    const err = novaError({ status: 500, headers: {}, body: fixture('nova-compute-fault.json') }, { subject: 'server list' });
    expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', status: 500 });
    expect(err.message).not.toMatch(/Unexpected|oslo/);
  });
});
