/**
 * "Copy to another cloud…" for a role that may (the gateway decides again, and checks
 * the target is the caller's): a VDC of the caller's in another cloud and a name, then
 * copyVm. The copy is a task on this VM: its progress arrives on the page's
 * `taskProgress(vmId:)` feed and shows in the task panel as a power task does.
 */
import type { CombinedError } from '@urql/core';
import { useMutation, useQuery } from '@urql/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Problems } from '../../components/Problems';
import { cloudKindLabel } from '../../labels';
import { href } from '../../router';
import { CopyTargetsQuery, CopyVmMutation } from './copyDocuments';
import type { ShownTask } from './PowerControls';

/** The task panel's state, set from the mutation's answer unless the task's own events got there first. */
type SetTask = (update: (current: ShownTask | undefined) => ShownTask | undefined) => void;

export function CopyControls({
  vm,
  busy,
  setTask,
}: {
  vm: { id: string; name: string | null | undefined; cloudId: string };
  /** A task is running on this VM. */
  busy: boolean;
  setTask: SetTask;
}) {
  const [open, setOpen] = useState(false);
  const [targets] = useQuery({ query: CopyTargetsQuery, pause: !open });
  const [copying, copyVm] = useMutation(CopyVmMutation);
  const [vdcId, setVdcId] = useState('');
  const [name, setName] = useState(`${vm.name ?? 'vm'}-copy`);
  const [error, setError] = useState<CombinedError | undefined>(undefined);
  const [started, setStarted] = useState<{ name: string; vdc: string } | undefined>(undefined);
  const select = useRef<HTMLSelectElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  // Focus follows the form: into it when it opens, back to its button when it closes.
  useEffect(() => {
    if (open) select.current?.focus();
    else if (opened.current) opener.current?.focus();
    opened.current = open;
  }, [open]);
  // Other clouds only (a copy goes across); a cloud whose VDCs could not be read offers none.
  const clouds = (targets.data?.clouds ?? []).filter((c) => c.id !== vm.cloudId && c.vdcs?.length);
  const vdcName = (id: string) =>
    clouds
      .flatMap((c) => (c.vdcs ?? []).map((v) => ({ id: v.id, label: `${v.name ?? v.id} (${c.name ?? c.id})` })))
      .find((v) => v.id === id)?.label ?? id;

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    const answer = await copyVm({ input: { vmId: vm.id, targetVdcId: vdcId, name: name.trim() } });
    const transfer = answer.data?.copyVm;
    if (answer.error || !transfer) return setError(answer.error);
    setStarted({ name: transfer.name, vdc: vdcName(vdcId) });
    setOpen(false);
    setTask((current) =>
      current?.taskId === transfer.taskId
        ? current
        : {
            taskId: transfer.taskId,
            operation: 'COPY_VM',
            state: transfer.state,
            progress: transfer.progress.percent,
            transfer: transfer.progress,
          },
    );
  };

  return (
    <section class="vm-copy" aria-labelledby="copy-title">
      <h2 id="copy-title">Copy</h2>
      {open ? (
        <form class="vm-copy-form" onSubmit={(e) => void submit(e)}>
          <div>
            <label for="copy-vdc">Target VDC</label>
            <select id="copy-vdc" ref={select} required value={vdcId} onChange={(e) => setVdcId((e.target as HTMLSelectElement).value)}>
              <option value="">{targets.data ? 'Choose a VDC…' : 'Reading your VDCs…'}</option>
              {clouds.map((cloud) => (
                <optgroup key={cloud.id} label={`${cloud.name ?? cloud.id} (${cloudKindLabel(cloud.kind, 'product')})`}>
                  {(cloud.vdcs ?? []).map((vdc) => (
                    <option key={vdc.id} value={vdc.id}>
                      {vdc.name ?? vdc.id}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div>
            <label for="copy-name">Name of the copy</label>
            <input id="copy-name" required value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </div>
          <div class="vm-copy-actions">
            <button type="submit" disabled={!vdcId || !name.trim() || copying.fetching}>
              {copying.fetching ? 'Starting the copy…' : 'Copy'}
            </button>
            <button type="button" class="link" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <Problems error={targets.error} what="Some clouds' VDCs could not be read" />
        </form>
      ) : (
        <button type="button" ref={opener} disabled={busy} onClick={() => (setOpen(true), setStarted(undefined))}>
          Copy to another cloud…
        </button>
      )}
      {started ? (
        <p class="muted" data-testid="copy-started">
          Copying as {started.name} into {started.vdc}: follow it in the task above, or in <a href={href(['transfers'])}>Transfers</a>.
        </p>
      ) : null}
      <Problems error={error} what="The copy did not start" />
    </section>
  );
}
