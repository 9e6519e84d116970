/**
 * GET /export/focus: one month's charges as FOCUS rows, streamed (CSV or JSON lines),
 * and GET /export/focus/metadata: the schema those rows follow. Both authenticate as
 * /graphql does; a tenant's principal exports its own tenant only.
 *
 * The body is never built in memory: a generator asks the source for one tenant's lines
 * at a time and yields chunks, and the Readable around it pulls the next only when the
 * socket has taken the last (backpressure). Headers go out with the first chunk, i.e.
 * after the first tenant's lines were read: a source failing before that is a clean
 * 500 in the one error shape; failing later, the response is cut off (the socket is
 * destroyed, so the client sees a broken transfer, never a short "success").
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../../schema/errorCodes';
import { FOCUS_METADATA } from '../../../schema/focus';
import { parseMonth } from '../../../schema/hours';
import { isTenantPrincipal, type Principal } from '../../../schema/principal';
import { refuse } from '../../http/errorShape';
import type { InvoiceLine } from '../model';
import { FOCUS_FORMATS, focusWriter, type FocusFormat } from './format';
import { focusRow, type FocusRowContext } from './rows';

export interface FocusTenant {
  id: string;
  name: string;
}

export interface FocusSource {
  tenants(): Array<FocusTenant>;
  tenant(id: string): FocusTenant | undefined;
  cloud(id: string): Promise<FocusRowContext['cloud']>;
  /** The month's lines for one tenant: its frozen invoice's when the month is closed, else its current charges as USAGE lines (invoiceId null). */
  monthLines(month: string, tenantId: string): Promise<{ invoiceId: string | null; currency: string; lines: InvoiceLine[] }>;
  issuerName: string;
}

export interface FocusExportDeps {
  /** The caller from the request's bearer token; rejects with a GraphQLError whose extensions.code is UNAUTHENTICATED. */
  principalOf(request: FastifyRequest): Promise<Principal>;
  source: FocusSource;
}

/** Bytes gathered before a chunk is yielded: few enough writes, and memory bounded by one chunk. */
const CHUNK_BYTES = 64 * 1024;

const CONTENT_TYPE: Record<FocusFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson',
};

const QUERY_KEYS = new Set(['month', 'format', 'tenantId']);

interface ExportQuery {
  month: string;
  format: FocusFormat;
  tenantId: string | undefined;
}

/** The query, checked; a message naming what is wrong otherwise. */
function parseQuery(query: unknown): ExportQuery | { error: string } {
  const q = (query ?? {}) as Record<string, unknown>;
  // An unknown key refused, not ignored: a misspelt `tenantId` would otherwise widen an operator's export to every tenant.
  const unknown = Object.keys(q).find((key) => !QUERY_KEYS.has(key));
  if (unknown !== undefined) return { error: `unknown parameter "${unknown.slice(0, 50)}"; the parameters are month, format and tenantId` };
  for (const key of QUERY_KEYS) if (q[key] !== undefined && typeof q[key] !== 'string') return { error: `give ${key} once` };
  const month = q.month as string | undefined;
  if (month === undefined || !parseMonth(month)) return { error: 'month must be a calendar month, YYYY-MM' };
  const format = (q.format as string | undefined) ?? 'csv';
  if (!(FOCUS_FORMATS as readonly string[]).includes(format)) return { error: `format must be one of ${FOCUS_FORMATS.join(', ')}` };
  const tenantId = q.tenantId as string | undefined;
  if (tenantId === '') return { error: 'tenantId must not be empty' };
  return { month, format: format as FocusFormat, tenantId };
}

/** The caller, or undefined when it was refused (the reply is sent). Errors other than UNAUTHENTICATED propagate (a 500). */
async function authenticated(deps: FocusExportDeps, request: FastifyRequest, reply: FastifyReply): Promise<Principal | undefined> {
  try {
    return await deps.principalOf(request);
  } catch (err) {
    // Duck-typed rather than `instanceof GraphQLError`: this module need not load graphql.
    if ((err as { extensions?: { code?: unknown } } | null)?.extensions?.code !== ErrorCode.UNAUTHENTICATED) throw err;
    reply.header('www-authenticate', 'Bearer');
    refuse(reply, ErrorCode.UNAUTHENTICATED, 'Missing or invalid bearer token');
    return undefined;
  }
}

