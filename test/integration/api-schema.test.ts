/** One API schema on both paths: the feeds are in it over HTTP too, and only WebSocket runs them. */
import { startTopology, type Topology } from '../support/topology';

describe('the API schema', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology({ watchIntervalMs: 0 });
  });
  afterAll(() => topology.close());

  it('shows the subscription feeds to introspection over HTTP', async () => {
    const res = await topology.query<{ __schema: { subscriptionType: { fields: Array<{ name: string }> } | null } }>(
      '{ __schema { subscriptionType { fields { name } } } }',
    );
    expect(res.data!.__schema.subscriptionType?.fields.map((f) => f.name).sort()).toEqual(['nodeStatus', 'taskProgress', 'vmEvents']);
  });

  it('refuses a subscription sent over HTTP as a client mistake (400), naming the WebSocket path', async () => {
    const res = await topology.query('subscription { nodeStatus { status } }');
    expect({ status: res.status, codes: res.errors?.map((e) => e.extensions?.code) }).toEqual({ status: 400, codes: ['BAD_USER_INPUT'] });
    expect(res.errors![0]!.message).toContain('WebSocket');
  });
});
