/**
 * One transfer as a table row: what it copies where, its state and phase, its
 * progress (bar, percent and rate) while it runs, the resumes it took, whether the
 * copy's checksum equals the source's once done, and why it failed. Cancel, for a
 * role that may, on a running one (the gateway decides again).
 */
import { Progress } from '../../components/Progress';
import { StatusBadge } from '../../components/StatusBadge';
import { formatBytes, formatRate, formatTime } from '../../format';
import { OPERATION_LABELS, TRANSFER_PHASE_LABELS } from '../../labels';
import { href } from '../../router';
import { useLiveTransfer, type TransferRow as Row } from './useLiveTransfer';

/** A checksum as a reader compares it: its first hex digits (the whole one in the title). */
const short = (sha: string) => `${sha.slice(0, 12)}…`;

/** The state in words; a cancelled transfer is FAILED with phase CANCELLED, and reads as cancelled. */
function StateBadge({ transfer }: { transfer: Row }) {
  if (transfer.state === 'FAILED' && transfer.progress.phase === 'CANCELLED') return <StatusBadge status="CANCELLED" label="cancelled" />;
  return <StatusBadge status={transfer.state} label={transfer.state.toLowerCase()} />;
}

function Checksums({ transfer }: { transfer: Row }) {
  const { sourceChecksum: source, targetChecksum: target } = transfer;
  const match = source && target ? String(source === target) : '';
  return (
    <td
      data-label="Checksum"
      data-testid="transfer-checksum"
      data-match={match}
      data-source-sha={source ?? ''}
      data-target-sha={target ?? ''}
    >
      {source && target ? (
        source === target ? (
          <span class="in-sync" title={`SHA-256 ${source}`}>
            ✓ match <code>{short(source)}</code>
          </span>
        ) : (
          <span class="error" title={`source ${source}, copy ${target}`}>
            ✗ differ: source <code>{short(source)}</code>, copy <code>{short(target)}</code>
          </span>
        )
      ) : source ? (
        <span class="muted" title={`SHA-256 ${source}`}>
          source <code>{short(source)}</code>
        </span>
      ) : (
        <span class="muted">—</span>
      )}
    </td>
  );
}

export function TransferRow({
  transfer: read,
  names,
  cancel,
  cancelling,
  onEnded,
}: {
  transfer: Row;
  /** Cloud and VDC names by id, where known. */
  names: ReadonlyMap<string, string>;
  /** Set for a role that may cancel. */
  cancel?: (id: string) => void;
  cancelling: boolean;
  onEnded: () => void;
}) {
  const [t, source] = useLiveTransfer(read, onEnded);
  const { phase, percent, bytesDone, bytesTotal, rateBytesPerSec } = t.progress;
  const running = t.state === 'RUNNING';
  return (
    <tr
      data-testid="transfer-row"
      data-transfer={t.id}
      data-task-id={t.taskId}
      data-state={t.state}
      data-phase={phase}
      data-source={source}
    >
      <td data-label="Started">{formatTime(t.createdAt)}</td>
      <td data-label="Operation">{OPERATION_LABELS[t.operation]}</td>
      <td data-label="Source" data-testid="transfer-source">
        {t.operation === 'COPY_TEMPLATE' ? <code>{t.sourceId}</code> : <a href={href(['vms', t.sourceId])}>{t.sourceId}</a>}
      </td>
      <td data-label="Target" data-testid="transfer-target" data-cloud={t.targetCloudId} data-vdc={t.targetVdcId ?? ''}>
        <span title={t.targetCloudId}>{names.get(t.targetCloudId) ?? t.targetCloudId}</span>
        {t.targetVdcId ? (
          <>
            {' / '}
            <span title={t.targetVdcId}>{names.get(t.targetVdcId) ?? t.targetVdcId}</span>
          </>
        ) : null}
      </td>
      <th scope="row" data-testid="transfer-name">
        {t.resultId && t.operation !== 'COPY_TEMPLATE' ? <a href={href(['vms', t.resultId])}>{t.name}</a> : t.name}
      </th>
      <td data-label="State" data-testid="transfer-state">
        <StateBadge transfer={t} />
        {t.state === 'FAILED' && t.error ? (
          <p class="transfer-error" data-testid="transfer-error">
            {t.error}
          </p>
        ) : null}
      </td>
      <td data-label="Progress" data-testid="transfer-progress" data-percent={percent}>
        {running ? (
          <Progress
            label={TRANSFER_PHASE_LABELS[phase]}
            value={percent}
            detail={`${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)} · ${formatRate(rateBytesPerSec)}`}
          />
        ) : (
          <span>
            {TRANSFER_PHASE_LABELS[phase]} · {percent} % ({formatBytes(bytesDone)} of {formatBytes(bytesTotal)})
          </span>
        )}
      </td>
      <td class="number" data-label="Resumes" data-testid="transfer-resumes">
        {t.resumes}
      </td>
      <Checksums transfer={t} />
      {cancel ? (
        <td class="transfer-actions">
          {running ? (
            <button type="button" disabled={cancelling} onClick={() => cancel(t.id)} aria-label={`Cancel ${t.name}`}>
              {cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