/**
 * The tenants a principal exports, in id order; undefined when `asked` is not one it may
 * see. A tenant principal asking another tenant's id gets exactly what an unknown id
 * gets, so the answer says nothing of which tenants exist.
 */
function tenantsFor(principal: Principal, asked: string | undefined, source: FocusSource): FocusTenant[] | undefined {
  if (isTenantPrincipal(principal)) {
    if (asked !== undefined && asked !== principal.tenantId) return undefined;
    const own = source.tenant(principal.tenantId);
    return own ? [own] : undefined;
  }
  if (asked !== undefined) {
    const tenant = source.tenant(asked);
    return tenant ? [tenant] : undefined;
  }
  return [...source.tenants()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The body: chunks of at most about CHUNK_BYTES, one tenant's lines read at a time. */
async function* exportChunks(
  source: FocusSource,
  month: string,
  format: FocusFormat,
  tenants: readonly FocusTenant[],
  log: FastifyRequest['log'],
): AsyncGenerator<Buffer> {
  const writer = focusWriter(format);
  // Per request: a cloud's name and kind asked once per export.
  const clouds = new Map<string, Promise<FocusRowContext['cloud']>>();
  const cloudOf = (id: string) => {
    let known = clouds.get(id);
    if (!known) clouds.set(id, (known = source.cloud(id)));
    return known;
  };
  let pending = writer.header;
  let sent = 0;
  let tenantId: string | undefined;
  try {
    for (const tenant of tenants) {
      tenantId = tenant.id;
      const { invoiceId, currency, lines } = await source.monthLines(month, tenant.id);
      for (const line of lines) {
        const ctx: FocusRowContext = {
          invoiceId,
          billingMonth: month,
          tenant,
          currency,
          issuerName: source.issuerName,
          cloud: await cloudOf(line.cloudId),
        };
        pending += writer.row(focusRow(line, ctx));
        if (pending.length >= CHUNK_BYTES) {
          const chunk = Buffer.from(pending, 'utf8');
          pending = '';
          sent += chunk.length;
          yield chunk;
        }
      }
      // Each tenant's rows go out before the next tenant's are asked for.
      if (pending) {
        const chunk = Buffer.from(pending, 'utf8');
        pending = '';
        sent += chunk.length;
        yield chunk;
      }
    }
    // Nothing yielded yet (no tenants, or no lines and no header): an empty body, still a complete one.
    if (pending) yield Buffer.from(pending, 'utf8');
  } catch (err) {
    log.error({ err, month, tenantId, bytesSent: sent }, sent ? 'FOCUS export failed mid-stream; response cut off' : 'FOCUS export failed');
    throw err;
  }
}

/** GET /export/focus and GET /export/focus/metadata on `app`. */
export function registerFocusExport(app: FastifyInstance, deps: FocusExportDeps): void {
  app.get('/export/focus/metadata', async (request, reply) => {
    if (!(await authenticated(deps, request, reply))) return reply;
    return reply.type('application/json; charset=utf-8').send(FOCUS_METADATA);
  });

  app.get('/export/focus', async (request, reply) => {
    const principal = await authenticated(deps, request, reply);
    if (!principal) return reply;
    const query = parseQuery(request.query);
    if ('error' in query) return refuse(reply, ErrorCode.BAD_USER_INPUT, query.error);
    const tenants = tenantsFor(principal, query.tenantId, deps.source);
    if (!tenants) {
      const asked = query.tenantId ?? (isTenantPrincipal(principal) ? principal.tenantId : '');
      return refuse(reply, ErrorCode.NOT_FOUND, `No tenant "${asked.slice(0, 100)}"`);
    }
    const scope = tenants.length === 1 && query.tenantId !== undefined ? `-${tenants[0]!.id.replace(/[^A-Za-z0-9._-]/g, '_')}` : '';
    const filename = `focus-${query.month}${scope}.${query.format}`;
    const body = Readable.from(exportChunks(deps.source, query.month, query.format, tenants, request.log), { objectMode: false });
    return reply
      .type(CONTENT_TYPE[query.format])
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
