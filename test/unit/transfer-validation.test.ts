/**
 * Validation of copies and moves before any byte moves (gateway/transfers/validation.ts):
 * ids, clouds, isolation (a foreign VM or VDC answered exactly as a nonexistent one,
 * and no node asked about it), a running source its cloud cannot export, and the
 * destination's verdict. The nodes are stand-ins that record what they were asked.
 */
import { GraphQLError } from 'graphql';
import type { AccessGuard } from '../../gateway/isolation/guard';
import type { NodeInstance } from '../../gateway/registry';
import { NodeRouteError, type NodeRoutes } from '../../gateway/transfers/nodeRoutes';
import type { TransferSpec } from '../../gateway/transfers/types';
import { validateTransfer, type ValidationDeps } from '../../gateway/transfers/validation';
import { parseGlobalId } from '../../schema/ids';
import { SYSTEM_PRINCIPAL, type Principal } from '../../schema/principal';
import type { CheckAnswer, InspectAnswer } from '../../schema/transfers';

/** acme owns dc-east and dc-west whole; globex owns nova-eu. */
const OWNED: Record<string, string[]> = { acme: ['dc-east', 'dc-west'], globex: ['nova-eu'] };
const acme: Principal = { subject: 'alice', role: 'tenant-admin', tenantId: 'acme' };

/** VMs each cloud has, with their power state. */
const VMS: Record<string, Record<string, string>> = {
  'dc-east': { 'vm-1': 'POWERED_OFF', 'vm-2': 'POWERED_ON' },
  'dc-west': {},
  'nova-eu': { 'vm-7': 'POWERED_OFF' },
};
const VDCS: Record<string, string[]> = { 'dc-east': ['vdc-1'], 'dc-west': ['vdc-w'], 'nova-eu': ['vdc-n'] };

function setup(options: { exportNeedsPoweredOff?: boolean; verdict?: CheckAnswer } = {}) {
  const asked: string[] = [];
  const node = (cloudId: string): NodeInstance => ({
    cloudId,
    kind: 'cloud-node',
    url: `http://127.0.0.1:1/${cloudId}/graphql`,
    secret: 's'.repeat(32),
  });
  const guard = {
    allowsMany: async (p: Principal, checks: Array<{ id: string }>) =>
      checks.map(({ id }) => !('tenantId' in p && p.tenantId) || OWNED[p.tenantId]!.includes(parseGlobalId(id)!.cloudId)),
    nodePrincipal: async (p: Principal) => p,
  } as unknown as Pick<AccessGuard, 'allowsMany' | 'nodePrincipal'>;
  const routes: Pick<NodeRoutes, 'inspect' | 'check'> = {
    inspect: async (n, source): Promise<InspectAnswer> => {
      asked.push(`${n.cloudId} inspect ${source.id}`);
      const power = VMS[n.cloudId]![source.id];
      // A node words its NOT_FOUND its own way: validation must answer in the gateway's.
      if (!power) throw new NodeRouteError('NOT_FOUND', `no VM ${source.id} in this cloud`);
      return {
        name: source.id,
        cpuCount: 1,
        memoryMb: 512,
        sizeBytes: 0,
        powerState: power,
        sha256: null,
        exportNeedsPoweredOff: options.exportNeedsPoweredOff ?? false,
      };
    },
    check: async (n, request): Promise<CheckAnswer> => {
      asked.push(
        `${n.cloudId} check ${request.target.kind === 'vm' ? request.target.vdcId : request.target.catalog} ${request.target.name}`,
      );
      if (request.target.kind === 'vm' && !VDCS[n.cloudId]!.includes(request.target.vdcId))
        return { ok: false, code: 'NOT_FOUND', message: 'gone' };
      return options.verdict ?? { ok: true };
    },
  };
  const deps: ValidationDeps = { guard, registry: { find: (_kind, cloudId) => (VMS[cloudId] ? node(cloudId) : undefined) }, routes };
  return { deps, asked };
}

const copy = (sourceId: string, targetVdcId: string, name = ''): TransferSpec => {
  const vdc = parseGlobalId(targetVdcId)!;
  return { operation: 'COPY_VM', sourceId, targetCloudId: vdc.cloudId, target: { kind: 'vm', vdcId: vdc.nativeId, name } };
};

/** What a client receives of a refusal: its message and extensions. */
async function refusal(promise: Promise<unknown>): Promise<{ message: string; extensions: unknown }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof GraphQLError)) throw new Error(`expected a GraphQLError, got ${String(err)}`);
  return { message: err.message, extensions: err.extensions };
}

