/**
 * Transfer state on every backend of ./backends: the checkpoint a resumed transfer
 * continues from only moves forward, a replayed report changes nothing, and the
 * conditional writes let one of two replicas end a transfer.
 */
import type { StoredTransfer, Store, TransferProgressUpdate } from '../../../gateway/store/types';
import { backends } from './backends';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 10, minute));

function transfer(id: string, overrides: Partial<StoredTransfer> = {}): StoredTransfer {
  return {
    id,
    taskId: `nova-eu:${id}`,
    operation: 'COPY_VM',
    principal: { subject: 'alice', role: 'tenant-admin', tenantId: 'acme' },
    tenantId: 'acme',
    sourceId: 'dc-east:vm-1003',
    sourceCloudId: 'dc-east',
    targetCloudId: 'nova-eu',
    target: { kind: 'vm', vdcId: 'nova-eu-a', name: 'web-1' },
    state: 'RUNNING',
    phase: 'PREPARING',
    bytesDone: 0,
    bytesTotal: 0,
    rateBytesPerSec: 0,
    resumes: 0,
    sourceChecksum: null,
    targetChecksum: null,
    resultId: null,
    error: null,
    createdAt: at(0),
    updatedAt: at(0),
    source: { type: 'vm', id: 'vm-1003' },
    manifest: null,
    checkpoint: null,
    sentByRun: {},
    lastProgressAt: at(0),
    ...overrides,
  };
}

const report = (offset: number, run: number, bytesSent: number, minute: number): TransferProgressUpdate => ({
  phase: 'COPYING',
  checkpoint: { fileIndex: 1, offset, state: { key: 'k' } },
  bytesDone: offset,
  bytesTotal: 1000,
  rateBytesPerSec: 10,
  run,
  bytesSent,
  error: null,
  at: at(minute),
});

describe.each(backends)('transfer repository on $name', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.openStore();
  });
  afterEach(() => backend.cleanup());

  it('keeps a transfer once by id', async () => {
    await store.transfers.create(transfer('transfer-a'));
    await expect(store.transfers.create(transfer('transfer-a'))).rejects.toThrow();
    expect(await store.transfers.get('transfer-a')).toMatchObject({ id: 'transfer-a', state: 'RUNNING' });
  });

  it('moves the checkpoint only forward, and a replayed or late report changes nothing', async () => {
    await store.transfers.create(transfer('transfer-b', { phase: 'COPYING' }));
    await store.transfers.progress('transfer-b', ['COPYING'], report(600, 0, 600, 1));
    const replayed = await store.transfers.progress('transfer-b', ['COPYING'], report(600, 0, 600, 1));
    const late = await store.transfers.progress('transfer-b', ['COPYING'], report(300, 0, 300, 2));
    for (const t of [replayed, late, await store.transfers.get('transfer-b')]) {
      expect(t).toMatchObject({ bytesDone: 600, checkpoint: { fileIndex: 1, offset: 600 }, sentByRun: { '0': 600 } });
    }
    // A second run counts its own bytes.
    expect(await store.transfers.resumed('transfer-b', ['COPYING'], 0, at(3))).toMatchObject({ resumes: 1 });
    await store.transfers.progress('transfer-b', ['COPYING'], report(900, 1, 300, 4));
    expect(await store.transfers.get('transfer-b')).toMatchObject({ bytesDone: 900, sentByRun: { '0': 600, '1': 300 } });
  });

  it('lets one of two writers end a transfer, and none resume it twice at one count', async () => {
    await store.transfers.create(transfer('transfer-c', { phase: 'IMPORTING' }));
    const ends = await Promise.all([
      store.transfers.transition('transfer-c', ['IMPORTING'], { state: 'SUCCEEDED', phase: 'DONE', updatedAt: at(5) }),
      store.transfers.transition('transfer-c', ['IMPORTING'], { state: 'SUCCEEDED', phase: 'DONE', updatedAt: at(5) }),
    ]);
    expect(ends.filter((t) => t !== null)).toHaveLength(1);
    expect(await store.transfers.progress('transfer-c', ['COPYING', 'IMPORTING'], report(1000, 0, 1000, 6))).toBeNull();
    expect(await store.transfers.running()).toEqual([]);

    await store.transfers.create(transfer('transfer-d', { phase: 'WAITING' }));
    const resumes = await Promise.all([
      store.transfers.resumed('transfer-d', ['WAITING'], 0, at(7)),
      store.transfers.resumed('transfer-d', ['WAITING'], 0, at(7)),
    ]);
    expect(resumes.filter((t) => t !== null)).toHaveLength(1);
    expect((await store.transfers.get('transfer-d'))!.resumes).toBe(1);
  });

  it("lists newest first, a tenant's own only", async () => {
    await store.transfers.create(transfer('transfer-e', { createdAt: at(1) }));
    await store.transfers.create(
      transfer('transfer-f', {
        createdAt: at(2),
        tenantId: 'globex',
        principal: { subject: 'g', role: 'tenant-admin', tenantId: 'globex' },
      }),
    );
    await store.transfers.create(transfer('transfer-g', { createdAt: at(3) }));
    expect((await store.transfers.list({ tenantId: 'acme' }, 10)).map((t) => t.id)).toEqual(['transfer-g', 'transfer-e']);
    expect((await store.transfers.list({}, 2)).map((t) => t.id)).toEqual(['transfer-g', 'transfer-f']);
  });
});
