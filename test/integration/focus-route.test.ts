/**
 * GET /export/focus and /export/focus/metadata on a real fastify server on loopback, over
 * a FocusSource built here from a few lines of two tenants. Authentication is tested
 * elsewhere (authentication.test.ts): here a bearer string names a principal.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { request } from 'undici';
import { registerFocusExport, type FocusSource } from '../../gateway/billing/focus/route';
import type { InvoiceLine } from '../../gateway/billing/model';
import { frameworkErrors, registerErrorShape } from '../../gateway/http/errorShape';
import { ErrorCode } from '../../schema/errorCodes';
import { FOCUS_COLUMNS, FOCUS_METADATA } from '../../schema/focus';
import type { Principal } from '../../schema/principal';
import { parseCsvObjects } from '../support/csv';
import { waitFor } from '../support/waitFor';

const MONTH = '2026-11';
const NAMES = FOCUS_COLUMNS.map((column) => column.name);

function usage(tenant: string, cloudId: string, n: number, overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  const hours = 100 + n;
  const hourlyCost = 0.01 * (n + 1);
  return {
    kind: 'USAGE',
    month: MONTH,
    cloudId,
    vdcId: `${cloudId}:vdc-${tenant}`,
    orgId: `${cloudId}:org-${tenant}`,
    vmId: `${cloudId}:vm-${tenant}-${n}`,
    vmName: `${tenant}-vm-${n}`,
    field: 'CPU_ALLOCATED',
    start: new Date('2026-11-01T00:00:00Z'),
    end: new Date('2026-12-01T00:00:00Z'),
    hours,
    quantity: 2,
    unit: 'VCPU',
    hourlyCost,
    cost: hourlyCost * hours,
    rateCardId: 'default',
    ...overrides,
  };
}

interface Fixture {
  tenants: Array<{ id: string; name: string }>;
  lines: Record<string, InvoiceLine[]>;
}

/** Two tenants on different clouds; beta's name is CSV-awkward, and beta has a correction of October. */
const TWO: Fixture = {
  tenants: [
    { id: 'beta', name: 'Beta, "B" Ltd' },
    { id: 'alpha', name: 'Alpha' },
  ],
  lines: {
    alpha: [usage('alpha', 'nova-1', 0), usage('alpha', 'nova-1', 1, { field: 'MEMORY_USED', unit: 'MB', quantity: 2048 })],
    beta: [
      usage('beta', 'dir-1', 0),
      usage('beta', 'dir-1', 1, { kind: 'CORRECTION', month: '2026-10', start: new Date('2026-10-31T00:00:00Z'), hours: 24, cost: -0.5 }),
      usage('beta', 'dir-1', 2, { vmName: 'db, "primary"' }),
    ],
  },
};

const CLOUDS: Record<string, { id: string; name: string | null; kind: 'VSPHERE' | 'DIRECTOR' | 'NOVA' | null }> = {
  'nova-1': { id: 'nova-1', name: 'North', kind: 'NOVA' },
  'dir-1': { id: 'dir-1', name: 'Director', kind: 'DIRECTOR' },
};

function sourceOf(fixture: Fixture, calls: string[] = []): FocusSource {
  return {
    issuerName: 'Overcast Test',
    tenants: () => fixture.tenants,
    tenant: (id) => fixture.tenants.find((t) => t.id === id),
    cloud: async (id) => CLOUDS[id] ?? { id, name: null, kind: null },
    monthLines: async (month, tenantId) => {
      calls.push(tenantId);
      return { invoiceId: null, currency: 'EUR', lines: fixture.lines[tenantId] ?? [] };
    },
  };
}

const PRINCIPALS: Record<string, Principal> = {
  operator: { subject: 'op', role: 'billing' },
  admin: { subject: 'adm', role: 'provider-admin' },
  alpha: { subject: 'a', role: 'tenant-admin', tenantId: 'alpha' },
  beta: { subject: 'b', role: 'tenant-viewer', tenantId: 'beta' },
  ghost: { subject: 'g', role: 'tenant-viewer', tenantId: 'ghost' },
};

async function principalOf(req: FastifyRequest): Promise<Principal> {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  const principal = match ? PRINCIPALS[match[1]!] : undefined;
  if (!principal) throw new GraphQLError('Missing or invalid bearer token', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  return principal;
}

interface Server {
  app: FastifyInstance;
  url: string;
  logs: string[];
}

async function serve(source: FocusSource): Promise<Server> {
  const logs: string[] = [];
  const app = Fastify({ frameworkErrors, logger: { level: 'error', stream: { write: (line: string) => void logs.push(line) } } });
  registerErrorShape(app);
  registerFocusExport(app, { principalOf, source });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, logs };
}

