/**
 * The wire contract of transfers between nodes (ARCHITECTURE.md, "Moving bytes
 * between clouds"). The gateway validates and coordinates; the source node opens an
 * export at its cloud; the destination node pulls the export's files from the source
 * node in checksummed chunks, writes them into its cloud and reports each
 * acknowledged chunk as a `transfer` event, which the gateway keeps as the
 * checkpoint. All routes are under the node's base path.
 *
 * Gateway-signed (the node's secret, schema/signing.ts):
 * - `POST /transfers/inspect` {@link InspectRequest} → {@link InspectAnswer}
 * - `POST /transfers/check` {@link CheckRequest} → {@link CheckAnswer}
 * - `POST /transfers/exports` {@link ExportRequest} → {@link ExportManifest} (idempotent per transferId)
 * - `DELETE /transfers/exports/<transferId>` → 204 (ends the export at the cloud)
 * - `POST /transfers/imports` {@link ImportRequest} → 202 (the node runs it; progress as events)
 * - `DELETE /transfers/imports/<transferId>` → 204 (cancel: stop and remove what it made)
 * - `POST /content/catalogs` {name} → CatalogRecord (ensure)
 * - `GET /content/catalogs/<catalog name, URL-encoded>/templates` → TemplateRecord[] (empty when there is no such catalog)
 * - `POST /content/templates/<id>/rename` {name} → 204
 * - `DELETE /content/templates/<id>` → 204; `DELETE /content/vms/<id>` → 204
 *
 * Grant-signed (node to node): `GET /transfers/exports/<transferId>/files/<index>?start=&end=`
 * answers bytes [start, end) as `application/octet-stream` with their hex SHA-256 in
 * {@link CHUNK_SHA256_HEADER}. It is signed like a gateway request, but with the
 * transfer's grant key instead of the node's secret: the gateway derives the key from
 * the source node's secret and the transfer id ({@link grantKeyFor}) and hands it to
 * the destination node only; the source node derives it again to verify. A grant
 * opens only its own transfer's export, and only while that export is open.
 *
 * Errors answer `{ error: { code, message } }` with a code of schema/errorCodes.ts
 * and the status of that code (NOT_FOUND 404, CONFLICT 409, BAD_USER_INPUT 400,
 * CLOUD_UNAVAILABLE 503).
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ErrorCode } from './errorCodes';

/** Response header of a chunk: hex SHA-256 of its bytes. */
export const CHUNK_SHA256_HEADER = 'x-overcast-chunk-sha256';

/** Default chunk: small enough to buffer and checksum one at a time, large enough to stream at disk speed. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

/** The grant key of one transfer at one source node (hex, 64 characters: a valid signing secret). */
export function grantKeyFor(sourceNodeSecret: string, transferId: string): string {
  return createHmac('sha256', sourceNodeSecret).update(`overcast-transfer-grant\n${transferId}`).digest('hex');
}

/** `transfer-<uuid v4>`: random, so ids say nothing about other tenants' transfers. */
export const TransferIdSchema = z.string().regex(/^transfer-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

export const SourceRefSchema = z.object({ type: z.enum(['vm', 'template']), id: z.string().min(1) });
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** Where an import goes: a VM into a VDC, or a template into a catalog (by name: created when missing). */
export const ImportTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('vm'), vdcId: z.string().min(1), name: z.string().min(1).max(128) }),
  z.object({ kind: z.literal('template'), catalog: z.string().min(1).max(128), name: z.string().min(1).max(128) }),
]);
export type ImportTarget = z.infer<typeof ImportTargetSchema>;

export const VmDescriptorSchema = z.object({
  name: z.string(),
  cpuCount: z.number().int().positive(),
  memoryMb: z.number().int().positive(),
});
export type VmDescriptor = z.infer<typeof VmDescriptorSchema>;

