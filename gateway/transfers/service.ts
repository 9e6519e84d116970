/**
 * The transfer coordinator's front door (`Transfers`, ./types.ts): validate and start,
 * read, cancel and await transfers. A transfer is stored RUNNING/PREPARING before any
 * node is asked to do anything, then set going in the background (./launch.ts); its
 * progress comes from the destination node's reports (./progress.ts) and it resumes
 * from its checkpoint after interruptions (./resume.ts).
 */
import { randomUUID } from 'node:crypto';
import { isTenantPrincipal, type Principal } from '../../schema/principal';
import { ErrorCode, graphQLError } from '../errors';
import type { StoredTransfer } from '../store/types';
import { fail } from './ending';
import { launch } from './launch';
import { IMPORT_PHASES, toRecord, visibleTo } from './record';
import type { TransferResumer } from './resume';
import type { TransferRuntime } from './runtime';
import type { TransferRecord, Transfers, TransferSpec } from './types';
import { validateTransfer, type ValidationDeps } from './validation';

const MAX_PAGE = 500;

/** A principal as kept with its transfer: who, in which role and tenant (never a node scope, which is per request). */
function keptPrincipal(principal: Principal): Principal {
  return isTenantPrincipal(principal)
    ? { subject: principal.subject, role: principal.role, tenantId: principal.tenantId }
    : { subject: principal.subject, role: principal.role };
}

export class TransferService implements Transfers {
  constructor(
    private readonly rt: TransferRuntime,
    private readonly resumer: TransferResumer,
    private readonly validation: Omit<ValidationDeps, 'routes'>,
  ) {}

  async start(principal: Principal, spec: TransferSpec): Promise<TransferRecord> {
    const valid = await validateTransfer({ ...this.validation, routes: this.rt.routes }, principal, spec);
    const id = `transfer-${randomUUID()}`;
    const now = this.rt.now();
    const stored: StoredTransfer = {
      id,
      taskId: `${spec.targetCloudId}:${id}`,
      operation: spec.operation,
      principal: keptPrincipal(principal),
      ...(isTenantPrincipal(principal) ? { tenantId: principal.tenantId } : {}),
      sourceId: spec.sourceId,
      sourceCloudId: valid.source.cloudId,
      targetCloudId: spec.targetCloudId,
      target: valid.target,
      source: { type: valid.source.type, id: valid.source.id },
      state: 'RUNNING',
      phase: 'PREPARING',
      bytesDone: 0,
      // Until the export's manifest says (descriptor included): the disks as the source described them.
      bytesTotal: valid.inspected.sizeBytes,
      rateBytesPerSec: 0,
      sentByRun: { '0': 0 },
      resumes: 0,
      sourceChecksum: valid.inspected.sha256,
      targetChecksum: null,
      resultId: null,
      error: null,
      manifest: null,
      checkpoint: null,
      createdAt: now,
      updatedAt: now,
      lastProgressAt: now,
    };
    await this.rt.store.create(stored);
    this.rt.publish(stored, 'PREPARING');
    void this.resumer.track(id, () => launch(this.rt, stored, 'COPYING'));
    return toRecord(stored);
  }

  async get(principal: Principal, id: string): Promise<TransferRecord | undefined> {
    const stored = await this.visible(principal, id);
    return stored ? toRecord(stored) : undefined;
  }

  async list(principal: Principal, first: number): Promise<TransferRecord[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw graphQLError(ErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_PAGE}`);
    }
    const filter = isTenantPrincipal(principal) ? { tenantId: principal.tenantId } : {};
    return (await this.rt.store.list(filter, first)).filter((t) => visibleTo(principal, t)).map(toRecord);
  }

  async cancel(principal: Principal, id: string): Promise<TransferRecord> {
    const stored = await this.visible(principal, id);
    if (!stored) throw graphQLError(ErrorCode.NOT_FOUND, `Transfer "${id}" not found`);
    const refuse = (current: StoredTransfer) =>
      graphQLError(
        ErrorCode.CONFLICT,
        current.state !== 'RUNNING'
          ? `Transfer "${id}" has already ended (${current.state})`
          : `Transfer "${id}" is verified and removing its source: it can no longer be cancelled`,
      );
    if (stored.state !== 'RUNNING' || stored.phase === 'REMOVING_SOURCE') throw refuse(stored);
    const ended = await fail(this.rt, stored, 'cancelled', 'CANCELLED', IMPORT_PHASES);
    if (ended) return toRecord(ended);
    // It ended meanwhile (done, failed, or cancelled by someone else).
    const current = await this.rt.store.get(id);
    throw refuse(current ?? stored);
  }

  async settled(id: string): Promise<TransferRecord> {
    const stored = await this.rt.store.get(id);
    if (!stored) throw graphQLError(ErrorCode.NOT_FOUND, `Transfer "${id}" not found`);
    if (stored.state !== 'RUNNING') return toRecord(stored);
    const waiting = this.rt.waitFor(id);
    // Read again once waiting: an ending between the first read and the wait is still seen.
    const current = await this.rt.store.get(id);
    if (current) this.rt.settle(current);
    return waiting;
  }

  /** The stored transfer when it exists and the principal may see it; otherwise undefined, alike. */
  private async visible(principal: Principal, id: string): Promise<StoredTransfer | undefined> {
    const stored = await this.rt.store.get(id);
    return stored && visibleTo(principal, stored) ? stored : undefined;
  }
}