async function get(server: Server, path: string, token?: string) {
  const res = await request(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

const csvRows = (text: string) => parseCsvObjects(text);
const jsonRows = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Every id and name of a tenant's fixture lines: what must never appear in another tenant's export. */
function footprint(tenantId: string): string[] {
  const tenant = TWO.tenants.find((t) => t.id === tenantId)!;
  const marks = new Set<string>([tenant.id, tenant.name]);
  for (const l of TWO.lines[tenantId]!) for (const value of [l.vmId, l.vmName, l.vdcId, l.orgId!]) marks.add(value);
  return [...marks];
}

describe('GET /export/focus', () => {
  let server: Server;
  beforeAll(async () => {
    server = await serve(sourceOf(TWO));
  });
  afterAll(() => server.app.close());

  it("streams a tenant's month as CSV that parses back to its lines", async () => {
    const answer = await get(server, `/export/focus?month=${MONTH}`, 'beta');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toBe(`attachment; filename="focus-${MONTH}.csv"`);
    const { header, rows } = csvRows(answer.text);
    expect(header).toEqual(NAMES);
    const lines = TWO.lines.beta!;
    expect(rows.map((r) => r.ResourceId)).toEqual(lines.map((l) => l.vmId));
    expect(rows.map((r) => r.ResourceName)).toEqual(lines.map((l) => l.vmName));
    expect(rows.map((r) => Number(r.BilledCost))).toEqual(lines.map((l) => expect.closeTo(l.cost, 10)));
    expect(rows.map((r) => r.ChargeClass)).toEqual(lines.map((l) => (l.kind === 'CORRECTION' ? 'Correction' : null)));
    expect(new Set(rows.map((r) => r.BillingAccountName))).toEqual(new Set(['Beta, "B" Ltd']));
    expect(new Set(rows.map((r) => r.HostProviderName))).toEqual(new Set(['VMware Cloud Director']));
    for (const row of rows)
      expect({ x_TenantId: row.x_TenantId, BillingAccountId: row.BillingAccountId }).toEqual({
        x_TenantId: 'beta',
        BillingAccountId: 'beta',
      });
  });

  it('streams JSON lines with every column, numbers as numbers', async () => {
    const answer = await get(server, `/export/focus?month=${MONTH}&format=jsonl`, 'alpha');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-ndjson');
    const rows = jsonRows(answer.text);
    expect(rows).toHaveLength(TWO.lines.alpha!.length);
    for (const [n, row] of rows.entries()) {
      expect(Object.keys(row)).toEqual(NAMES);
      expect(row).toMatchObject({ x_TenantId: 'alpha', BilledCost: TWO.lines.alpha![n]!.cost, AvailabilityZone: 'vdc-alpha' });
    }
  });

  it("never carries another tenant's ids or names, for the tenant itself or an operator asking for it", async () => {
    for (const [token, tenant, other] of [
      ['alpha', 'alpha', 'beta'],
      ['beta', 'beta', 'alpha'],
      ['operator', 'alpha', 'beta'],
    ] as const) {
      for (const format of ['csv', 'jsonl']) {
        const query = token === 'operator' ? `&tenantId=${tenant}` : '';
        const answer = await get(server, `/export/focus?month=${MONTH}&format=${format}${query}`, token);
        expect(answer.status).toBe(200);
        expect(answer.text).toContain(footprint(tenant)[2]);
        // Names are checked as the CSV writes them too (quotes doubled).
        const leaks = footprint(other).filter((mark) => answer.text.includes(mark) || answer.text.includes(mark.replace(/"/g, '""')));
        expect({ token, format, leaks }).toEqual({ token, format, leaks: [] });
      }
    }
  });

  it('gives an operator every tenant, in id order, when it names none', async () => {
    for (const token of ['operator', 'admin']) {
      const { rows } = csvRows((await get(server, `/export/focus?month=${MONTH}`, token)).text);
      const expected = [...TWO.tenants].sort((a, b) => (a.id < b.id ? -1 : 1)).flatMap((t) => TWO.lines[t.id]!.map(() => t.id));
      expect(rows.map((r) => r.x_TenantId)).toEqual(expected);
    }
  });

  it('answers a foreign tenant id exactly as an unknown one: 404 NOT_FOUND', async () => {
    const foreign = await get(server, `/export/focus?month=${MONTH}&tenantId=beta`, 'alpha');
    const unknown = await get(server, `/export/focus?month=${MONTH}&tenantId=nosuch`, 'alpha');
    const unknownForOperator = await get(server, `/export/focus?month=${MONTH}&tenantId=nosuch`, 'operator');
    const shape = (answer: Awaited<ReturnType<typeof get>>, id: string) => ({
      status: answer.status,
      type: answer.headers['content-type'],
      body: answer.text.split(id).join('<id>'),
    });
    expect(shape(foreign, 'beta')).toEqual(shape(unknown, 'nosuch'));
    expect(shape(unknownForOperator, 'nosuch')).toEqual(shape(unknown, 'nosuch'));
    expect(foreign.status).toBe(404);
    expect(JSON.parse(foreign.text)).toEqual({ errors: [{ message: 'No tenant "beta"', extensions: { code: 'NOT_FOUND' } }] });
  });

  it('answers 404 to a tenant principal whose tenant is unknown', async () => {
    const answer = await get(server, `/export/focus?month=${MONTH}`, 'ghost');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuses a bad month, a bad format, a repeated or unknown parameter with 400 BAD_USER_INPUT', async () => {
    for (const query of [
      '',
      'month=2026-13',
      'month=2026-1',
      'month=november',
      `month=${MONTH}&format=xml`,
      `month=${MONTH}&month=2026-10`,
      `month=${MONTH}&tenant=alpha`,
      `month=${MONTH}&tenantId=`,
    ]) {
      const answer = await get(server, `/export/focus?${query}`, 'operator');
      expect({ query, status: answer.status, code: JSON.parse(answer.text).errors?.[0]?.extensions?.code }).toEqual({
        query,
        status: 400,
        code: 'BAD_USER_INPUT',
      });
    }
  });

  it('refuses a missing or unknown token with 401 UNAUTHENTICATED before looking at the query', async () => {
    for (const token of [undefined, 'nobody']) {
      const answer = await get(server, '/export/focus?month=bad', token);
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });
});

describe('GET /export/focus/metadata', () => {
  let server: Server;
  beforeAll(async () => {
    server = await serve(sourceOf(TWO));
  });
  afterAll(() => server.app.close());

  it('answers the schema metadata, one definition per column of the export', async () => {
    const answer = await get(server, '/export/focus/metadata', 'alpha');
    expect(answer.status).toBe(200);
    const metadata = JSON.parse(answer.text) as typeof FOCUS_METADATA;
    expect(metadata).toEqual(FOCUS_METADATA);
    expect(metadata.ColumnDefinition.map((d) => d.ColumnName)).toEqual(NAMES);
  });

  it('refuses a missing token with 401', async () => {
    expect((await get(server, '/export/focus/metadata')).status).toBe(401);
  });
});

/** A raw GET: the response's headers, every chunk as it arrives, and how it ended. */
function rawGet(url: string, token: string) {
  const chunks: Buffer[] = [];
  let response: IncomingMessage | undefined;
  const ended = new Promise<'complete' | 'broken'>((resolve) => {
    const req = httpRequest(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      response = res;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(res.complete ? 'complete' : 'broken'));
      res.on('aborted', () => resolve('broken'));
      res.on('error', () => resolve('broken'));
    });
    req.on('error', () => resolve('broken'));
    req.end();
  });
  return { chunks, ended, response: () => response };
}

describe('streaming', () => {
  const TENANTS = ['t1', 't2', 't3'];
  const many: Fixture = {
    tenants: TENANTS.map((id) => ({ id, name: id.toUpperCase() })),
    lines: Object.fromEntries(TENANTS.map((id) => [id, Array.from({ length: 2000 }, (_, n) => usage(id, 'nova-1', n))])),
  };

  it("sends the first chunk before the last tenant's lines are asked for", async () => {
    const calls: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const base = sourceOf(many, calls);
    // The middle tenant waits for the client to have received something: were the body built whole first, nothing would arrive.
    const server = await serve({ ...base, monthLines: async (month, id) => (id === 't2' && (await gate), base.monthLines(month, id)) });
    try {
      const got = rawGet(`${server.url}/export/focus?month=${MONTH}`, 'operator');
      // A data row of the first tenant, not just the header: the rows, not only the start of the body, must stream.
      const firstTenantRowArrived = () => {
        const text = Buffer.concat(got.chunks).toString('utf8');
        const whole = text.slice(0, text.lastIndexOf('\n') + 1);
        return whole !== '' && csvRows(whole).rows.some((r) => r.x_TenantId === TENANTS[0]);
      };
      await waitFor(`a data row of ${TENANTS[0]}, before the last tenant was read`, firstTenantRowArrived);
      const askedAtFirstChunk = [...calls];
      release();
      expect(await got.ended).toBe('complete');
      expect(askedAtFirstChunk).not.toContain('t3');
      expect(calls).toEqual(TENANTS);
      expect(got.response()?.headers['transfer-encoding']).toBe('chunked');
      const { rows } = csvRows(Buffer.concat(got.chunks).toString('utf8'));
      expect(rows).toHaveLength(TENANTS.length * 2000);
    } finally {
      release();
      await server.app.close();
    }
  });

  it('cuts the response off, and logs, when the source fails after rows were sent', async () => {
    const base = sourceOf(many);
    const server = await serve({
      ...base,
      monthLines: async (month, id) => {
        if (id === 't2') throw new Error('store went away');
        return base.monthLines(month, id);
      },
    });
    try {
      const got = rawGet(`${server.url}/export/focus?month=${MONTH}`, 'operator');
      expect(await got.ended).toBe('broken');
      expect(got.response()?.statusCode).toBe(200);
      expect(got.chunks.length).toBeGreaterThan(0);
      await waitFor('the error log line of the cut-off export', () => server.logs.find((l) => l.includes('mid-stream')));
    } finally {
      await server.app.close();
    }
  });

  it('answers 500 in the one error shape when the source fails before anything was sent', async () => {
    const base = sourceOf(many);
    const server = await serve({
      ...base,
      monthLines: async () => {
        throw new Error('secret detail of the store');
      },
    });
    try {
      const answer = await get(server, `/export/focus?month=${MONTH}`, 'operator');
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      expect(answer.text).not.toContain('secret');
    } finally {
      await server.app.close();
    }
  });
});
