/**
 * The Cloud Director client's parsers against answers shaped like the vendor's
 * published samples (test/fixtures/director/README.md says which), not like our
 * mock: the versions list, an adminVM query page with `"id": null`, a cloudapi
 * VDC page, Tasks, and both error shapes. Expected values are read off the samples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { taskOutcome, taskPath, taskSchema } from '../../subgraphs/cloud-node/adapters/director/tasks';
import { toVmRecord } from '../../subgraphs/cloud-node/adapters/director/vms';
import { ErrorCode } from '../../subgraphs/shared/cloudApiError';
import { directorError, minorErrorCode } from '../../subgraphs/shared/director/errors';
import { cloudapiPageSchema, queryPageSchema } from '../../subgraphs/shared/director/query';
import { orgVdcValueSchema, orgVmRecordSchema, vmRecordSchema } from '../../subgraphs/shared/director/records';
import { pickVersion, supportedVersionsSchema } from '../../subgraphs/shared/director/versions';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../fixtures/director', name), 'utf8'));

describe('Cloud Director recorded-response fixtures', () => {
  it('picks the highest plain version a cell lists, skipping alpha builds', () => {
    const versions = supportedVersionsSchema.parse(fixture('versions.json'));
    expect(versions.versionInfo).toHaveLength(7);
    expect(pickVersion(versions)).toBe('38.1');
    // A 10.4 cell (37.x at most) is spoken to in 37.2; one with nothing from 37.0 up gets none.
    expect(pickVersion({ versionInfo: versions.versionInfo.filter((v) => v.version.startsWith('3') && v.version < '38') })).toBe('37.2');
    expect(pickVersion({ versionInfo: [{ version: '36.0' }] })).toBeUndefined();
  });

  it('reads an adminVM page with null ids, deriving the URNs from hrefs', () => {
    const page = queryPageSchema(vmRecordSchema).parse(fixture('query-adminvm.json'));
    expect(page).toMatchObject({ total: 3, pageSize: 2 });
    expect(page.record?.map(toVmRecord)).toEqual([
      {
        id: 'urn:vcloud:vm:5f1c2e7a-3b0d-4c1e-9a63-0c1d2e3f4a5b',
        name: 'web-01',
        vdcId: 'urn:vcloud:vdc:2c7a8b1d-6e3f-4a9b-b5c4-d3e2f1a0b9c8',
        powerState: 'POWERED_ON',
        cpuCount: 2,
        memoryMb: 4096,
      },
      {
        id: 'urn:vcloud:vm:0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
        name: 'web-02',
        vdcId: 'urn:vcloud:vdc:2c7a8b1d-6e3f-4a9b-b5c4-d3e2f1a0b9c8',
        powerState: 'POWERED_OFF',
        cpuCount: 4,
        memoryMb: 8192,
      },
    ]);
    // The sp-node's record (with the org) parses the same page.
    const withOrg = queryPageSchema(orgVmRecordSchema).parse(fixture('query-adminvm.json'));
    expect(withOrg.record?.[0]?.org).toBe('https://vcd.example.com/api/org/a93c9db9-7471-3192-8d09-a8f7eeda85f9');
  });

  it('reads a cloudapi VDC page with its total and page size', () => {
    const page = cloudapiPageSchema(orgVdcValueSchema).parse(fixture('cloudapi-vdcs.json'));
    expect(page).toMatchObject({ resultTotal: 3, pageSize: 2 });
    expect(page.values).toEqual([
      { id: 'urn:vcloud:vdc:2c7a8b1d-6e3f-4a9b-b5c4-d3e2f1a0b9c8', name: 'acme-prod' },
      { id: 'urn:vcloud:vdc:7d6c5b4a-3e2f-4d1c-a0b9-8c7d6e5f4a3b', name: 'acme-dev' },
    ]);
  });

  it('reads running, successful and failed Tasks', () => {
    const running = taskSchema.parse(fixture('task-running.json'));
    expect(running).toEqual({ href: 'https://vcd.example.com/api/task/9b1e2d3c-4f5a-4b6c-8d7e-0f1a2b3c4d5e', status: 'running' });
    expect(taskPath(running.href)).toBe('/api/task/9b1e2d3c-4f5a-4b6c-8d7e-0f1a2b3c4d5e');
    expect(taskOutcome(running)).toBe('pending');
    expect(taskOutcome(taskSchema.parse(fixture('task-success.json')))).toBe('success');
    expect(taskOutcome(taskSchema.parse(fixture('task-error.json')))).toBe('failed');
  });

  it('takes a task’s path from the end of its href, whatever the cell’s public URL, and refuses anything else', () => {
    const uuid = '9b1e2d3c-4f5a-4b6c-8d7e-0f1a2b3c4d5e';
    expect(taskPath(`https://portal.example.com/cloud/api/task/${uuid}`)).toBe(`/api/task/${uuid}`);
    for (const href of [`https://vcd.example.com/api/task/not-a-uuid`, `https://vcd.example.com/api/task/${uuid}/extra`, 'no url']) {
      expect(() => taskPath(href)).toThrow(expect.objectContaining({ code: ErrorCode.UPSTREAM_ERROR }));
    }
  });

  it('maps a missing entity’s 403 to NOT_FOUND only for entity requests, and a failed action’s 500', () => {
    const forbidden = { status: 403, body: fixture('error-legacy-403.json') };
    expect(minorErrorCode(forbidden.body)).toBe('ACCESS_TO_RESOURCE_IS_FORBIDDEN');
    expect(directorError(forbidden, { subject: 'VM x', entity: true, action: true }, '38.0').code).toBe(ErrorCode.NOT_FOUND);
    expect(directorError(forbidden, { subject: 'VM query' }, '38.0').code).toBe(ErrorCode.UPSTREAM_ERROR);

    const failed = { status: 500, body: fixture('error-legacy-500.json') };
    const operation = directorError(failed, { subject: 'VM x', entity: true, action: true }, '38.0');
    expect(operation.code).toBe(ErrorCode.CLOUD_OPERATION_FAILED);
    expect(operation.message).not.toMatch(/Contact your cloud administrator/);
    expect(directorError(failed, { subject: 'VM query' }, '38.0').code).toBe(ErrorCode.UPSTREAM_ERROR);
  });

  it('reads the cloudapi error shape and names the version in a 406', () => {
    const bad = { status: 400, body: fixture('error-cloudapi-400.json') };
    expect(minorErrorCode(bad.body)).toBe('BAD_REQUEST');
    expect(directorError(bad, { subject: 'VM x', action: true }, '38.0').code).toBe(ErrorCode.CONFLICT);
    expect(directorError({ status: 406, body: undefined }, { subject: 'VDC list' }, '37.2').message).toContain('37.2');
  });
});
