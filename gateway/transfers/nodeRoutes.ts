/**
 * The gateway's calls to a cloud-node's transfer and content routes
 * (schema/transfers.ts), signed with the node's secret. Validation's two questions
 * (inspect, check) go as the client's node principal, so a node of a multi-tenant
 * cloud holds a tenant to its scope too; the rest go as the system principal: the
 * gateway has decided who may do what, and they are also made with no client request
 * (resume, cleanup, catalog sync). Answers are checked against the
 * contract; a refusal keeps the node's code and message, a node that does not answer
 * (or answers what the contract does not have) is CLOUD_UNAVAILABLE.
 */
import { z } from 'zod';
import { ErrorCode, cloudUnavailableMessage } from '../../schema/errorCodes';
import { SYSTEM_PRINCIPAL, type Principal } from '../../schema/principal';
import {
  CatalogRefSchema,
  CheckAnswerSchema,
  ExportManifestSchema,
  InspectAnswerSchema,
  TemplateRecordSchema,
  type CheckAnswer,
  type CheckRequest,
  type ExportManifest,
  type ExportRequest,
  type ImportRequest,
  type InspectAnswer,
  type SourceRef,
} from '../../schema/transfers';
import type { NodeTransport, SignedRequest } from '../nodes/transport';
import type { NodeInstance } from '../registry';
import { NodeUnavailableError } from '../routing/nodeClient';
import type { NodeTemplate } from './types';

/** A node's refusal, or its absence (CLOUD_UNAVAILABLE): a code of schema/errorCodes.ts and a client-safe message. */
export class NodeRouteError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NodeRouteError';
  }
}

const RefusalSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Codes of a node's refusal that say nothing about the client's request, only that the node could not serve it. */
const NODE_TROUBLE: ReadonlySet<string> = new Set([ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.INTERNAL_SERVER_ERROR]);
const isRegistryCode = (code: string): code is ErrorCode => Object.hasOwn(ErrorCode, code);

/** Longest wait for an export: the source cloud prepares it (capture, enable download, snapshot) before answering. */
const EXPORT_TIMEOUT_MS = 120_000;

export interface NodeRoutes {
  /** Asked for a client: `principal` is the one the node receives (a tenant's scope in a multi-tenant cloud: defence in depth). */
  inspect(node: NodeInstance, source: SourceRef, principal: Principal): Promise<InspectAnswer>;
  check(node: NodeInstance, request: CheckRequest, principal: Principal): Promise<CheckAnswer>;
  /** Idempotent per transfer id: asking again answers the same manifest. */
  openExport(node: NodeInstance, request: ExportRequest): Promise<ExportManifest>;
  /** Ends the export at the source cloud; an export already gone is no failure. */
  closeExport(node: NodeInstance, transferId: string): Promise<void>;
  /** The node accepts the import (202) and reports its progress as `transfer` events. */
  startImport(node: NodeInstance, request: ImportRequest): Promise<void>;
  /** Stop the import and remove what it made; one already gone is no failure. */
  cancelImport(node: NodeInstance, transferId: string): Promise<void>;
  deleteVm(node: NodeInstance, nativeId: string): Promise<void>;
  ensureCatalog(node: NodeInstance, name: string): Promise<{ id: string; name: string }>;
  /** By the catalog's name; empty when the cloud has no such catalog. */
  listTemplates(node: NodeInstance, catalogName: string): Promise<NodeTemplate[]>;
  renameTemplate(node: NodeInstance, nativeId: string, name: string): Promise<void>;
  deleteTemplate(node: NodeInstance, nativeId: string): Promise<void>;
}

const segment = (value: string) => encodeURIComponent(value);