describe('transfer validation', () => {
  it("refuses a tenant another tenant's VM exactly as a VM that does not exist, and asks no node about it", async () => {
    const { deps, asked } = setup();
    const foreign = await refusal(validateTransfer(deps, acme, copy('nova-eu:vm-7', 'dc-west:vdc-w')));
    expect(asked).toEqual([]);
    const missing = await refusal(validateTransfer(deps, acme, copy('nova-eu:vm-404', 'dc-west:vdc-w')));
    const missingOwn = await refusal(validateTransfer(deps, acme, copy('dc-east:vm-404', 'dc-west:vdc-w')));
    expect(foreign).toEqual({ message: 'VirtualMachine "nova-eu:vm-7" not found', extensions: { code: 'NOT_FOUND' } });
    // The same words for an id of the caller's own cloud that the node says it does not have.
    expect(missing).toEqual({ ...foreign, message: 'VirtualMachine "nova-eu:vm-404" not found' });
    expect(missingOwn).toEqual({ ...foreign, message: 'VirtualMachine "dc-east:vm-404" not found' });
  });

  it("refuses a tenant another tenant's VDC exactly as a VDC that does not exist, and asks no node about it", async () => {
    const { deps, asked } = setup();
    const foreign = await refusal(validateTransfer(deps, acme, copy('dc-east:vm-1', 'nova-eu:vdc-n')));
    expect(asked).toEqual([]);
    const foreignMissing = await refusal(validateTransfer(deps, acme, copy('dc-east:vm-1', 'nova-eu:vdc-x')));
    expect(asked).toEqual([]);
    const ownMissing = await refusal(validateTransfer(deps, acme, copy('dc-east:vm-1', 'dc-west:vdc-x')));
    expect(foreign).toEqual({ message: 'VirtualDataCenter "nova-eu:vdc-n" not found', extensions: { code: 'NOT_FOUND' } });
    expect(foreignMissing).toEqual({ ...foreign, message: 'VirtualDataCenter "nova-eu:vdc-x" not found' });
    expect(ownMissing).toEqual({ ...foreign, message: 'VirtualDataCenter "dc-west:vdc-x" not found' });
  });

  it('answers an unknown cloud as an unknown VM', async () => {
    const { deps } = setup();
    expect(await refusal(validateTransfer(deps, SYSTEM_PRINCIPAL, copy('nowhere:vm-1', 'dc-west:vdc-w')))).toEqual({
      message: 'VirtualMachine "nowhere:vm-1" not found',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('refuses a copy into the cloud it comes from as bad input, before asking any node', async () => {
    const { deps, asked } = setup();
    const err = await refusal(validateTransfer(deps, acme, copy('dc-east:vm-1', 'dc-east:vdc-1')));
    expect(err.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(asked).toEqual([]);
  });

  it('refuses a malformed id as bad input', async () => {
    const { deps } = setup();
    const spec: TransferSpec = { ...copy('dc-east:vm-1', 'dc-west:vdc-w'), sourceId: 'dc-east' };
    expect((await refusal(validateTransfer(deps, acme, spec))).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('refuses a running VM its cloud exports only powered off with CONFLICT, before asking the destination', async () => {
    const { deps, asked } = setup({ exportNeedsPoweredOff: true });
    const err = await refusal(validateTransfer(deps, acme, copy('dc-east:vm-2', 'dc-west:vdc-w')));
    expect(err.extensions).toEqual({ code: 'CONFLICT' });
    expect(err.message).toContain('power it off first');
    expect(asked).toEqual(['dc-east inspect vm-2']);
    // Powered off, it passes.
    await expect(validateTransfer(deps, acme, copy('dc-east:vm-1', 'dc-west:vdc-w'))).resolves.toMatchObject({ target: { name: 'vm-1' } });
  });

  it("refuses what the destination refuses (a name clash, capacity) with the destination's words", async () => {
    const verdict: CheckAnswer = { ok: false, code: 'CONFLICT', message: 'VDC "vdc-w" already has a VM "vm-1"' };
    const { deps } = setup({ verdict });
    expect(await refusal(validateTransfer(deps, acme, copy('dc-east:vm-1', 'dc-west:vdc-w')))).toEqual({
      message: verdict.message,
      extensions: { code: 'CONFLICT' },
    });
  });

  it('names the copy after its source unless a name is given, and asks the destination about that name', async () => {
    const { deps, asked } = setup();
    const valid = await validateTransfer(deps, acme, copy('dc-east:vm-1', 'dc-west:vdc-w'));
    expect(valid.target).toEqual({ kind: 'vm', vdcId: 'vdc-w', name: 'vm-1' });
    await validateTransfer(deps, acme, copy('dc-east:vm-1', 'dc-west:vdc-w', 'copy-of-1'));
    expect(asked).toEqual(['dc-east inspect vm-1', 'dc-west check vdc-w vm-1', 'dc-east inspect vm-1', 'dc-west check vdc-w copy-of-1']);
  });

  it('lets no tenant copy a template, whatever path it comes by', async () => {
    const { deps, asked } = setup();
    const spec: TransferSpec = {
      operation: 'COPY_TEMPLATE',
      sourceId: 'dc-east:tpl-1',
      targetCloudId: 'dc-west',
      target: { kind: 'template', catalog: 'c', name: '' },
    };
    expect((await refusal(validateTransfer(deps, acme, spec))).extensions).toEqual({ code: 'FORBIDDEN' });
    expect(asked).toEqual([]);
  });
});