export const TransferFileSchema = z.object({
  /** `descriptor.ovf`, `disk-0.vmdk`, … */
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  /** Hex SHA-256 the source cloud reports (or the node computed, for a generated descriptor). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TransferFile = z.infer<typeof TransferFileSchema>;

/** What an export consists of: the VM's shape and its files (descriptor first, then disks). */
export const ExportManifestSchema = z.object({ descriptor: VmDescriptorSchema, files: z.array(TransferFileSchema).min(1) });
export type ExportManifest = z.infer<typeof ExportManifestSchema>;

/** An adapter's own resumable import state (session ids, transfer URLs, staging path): opaque JSON. */
export type ImportState = Record<string, unknown>;
export const ImportStateSchema = z.record(z.string(), z.unknown());

/** A template as a cloud-node lists it (`GET /content/catalogs/<name>/templates`; native ids). */
export const TemplateRecordSchema = z.object({
  /** Native id (vSphere library item id, Director `vappTemplate-<uuid>`, Glance image id). */
  id: z.string().min(1),
  name: z.string(),
  catalogId: z.string(),
  catalogName: z.string(),
  /** Bytes of its disk. */
  sizeBytes: z.number().nonnegative(),
  /** Hex SHA-256 of its disk as the cloud reports it; null when the cloud reports none. */
  sha256: z.string().nullable(),
  cpuCount: z.number().int().positive(),
  memoryMb: z.number().int().positive(),
});
export type TemplateRecord = z.infer<typeof TemplateRecordSchema>;

/** A catalog as a cloud-node answers `POST /content/catalogs`. */
export const CatalogRefSchema = z.object({ id: z.string().min(1), name: z.string() });

export const InspectRequestSchema = z.object({ source: SourceRefSchema });
export type InspectRequest = z.infer<typeof InspectRequestSchema>;
/** What validation needs to know of a source before any byte moves. */
export const InspectAnswerSchema = z.object({
  name: z.string(),
  cpuCount: z.number().int().positive(),
  memoryMb: z.number().int().positive(),
  /** Bytes of its disks (0 for a VM: no cloud tells it before an export). */
  sizeBytes: z.number().int().nonnegative(),
  /** Null for a template. */
  powerState: z.string().nullable(),
  /** Hex SHA-256 of the disk where the cloud reports it before an export. */
  sha256: z.string().nullable(),
  exportNeedsPoweredOff: z.boolean(),
});
export type InspectAnswer = z.infer<typeof InspectAnswerSchema>;

export const CheckRequestSchema = z.object({
  target: ImportTargetSchema,
  sizeBytes: z.number().int().nonnegative(),
  cpuCount: z.number().int().positive(),
  memoryMb: z.number().int().positive(),
});
export type CheckRequest = z.infer<typeof CheckRequestSchema>;
/** The destination's verdict; `code` from schema/errorCodes.ts. */
export const CheckAnswerSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({
    ok: z.literal(false),
    code: z.enum([ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.BAD_USER_INPUT]),
    message: z.string(),
  }),
]);
export type CheckAnswer = z.infer<typeof CheckAnswerSchema>;

export const ExportRequestSchema = z.object({ transferId: TransferIdSchema, source: SourceRefSchema });
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

/** Where a resumed import continues: every file before `fileIndex` is complete; `offset` bytes of that one are held. */
export const CheckpointSchema = z.object({
  fileIndex: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  state: ImportStateSchema,
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export const ImportRequestSchema = z.object({
  transferId: TransferIdSchema,
  /** The source node's base URL (its base path included), as the gateway reaches it. */
  sourceUrl: z.string().url(),
  /** See grantKeyFor. */
  grantKey: z.string().regex(/^[0-9a-f]{64}$/),
  target: ImportTargetSchema,
  manifest: ExportManifestSchema,
  chunkBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(64 * 1024 * 1024),
  /** Absent: a new import. */
  resume: CheckpointSchema.optional(),
});
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

export const TransferPhaseSchema = z.enum([
  'PREPARING',
  'COPYING',
  'WAITING',
  'IMPORTING',
  'REMOVING_SOURCE',
  'DONE',
  'FAILED',
  'CANCELLED',
]);
export type TransferPhase = z.infer<typeof TransferPhaseSchema>;

const count = z.number().finite().nonnegative();

/** A destination node's report on one import: the payload of a `transfer` node event (zod objects drop keys they do not name). */
export const TransferReportSchema = z.object({
  transferId: TransferIdSchema,
  /** COPYING while chunks move, WAITING while the source is out of reach (retrying), IMPORTING, DONE, FAILED, CANCELLED. */
  phase: TransferPhaseSchema,
  /** Acknowledged by the destination cloud: the checkpoint. */
  checkpoint: CheckpointSchema,
  bytesDone: count,
  bytesTotal: count,
  /** Bytes fetched from the source node by this node since the import (re)started, resent ones included. */
  bytesSent: count,
  rateBytesPerSec: count,
  /** DONE: the new item's native id and the checksum the destination cloud reports. */
  result: z.object({ id: z.string().min(1), sha256: z.string().nullable() }).optional(),
  /** FAILED, WAITING: why, in words a client may read. */
  error: z.string().optional(),
});
export type TransferReport = z.infer<typeof TransferReportSchema>;
