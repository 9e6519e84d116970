/**
 * Transfers on the public surface: the role policy (templates and catalogs the
 * provider's; copies and moves for those who may power VMs), a node's import reports
 * as the gateway accepts them, and transfer task events on `taskProgress`: rendered
 * with their bytes, and never delivered to a tenant when they copy a template.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, type ExecutionResult } from 'graphql';
import { firstForbiddenField } from '../../gateway/auth/policy';
import { memoryBus } from '../../gateway/events/bus';
import { SubscriptionHub } from '../../gateway/events/hub';
import { parseNodeEvent } from '../../gateway/events/parseNodeEvent';
import type { InternalClient } from '../../gateway/internal/client';
import { prepareSubscription, resolveOperation } from '../../gateway/subscriptions/operation';
import type { NodeEvent, TaskSnapshot } from '../../schema/events';
import type { Principal, Role } from '../../schema/principal';
import { guard } from '../support/hub';
import { waitFor } from '../support/waitFor';

const schema = buildSchema(readFileSync(resolve(__dirname, '../../schema/generated/api.graphql'), 'utf8'));
const forbidden = (role: Role, document: string) => firstForbiddenField(schema, parse(document), role);

describe('the role policy for transfers and catalogs', () => {
  const providerOnly: Array<[string, string]> = [
    ['Mutation.copyTemplate', 'mutation { copyTemplate(input: { templateId: "a:t", targetCloudId: "b", targetCatalog: "c" }) { id } }'],
    ['Query.catalogs', '{ catalogs { id } }'],
    ['Query.catalog', '{ catalog(id: "catalog-1") { id } }'],
    ['Mutation.publishCatalog', 'mutation { publishCatalog(cloudId: "a", name: "c") { id } }'],
    ['Mutation.unpublishCatalog', 'mutation { unpublishCatalog(id: "catalog-1") }'],
    [
      'Mutation.subscribeCatalog',
      'mutation { subscribeCatalog(input: { catalogId: "catalog-1", cloudId: "b", targetCatalog: "t" }) { id } }',
    ],
    ['Mutation.unsubscribeCatalog', 'mutation { unsubscribeCatalog(id: "s") }'],
    ['Mutation.syncCatalog', 'mutation { syncCatalog(id: "catalog-1") { id } }'],
  ];

  it.each(providerOnly)('refuses every tenant role %s, and lets a provider administrator use it', (field, document) => {
    expect(forbidden('tenant-admin', document)).toBe(field);
    expect(forbidden('tenant-viewer', document)).toBe(field);
    expect(forbidden('provider-admin', document)).toBeUndefined();
  });

  const copy = 'mutation { copyVm(input: { vmId: "a:vm-1", targetVdcId: "b:vdc-1" }) { id } }';
  const move = 'mutation { moveVm(input: { vmId: "a:vm-1", targetVdcId: "b:vdc-1" }) { id } }';
  const cancel = 'mutation { cancelTransfer(id: "transfer-1") { id } }';
  const power = 'mutation { powerOnVm(id: "a:vm-1") { id } }';

  it.each([
    ['Mutation.powerOnVm', power],
    ['Mutation.copyVm', copy],
    ['Mutation.moveVm', move],
    ['Mutation.cancelTransfer', cancel],
  ])('lets those who may power a VM on use %s, and no viewer', (field, document) => {
    expect(forbidden('tenant-admin', document)).toBeUndefined();
    expect(forbidden('provider-admin', document)).toBeUndefined();
    expect(forbidden('tenant-viewer', document)).toBe(field);
  });

  it('lets tenants read their transfers, and no billing integration', () => {
    const read = '{ transfers { id progress { percent } } transfer(id: "transfer-1") { id } }';
    expect(forbidden('tenant-viewer', read)).toBeUndefined();
    expect(forbidden('billing', read)).toBe('Query.transfers');
  });
});

const report = {
  transferId: 'transfer-1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  phase: 'COPYING',
  checkpoint: { fileIndex: 1, offset: 4096, state: { session: 'x' } },
  bytesDone: 4096,
  bytesTotal: 8192,
  bytesSent: 4096,
  rateBytesPerSec: 100,
};
const base = { id: 'dc-west/cloud-node@e1#3', seq: 3, at: new Date(0).toISOString(), cloudId: 'dc-west' };

describe("a node's import reports", () => {
  it('are accepted with the contract fields only', () => {
    expect(parseNodeEvent({ ...base, kind: 'transfer', transfer: { ...report, secret: 'leak' } })).toEqual({
      ...base,
      kind: 'transfer',
      transfer: report,
    });
  });

  it('are refused when malformed', () => {
    expect(parseNodeEvent({ ...base, kind: 'transfer', transfer: { ...report, transferId: 'transfer-1' } })).toBeUndefined();
    expect(parseNodeEvent({ ...base, kind: 'transfer', transfer: { ...report, bytesDone: -1 } })).toBeUndefined();
  });

  it('cannot announce a transfer task: those are the gateway’s', () => {
    const task = { id: 'dc-west:t', operation: 'COPY_VM', vmId: 'dc-east:vm-1', state: 'RUNNING', progress: 0 };
    expect(parseNodeEvent({ ...base, kind: 'task', task })).toBeUndefined();
  });
});

describe('transfer task events on taskProgress', () => {
  const taskEvent = (task: Partial<TaskSnapshot>, id: string): NodeEvent => ({
    id,
    seq: 0,
    at: new Date(0).toISOString(),
    cloudId: 'dc-east',
    kind: 'task',
    task: {
      id: 'dc-east:transfer-1',
      operation: 'COPY_VM',
      vmId: 'dc-east:vm-1',
      state: 'RUNNING',
      progress: 50,
      transfer: { phase: 'COPYING', bytesDone: 4096, bytesTotal: 8192, percent: 50, rateBytesPerSec: 100 },
      ...task,
    },
  });
  const document = parse('subscription { p: taskProgress(taskId: "dc-east:transfer-1") { state bytes: transfer { percent phase } } }');
  const spec = () => {
    const op = resolveOperation(document, undefined);
    if (!('operation' in op)) throw op;
    const prepared = prepareSubscription(schema, document, op, {});
    if (Array.isArray(prepared)) throw prepared[0];
    return prepared;
  };
  const hubWith = () => {
    const client = { execute: async () => ({ data: { vmsByIds: [null] } }) } as unknown as InternalClient;
    return new SubscriptionHub(memoryBus(), guard, client, { gapGraceMs: 0 });
  };
  const acme: Principal = { subject: 'alice', role: 'tenant-admin', tenantId: 'acme' };
  const admin: Principal = { subject: 'ops', role: 'provider-admin' };

  it('render the transfer in the shape selected', () => {
    expect(spec().render(taskEvent({}, 'e1'), null)).toEqual({
      data: { p: { state: 'RUNNING', bytes: { percent: 50, phase: 'COPYING' } } },
    });
  });

  it("reach a tenant for its own VM's copy, and never for a template copy", async () => {
    const hub = hubWith();
    const mine = hub.subscribe({ principal: acme, ...spec() });
    const all = hub.subscribe({ principal: admin, ...spec() });
    hub.accept(taskEvent({ operation: 'COPY_TEMPLATE', vmId: 'dc-east:template-1' }, 'e1'));
    hub.accept(taskEvent({ state: 'SUCCEEDED' }, 'e2'));
    const first = (feed: typeof mine) => feed.next().then((r) => r.value as ExecutionResult);
    // The administrator hears both, in order; the tenant's first event is its VM's copy.
    expect(await first(all)).toMatchObject({ data: { p: { state: 'RUNNING' } } });
    expect(await first(all)).toMatchObject({ data: { p: { state: 'SUCCEEDED' } } });
    expect(await first(mine)).toMatchObject({ data: { p: { state: 'SUCCEEDED' } } });
    await waitFor('both events delivered', () => hub.stats.delivered === 3);
    hub.close();
  });
});
