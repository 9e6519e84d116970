import { startTopology, type Topology } from '../support/topology';
import { globalId } from '../support/expected';

const CLOUDS_WITH_VDCS = '{ clouds { id vdcs { id } } }';

describe('one failing cloud gives partial data plus an error naming it', () => {
  describe('a node that is down', () => {
    let topology: Topology;
    beforeAll(async () => {
      topology = await startTopology();
      await topology.cloud('nova-eu').node.close();
    });
    afterAll(() => topology.close());

    it('leaves its cloud out of a fan-out, with one CLOUD_UNAVAILABLE error', async () => {
      const res = await topology.query<{ clouds: Array<{ id: string; vdcs: unknown[] }> }>(CLOUDS_WITH_VDCS);
      expect(res.status).toBe(200);
      expect(res.data!.clouds.map((c) => [c.id, c.vdcs.length]).sort()).toEqual(
        topology.seed.clouds
          .filter((c) => c.id !== 'nova-eu')
          .map((c) => [c.id, c.vdcs.length])
          .sort(),
      );
      expect(res.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: 'nova-eu' }) }),
      ]);
    });

    it('nulls only its own entities in a cross-cloud entity fetch', async () => {
      const dc = topology.seed.clouds.find((c) => c.id === 'dc-east')!;
      const nova = topology.seed.clouds.find((c) => c.id === 'nova-eu')!;
      const ids = [globalId(nova, nova.vms[0]!.nativeId), globalId(dc, dc.vms[0]!.nativeId)];
      const res = await topology.query('query($ids: [ID!]!) { vmsByIds(ids: $ids) { id name } }', { ids });
      expect(res.data).toEqual({
        vmsByIds: [
          { id: ids[0], name: null },
          { id: ids[1], name: dc.vms[0]!.name },
        ],
      });
      expect(res.errors).toEqual([
        expect.objectContaining({
          path: ['vmsByIds', 0],
          extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: 'nova-eu' }),
        }),
      ]);
    });

    it('answers CLOUD_UNAVAILABLE for a field routed to it', async () => {
      const nova = topology.seed.clouds.find((c) => c.id === 'nova-eu')!;
      const res = await topology.query('query($id: ID!) { vm(id: $id) { name } }', { id: globalId(nova, nova.vms[1]!.nativeId) });
      expect(res.data).toEqual({ vm: null });
      expect(res.errors).toEqual([
        expect.objectContaining({ path: ['vm'], extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: 'nova-eu' }) }),
      ]);
    });
  });

  describe('a cloud whose API is down behind a live node', () => {
    let topology: Topology;
    beforeAll(async () => {
      topology = await startTopology();
    });
    afterAll(() => topology.close());

    const listClouds = () => topology.query<{ clouds: Array<{ id: string; vdcs: unknown[] | null }> }>(CLOUDS_WITH_VDCS);
    const unavailable = [
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: 'vcd-nl' }) }),
    ];

    it('still lists the cloud, with null VDCs and one CLOUD_UNAVAILABLE error', async () => {
      topology.cloud('vcd-nl').mock.setFaults({ down: true });
      try {
        const res = await listClouds();
        const byId = new Map(res.data!.clouds.map((c) => [c.id, c.vdcs]));
        expect([...byId.keys()].sort()).toEqual(topology.seed.clouds.map((c) => c.id).sort());
        expect(byId.get('vcd-nl')).toBeNull();
        for (const cloud of topology.seed.clouds.filter((c) => c.id !== 'vcd-nl'))
          expect(byId.get(cloud.id)).toHaveLength(cloud.vdcs.length);
        expect(res.errors).toEqual(unavailable);
      } finally {
        topology.cloud('vcd-nl').mock.setFaults({ down: false });
      }
    });

    it('recovers once the cloud is back', async () => {
      topology.cloud('vcd-nl').mock.setFaults({ down: true });
      try {
        expect((await listClouds()).errors).toEqual(unavailable);
      } finally {
        topology.cloud('vcd-nl').mock.setFaults({ down: false });
      }
      const res = await listClouds();
      expect(res.errors).toBeUndefined();
      expect(res.data!.clouds.find((c) => c.id === 'vcd-nl')!.vdcs).toHaveLength(
        topology.seed.clouds.find((c) => c.id === 'vcd-nl')!.vdcs.length,
      );
    });
  });

  describe('a node slower than the gateway waits', () => {
    let topology: Topology;
    beforeAll(async () => {
      // The node waits for its cloud longer than the gateway waits for the node.
      topology = await startTopology({ nodeTimeoutMs: 300, cloudTimeoutMs: 10_000 });
      topology.cloud('dc-east').mock.setFaults({ latencyMs: 1500 });
    });
    afterAll(async () => {
      topology.cloud('dc-east').mock.setFaults({ latencyMs: 0 });
      await topology.close();
    });

    it('is given up on after the bounded timeout: partial data and CLOUD_UNAVAILABLE', async () => {
      const res = await topology.query<{ clouds: Array<{ id: string }> }>(CLOUDS_WITH_VDCS);
      expect(res.data!.clouds.map((c) => c.id).sort()).toEqual(
        topology.seed.clouds
          .filter((c) => c.id !== 'dc-east')
          .map((c) => c.id)
          .sort(),
      );
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('no answer within 300 ms'),
          extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: 'dc-east' }),
        }),
      ]);
    });
  });
});
