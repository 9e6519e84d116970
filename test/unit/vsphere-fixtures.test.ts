/**
 * The vSphere adapter's parsers against response bodies shaped like the vendor's
 * documented samples (test/fixtures/vsphere/README.md says which), not only against
 * our own mock: the session string, `VM.Summary` and `Datacenter.Summary` lists, and
 * vAPI error bodies with the `localized`, `params` and `data` parts the mock leaves
 * out. Expected values are the ones written in each sample.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../../subgraphs/shared/cloudApiError';
import type { HttpResponse } from '../../subgraphs/shared/http';
import { vapiErrorType, vsphereError, vsphereOperationError } from '../../subgraphs/cloud-node/adapters/vsphere/errors';
import { parseList, sessionId, toVdcRecord, toVmRecord } from '../../subgraphs/cloud-node/adapters/vsphere/records';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'vsphere', name), 'utf8'));
const answer = (status: number, body: unknown): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body });

describe('vSphere answers as the API documents them', () => {
  it('reads the session id from the 201 of POST /api/session', () => {
    expect(sessionId(answer(201, fixture('session-create.json')))).toBe('b00db39f948d13ea1e59b4d6fce56389');
  });

  it('reads a GET /api/vcenter/vm list, with 0 for the size of a VM whose configuration is unreadable', () => {
    const vms = parseList(answer(200, fixture('vm-list.json')), 'VM list', (item) => toVmRecord(item, 'datacenter-3'));
    expect(vms).toEqual([
      { id: 'vm-1003', name: 'web-01', vdcId: 'datacenter-3', powerState: 'POWERED_ON', cpuCount: 2, memoryMb: 4096 },
      { id: 'vm-1017', name: 'db-primary', vdcId: 'datacenter-3', powerState: 'POWERED_OFF', cpuCount: 8, memoryMb: 16384 },
      { id: 'vm-1042', name: 'batch-worker', vdcId: 'datacenter-3', powerState: 'SUSPENDED', cpuCount: 1, memoryMb: 2048 },
      { id: 'vm-1058', name: 'orphaned-config', vdcId: 'datacenter-3', powerState: 'POWERED_OFF', cpuCount: 0, memoryMb: 0 },
    ]);
  });

  it('reads a GET /api/vcenter/datacenter list', () => {
    expect(parseList(answer(200, fixture('datacenter-list.json')), 'datacenter list', toVdcRecord)).toEqual([
      { id: 'datacenter-3', name: 'Datacenter-East' },
      { id: 'datacenter-1021', name: 'Datacenter-West' },
    ]);
  });

  it('fails a list whose item is not a VM.Summary as UPSTREAM_ERROR', () => {
    const [first] = fixture('vm-list.json') as Array<Record<string, unknown>>;
    expect(() => parseList(answer(200, [{ ...first, power_state: 'ON' }]), 'VM list', (item) => toVmRecord(item, 'dc'))).toThrow(
      expect.objectContaining({ code: ErrorCode.UPSTREAM_ERROR }),
    );
  });

  it("reads the error type of the list cap's 400 UNABLE_TO_ALLOCATE_RESOURCE, and says none of its text", () => {
    const body = fixture('error-unable-to-allocate-resource.json');
    expect(vapiErrorType(body)).toBe('UNABLE_TO_ALLOCATE_RESOURCE');
    const err = vsphereError(answer(400, body), 'VM list of datacenter-3');
    expect(err).toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, status: 400 });
    expect(err.message).not.toMatch(/Too many virtual machines|4000/);
  });

  it('makes the 500 ERROR of a power call CLOUD_OPERATION_FAILED, and the same answer to a read UPSTREAM_ERROR', () => {
    const body = fixture('error-500-error.json');
    const operation = vsphereOperationError(answer(500, body), 'VM vm-1003');
    expect(operation).toMatchObject({ code: ErrorCode.CLOUD_OPERATION_FAILED, status: 500 });
    expect(operation.message).not.toMatch(/vSphere HA|general system error/);
    expect(vsphereError(answer(500, body), 'datacenter list')).toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, status: 500 });
  });

  it('makes ALREADY_IN_DESIRED_STATE CONFLICT, for a power call as for anything', () => {
    const body = fixture('error-already-in-desired-state.json');
    expect(vsphereOperationError(answer(400, body), 'VM vm-1003')).toMatchObject({ code: ErrorCode.CONFLICT, status: 400 });
    expect(vsphereError(answer(400, body), 'VM vm-1003').message).not.toMatch(/already powered on/);
  });
});