export function createNodeRoutes(transport: Pick<NodeTransport, 'request'>): NodeRoutes {
  /** One exchange: the JSON answer of a 2xx, else the node's refusal or its absence as a NodeRouteError. */
  const call = async (
    node: NodeInstance,
    request: SignedRequest,
    options: { gone?: 'ok'; principal?: Principal } = {},
  ): Promise<unknown> => {
    let answer;
    try {
      answer = await transport.request(node, request, options.principal ?? SYSTEM_PRINCIPAL);
    } catch (err) {
      if (err instanceof NodeUnavailableError)
        throw new NodeRouteError(ErrorCode.CLOUD_UNAVAILABLE, cloudUnavailableMessage(node.cloudId, err.message));
      throw err;
    }
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    if (answer.status === 404 && options.gone === 'ok') return undefined;
    const refusal = RefusalSchema.safeParse(answer.body);
    if (
      refusal.success &&
      isRegistryCode(refusal.data.error.code) &&
      !NODE_TROUBLE.has(refusal.data.error.code) &&
      refusal.data.error.code !== ErrorCode.CLOUD_UNAVAILABLE
    ) {
      throw new NodeRouteError(refusal.data.error.code as ErrorCode, refusal.data.error.message);
    }
    const reason =
      refusal.success && refusal.data.error.code === ErrorCode.CLOUD_UNAVAILABLE
        ? refusal.data.error.message
        : answer.status === 401
          ? "its node refused the gateway's signature"
          : `its node answered HTTP ${answer.status}`;
    // A node's CLOUD_UNAVAILABLE message already names the cloud.
    throw new NodeRouteError(
      ErrorCode.CLOUD_UNAVAILABLE,
      reason.startsWith('Cloud "') ? reason : cloudUnavailableMessage(node.cloudId, reason),
    );
  };
  const parsed = <T>(node: NodeInstance, schema: z.ZodType<T>, value: unknown): T => {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new NodeRouteError(
        ErrorCode.CLOUD_UNAVAILABLE,
        cloudUnavailableMessage(node.cloudId, 'its node answered outside the transfer contract'),
      );
    }
    return result.data;
  };

  return {
    inspect: async (node, source, principal) =>
      parsed(
        node,
        InspectAnswerSchema,
        await call(node, { method: 'POST', route: 'transfers', path: 'inspect', body: { source } }, { principal }),
      ),
    check: async (node, request, principal) =>
      parsed(
        node,
        CheckAnswerSchema,
        await call(node, { method: 'POST', route: 'transfers', path: 'check', body: request }, { principal }),
      ),
    openExport: async (node, request) =>
      parsed(
        node,
        ExportManifestSchema,
        await call(node, { method: 'POST', route: 'transfers', path: 'exports', body: request, timeoutMs: EXPORT_TIMEOUT_MS }),
      ),
    closeExport: async (node, transferId) =>
      void (await call(node, { method: 'DELETE', route: 'transfers', path: `exports/${segment(transferId)}` }, { gone: 'ok' })),
    startImport: async (node, request) => void (await call(node, { method: 'POST', route: 'transfers', path: 'imports', body: request })),
    cancelImport: async (node, transferId) =>
      void (await call(node, { method: 'DELETE', route: 'transfers', path: `imports/${segment(transferId)}` }, { gone: 'ok' })),
    deleteVm: async (node, nativeId) =>
      void (await call(node, { method: 'DELETE', route: 'content', path: `vms/${segment(nativeId)}` }, { gone: 'ok' })),
    ensureCatalog: async (node, name) =>
      parsed(node, CatalogRefSchema, await call(node, { method: 'POST', route: 'content', path: 'catalogs', body: { name } })),
    listTemplates: async (node, catalogName) => {
      const body = await call(
        node,
        { method: 'GET', route: 'content', path: `catalogs/${segment(catalogName)}/templates` },
        { gone: 'ok' },
      );
      return body === undefined ? [] : parsed(node, z.array(TemplateRecordSchema), body);
    },
    renameTemplate: async (node, nativeId, name) =>
      void (await call(node, { method: 'POST', route: 'content', path: `templates/${segment(nativeId)}/rename`, body: { name } })),
    deleteTemplate: async (node, nativeId) =>
      void (await call(node, { method: 'DELETE', route: 'content', path: `templates/${segment(nativeId)}` }, { gone: 'ok' })),
  };
}
