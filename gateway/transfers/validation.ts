/**
 * Everything a transfer must pass before any byte moves: ids well formed, two
 * different clouds, the source and the target the caller's, the source exportable
 * as it is (a running VM where its cloud exports only powered-off ones), the target
 * free and big enough. Isolation first and alike: a tenant naming another tenant's VM
 * or VDC gets the very NOT_FOUND a nonexistent one gets (message and extensions, the
 * routed ids' wording), and no node is asked anything about it; a node's own
 * NOT_FOUND is answered in the same words, so the two cannot be told apart.
 */
import type { GraphQLError } from 'graphql';
import { parseGlobalId } from '../../schema/ids';
import { isTenantPrincipal, type Principal } from '../../schema/principal';
import type { ImportTarget, InspectAnswer } from '../../schema/transfers';
import { ErrorCode, graphQLError } from '../errors';
import { malformedEntityId, malformedSlug } from '../ids';
import type { AccessGuard } from '../isolation/guard';
import type { NodeInstance, NodeRegistry } from '../registry';
import { NodeRouteError, type NodeRoutes } from './nodeRoutes';
import type { TransferSpec } from './types';

/** A transfer that passed: the nodes, the source as its cloud describes it, the target with its name settled. */
export interface ValidTransfer {
  spec: TransferSpec;
  source: { type: 'vm' | 'template'; id: string; cloudId: string };
  sourceNode: NodeInstance;
  targetNode: NodeInstance;
  inspected: InspectAnswer;
  target: ImportTarget;
}

export interface ValidationDeps {
  guard: Pick<AccessGuard, 'allowsMany' | 'nodePrincipal'>;
  registry: Pick<NodeRegistry, 'find'>;
  routes: Pick<NodeRoutes, 'inspect' | 'check'>;
}

const notFound = (typename: string, id: string): GraphQLError => graphQLError(ErrorCode.NOT_FOUND, `${typename} "${id}" not found`);

/** A node's refusal as the client gets it: its NOT_FOUND in `missing`'s words, the rest as the node said. */
function fromNode(err: unknown, missing: () => GraphQLError): never {
  if (err instanceof NodeRouteError) throw err.code === ErrorCode.NOT_FOUND ? missing() : graphQLError(err.code, err.message);
  throw err;
}

/**
 * Validate `spec` for `principal`. A target name left empty means the source's name.
 * Throws a GraphQLError with a code of schema/errorCodes.ts.
 */
export async function validateTransfer(deps: ValidationDeps, principal: Principal, spec: TransferSpec): Promise<ValidTransfer> {
  const template = spec.operation === 'COPY_TEMPLATE';
  const sourceType = template ? 'Template' : 'VirtualMachine';
  const malformed = malformedEntityId(sourceType, spec.sourceId) ?? malformedSlug('cloudId', spec.targetCloudId);
  if (malformed) throw graphQLError(ErrorCode.BAD_USER_INPUT, malformed);
  if ((spec.target.kind === 'template') !== template) {
    throw graphQLError(ErrorCode.BAD_USER_INPUT, `${spec.operation} needs a ${template ? 'catalog' : 'VDC'} as its target`);
  }
  // Operators only (the role policy says so for the API; this holds for every other caller too).
  if (template && isTenantPrincipal(principal)) throw graphQLError(ErrorCode.FORBIDDEN, 'Not allowed: Mutation.copyTemplate');
  const source = parseGlobalId(spec.sourceId)!;
  if (source.cloudId === spec.targetCloudId) {
    throw graphQLError(
      ErrorCode.BAD_USER_INPUT,
      'the target is in the same cloud as the source: copy into a VDC or catalog of another cloud',
    );
  }
  const missingSource = () => notFound(sourceType, spec.sourceId);
  const targetVdcId = spec.target.kind === 'vm' ? `${spec.targetCloudId}:${spec.target.vdcId}` : undefined;
  const missingTarget = () => (targetVdcId ? notFound('VirtualDataCenter', targetVdcId) : notFound('Cloud', spec.targetCloudId));

  // Isolation before any node is asked: a foreign id ends here, as an unknown one would.
  const sourceNode = deps.registry.find('cloud-node', source.cloudId);
  const targetNode = deps.registry.find('cloud-node', spec.targetCloudId);
  const [sourceMine, targetMine] = await deps.guard.allowsMany(principal, [
    { typename: 'VirtualMachine', id: spec.sourceId },
    targetVdcId ? { typename: 'VirtualDataCenter', id: targetVdcId } : { typename: 'Cloud', id: `${spec.targetCloudId}:` },
  ]);
  if (!sourceNode || (!template && !sourceMine)) throw missingSource();
  if (!targetNode || (!template && !targetMine)) throw missingTarget();

  const sourceRef = { type: template ? ('template' as const) : ('vm' as const), id: source.nativeId };
  const inspected = await deps.routes
    .inspect(sourceNode, sourceRef, await deps.guard.nodePrincipal(principal, source.cloudId))
    .catch((err: unknown) => fromNode(err, missingSource));
  if (inspected.exportNeedsPoweredOff && inspected.powerState !== null && inspected.powerState !== 'POWERED_OFF') {
    throw graphQLError(
      ErrorCode.CONFLICT,
      `${sourceType} "${spec.sourceId}" is ${inspected.powerState.toLowerCase().replace(/_/g, ' ')}: power it off first (its cloud exports only a powered-off VM)`,
    );
  }
  const target: ImportTarget = { ...spec.target, name: spec.target.name || inspected.name };
  const verdict = await deps.routes
    .check(
      targetNode,
      { target, sizeBytes: inspected.sizeBytes, cpuCount: inspected.cpuCount, memoryMb: inspected.memoryMb },
      await deps.guard.nodePrincipal(principal, spec.targetCloudId),
    )
    .catch((err: unknown) => fromNode(err, missingTarget));
  if (!verdict.ok) throw verdict.code === ErrorCode.NOT_FOUND ? missingTarget() : graphQLError(verdict.code, verdict.message);
  return { spec, source: { ...sourceRef, cloudId: source.cloudId }, sourceNode, targetNode, inspected, target };
}
