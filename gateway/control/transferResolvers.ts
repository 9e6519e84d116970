/**
 * Resolvers of the control subgraph for transfers: copyVm, moveVm, copyTemplate,
 * cancelTransfer, transfer, transfers. The rules are the coordinator's
 * (gateway/transfers/); here arguments become a TransferSpec and records the SDL's
 * Transfer. Who may call which is the role policy's (gateway/auth/policy.ts).
 */
import { parseGlobalId } from '../../schema/ids';
import { TransferIdSchema } from '../../schema/transfers';
import { ErrorCode, graphQLError } from '../errors';
import { malformedEntityId } from '../ids';
import type { TransferRecord, Transfers, TransferSpec } from '../transfers/types';
import type { CopyVmInput, Resolvers, Transfer } from './generated/graphql';
import { percentOf } from '../transfers/record';

export interface TransferDeps {
  transfers: Transfers;
}

const MAX_NAME = 128;

/** A name argument as the destination takes it; undefined: the source's own (an empty target name, see validation.ts). */
function nameArg(what: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (value.trim() === '' || value.length > MAX_NAME)
    throw graphQLError(ErrorCode.BAD_USER_INPUT, `${what} must be 1 to ${MAX_NAME} characters`);
  return value;
}

function vmSpec(operation: 'COPY_VM' | 'MOVE_VM', input: CopyVmInput): TransferSpec {
  const malformed = malformedEntityId('VirtualMachine', input.vmId) ?? malformedEntityId('VirtualDataCenter', input.targetVdcId);
  if (malformed) throw graphQLError(ErrorCode.BAD_USER_INPUT, malformed);
  const vdc = parseGlobalId(input.targetVdcId)!;
  return {
    operation,
    sourceId: input.vmId,
    targetCloudId: vdc.cloudId,
    target: { kind: 'vm', vdcId: vdc.nativeId, name: nameArg('name', input.name) },
  };
}

/** The SDL's Transfer for a record. */
export function transferOf(record: TransferRecord): Transfer {
  return {
    id: record.id,
    taskId: record.taskId,
    operation: record.operation,
    sourceId: record.sourceId,
    sourceCloudId: record.sourceCloudId,
    targetCloudId: record.targetCloudId,
    targetVdcId: record.target.kind === 'vm' ? `${record.targetCloudId}:${record.target.vdcId}` : null,
    name: record.target.name,
    state: record.state,
    progress: {
      phase: record.phase,
      bytesDone: record.bytesDone,
      bytesTotal: record.bytesTotal,
      percent: percentOf(record.bytesDone, record.bytesTotal),
      rateBytesPerSec: record.rateBytesPerSec,
    },
    sourceChecksum: record.sourceChecksum,
    targetChecksum: record.targetChecksum,
    resultId: record.resultId,
    resumes: record.resumes,
    bytesSent: record.bytesSent,
    error: record.error,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

function transferIdArg(id: string): string {
  if (!TransferIdSchema.safeParse(id).success)
    throw graphQLError(ErrorCode.BAD_USER_INPUT, `"${id}" is not a transfer id; expected "transfer-<uuid>"`);
  return id;
}

export function createTransferResolvers({ transfers }: TransferDeps): Resolvers {
  return {
    Query: {
      transfer: async (_root, { id }, { principal }) => {
        const record = await transfers.get(principal, transferIdArg(id));
        return record ? transferOf(record) : null;
      },
      transfers: async (_root, { first }, { principal }) => (await transfers.list(principal, first)).map(transferOf),
    },
    Mutation: {
      copyVm: async (_root, { input }, { principal }) => transferOf(await transfers.start(principal, vmSpec('COPY_VM', input))),
      moveVm: async (_root, { input }, { principal }) => transferOf(await transfers.start(principal, vmSpec('MOVE_VM', input))),
      copyTemplate: async (_root, { input }, { principal }) => {
        const malformed = malformedEntityId('Template', input.templateId);
        if (malformed) throw graphQLError(ErrorCode.BAD_USER_INPUT, malformed);
        const spec: TransferSpec = {
          operation: 'COPY_TEMPLATE',
          sourceId: input.templateId,
          targetCloudId: input.targetCloudId,
          target: { kind: 'template', catalog: nameArg('targetCatalog', input.targetCatalog), name: nameArg('name', input.name) },
        };
        return transferOf(await transfers.start(principal, spec));
      },
      cancelTransfer: async (_root, { id }, { principal }) => transferOf(await transfers.cancel(principal, transferIdArg(id))),
    },
  };
}
