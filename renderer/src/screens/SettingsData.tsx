/**
 * Settings → Data: the data folder and the ledger in it, "Back up now", the backups with a restore
 * each. A restore is confirmed in a modal dialog (focus kept inside, Escape cancels, focus back on
 * the row's button); when the core answers that the backup lacks IRNs the current ledger has, the
 * dialog lists their document numbers and only a second, explicit button restores anyway (the
 * current ledger is always kept as a safety backup).
 */
import { useEffect, useState } from 'react';
import { onEvent } from '../api/client';
import { ModalDialog } from '../components/ModalDialog';
import { LedgerCheck } from '../components/LedgerCheck';
import { istDisplay } from '../format';
import { useApp } from '../stores/app.store';
import { useData, type BackupItem, type IrnLoss } from '../stores/data.store';
import { formatBytes } from '../../../shared/bytes';
import type { AppEvent } from '../../../shared/ipc/contract';

const count = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en-IN'));
/** "1 invoice", "12,500 invoices" (Indian digit grouping). */
const counted = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

type DataProgressEvent = Extract<AppEvent, { type: 'data:progress' }>;

/** What a running backup or restore is doing, in words, with a bar where the total is known. */
function JobProgress({ p }: { p: DataProgressEvent }) {
  const what = p.job === 'backup' ? 'Backing up' : 'Restoring';
  const text =
    p.step === 'copy' ? `${what}: copying ${formatBytes(p.done)} of ${formatBytes(p.total)}`
      : p.step === 'integrity' ? `${what}: checking the copy (SQLite integrity check)`
        : p.step === 'journal' ? `${what}: checking the journal, ${count(p.done)} of ${count(p.total)} entries`
          : p.step === 'compare' ? `${what}: comparing the IRNs of both ledgers`
            : `${what}: putting the backup in place`;
  return (
    <div className="data-progress" role="status" data-testid="data-progress">
      <span>{text}… the app stays usable meanwhile.</span>
      {p.total > 0 ? <progress max={p.total} value={p.done} /> : <progress />}
    </div>
  );
}

function LossWarning({ loss, busy }: { loss: IrnLoss; busy: boolean }) {
  const { restore, cancelRestore } = useData.getState();
  const more = loss.count - loss.docNos.length;
  return (
    <div className="data-confirm data-loss" data-testid="restore-loss">
      <p role="alert">
        <strong>This backup does not have {loss.count} registered invoice{loss.count === 1 ? '' : 's'}</strong> that the current ledger has. After the
        restore their IRNs, signed invoices and QR codes would be only in the safety backup:
      </p>
      <ul className="data-docnos">
        {loss.docNos.map((d) => <li key={d} className="mono">{d}</li>)}
        {more > 0 && <li>and {more} more</li>}
      </ul>
      <div className="actions">
        <button className="secondary" onClick={cancelRestore} disabled={busy} autoFocus>Keep the current ledger</button>
        <button className="danger" disabled={busy} onClick={() => void restore(loss.fileName, true)}>
          {busy ? 'Restoring…' : 'Restore anyway (the current ledger is kept as a safety backup)'}
        </button>
      </div>
    </div>
  );
}

function ConfirmRestore({ backup, busy }: { backup: BackupItem; busy: boolean }) {
  const { restore, cancelRestore } = useData.getState();
  return (
    <div className="data-confirm">
      <p>
        Replace the current ledger with the backup of <strong>{istDisplay(backup.createdAt)}</strong> ({counted(backup.invoices ?? 0, 'invoice')},{' '}
        {counted(backup.registrations ?? 0, 'IRN')})? The current ledger is saved as a safety backup first, and appears in this list.
      </p>
      <div className="actions">
        <button className="secondary" onClick={cancelRestore} disabled={busy}>Cancel</button>
        <button className="primary" disabled={busy} onClick={() => void restore(backup.fileName, false)} autoFocus>
          {busy ? 'Restoring…' : `Restore ${backup.fileName}`}
        </button>
      </div>
    </div>
  );
}

/** The restore confirmation, then (when the core refuses) the IRN-loss warning, in one dialog. */
function RestoreDialog() {
  const { confirming, restoring, loss, backups, cancelRestore } = useData();
  const backup = backups.find((b) => b.fileName === confirming);
  const busy = restoring !== undefined;
  const lossHere = loss && loss.fileName === confirming ? loss : undefined;
  return (
    <ModalDialog
      isOpen={backup !== undefined}
      onClose={cancelRestore}
      busy={busy}
      testId="restore-dialog"
      title={lossHere ? 'The backup lacks registered invoices' : `Restore ${confirming ?? ''}?`}
    >
      {lossHere ? <LossWarning loss={lossHere} busy={busy} /> : backup && <ConfirmRestore backup={backup} busy={busy} />}
    </ModalDialog>
  );
}

function BackupRow({ b }: { b: BackupItem }) {
  const { restoring, latest, askRestore } = useData();
  return (
    <tr className={b.fileName === latest ? 'data-latest' : undefined} data-testid={`backup-${b.fileName}`}>
      <td>{istDisplay(b.createdAt)}</td>
      <td className="mono">
        {b.fileName}
        {b.safety && <span className="chip data-chip-safety">safety copy before a restore</span>}
      </td>
      <td className="num">{formatBytes(b.bytes)}</td>
      <td className="num">{count(b.invoices)}</td>
      <td className="num">{count(b.registrations)}</td>
      <td>
        {b.problem ? (
          <span className="error-text" title={b.problem.message}>{b.problem.message}</span>
        ) : (
          <button className="link" aria-haspopup="dialog" disabled={restoring !== undefined} onClick={() => askRestore(b.fileName)} aria-label={`Restore ${b.fileName}…`}>
            Restore…
          </button>
        )}
      </td>
    </tr>
  );
}

export function SettingsData() {
  const appInfo = useApp((a) => a.info);
  const { info, backups, backingUp, restoring, message, load, backup } = useData();
  const [progress, setProgress] = useState<DataProgressEvent>();
  // a new job starts from its own first report, not the last one of the previous job
  useEffect(() => {
    if (!backingUp && restoring === undefined) setProgress(undefined);
  }, [backingUp, restoring]);

  useEffect(() => {
    void useData.getState().load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent((e) => {
      if (e.type === 'data:progress') setProgress(e);
      if (e.type !== 'ledger:changed') return;
      clearTimeout(timer);
      timer = setTimeout(() => void useData.getState().load(), 500);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);

  return (
    <div className="data-settings">
      <h2>Data</h2>
      <dl className="facts">
        <dt>Data folder</dt><dd className="mono">{info?.dataDir ?? appInfo?.dataDir}</dd>
        <dt>Ledger</dt>
        <dd data-testid="ledger-facts">
          {info ? `${formatBytes(info.ledgerBytes)} · ${counted(info.invoices, 'invoice')} · ${counted(info.registrations, 'IRN')}` : '…'}
        </dd>
        <dt>Backups folder</dt><dd className="mono">{info?.backupsDir}</dd>
        <dt>Last backup</dt><dd>{info?.lastBackupAt ? istDisplay(info.lastBackupAt) : 'none yet'}</dd>
        <dt>Credential store</dt><dd>{appInfo?.vault.kind === 'keychain' ? 'System keychain' : 'Memory only'}</dd>
        <dt>Version</dt><dd>{appInfo?.version}</dd>
      </dl>
      <div className="data-actions">
        <button className="primary" onClick={() => void backup()} disabled={backingUp} aria-busy={backingUp}>
          {backingUp ? 'Backing up…' : 'Back up now'}
        </button>
        <button className="secondary" onClick={() => void load()}>Refresh list</button>
      </div>
      {progress && (backingUp || restoring !== undefined) && <JobProgress p={progress} />}
      {message && <div className={`notice notice-${message.kind}`} role="status" data-testid="data-message">{message.text}</div>}
      <p className="muted">
        Each backup is one file, checked after it is written. To move a backup to another computer, copy its file into the backups folder
        there; it then shows up in this list and can be restored.
      </p>
      <table className="plain data-backups">
        <caption className="data-caption">Backups, newest first (times in IST)</caption>
        <thead><tr><th>Date</th><th>File</th><th className="num">Size</th><th className="num">Invoices</th><th className="num">IRNs</th><th /></tr></thead>
        <tbody>
          {backups.length === 0 && <tr><td colSpan={6} className="muted">No backups yet.</td></tr>}
          {backups.map((b) => <BackupRow key={b.fileName} b={b} />)}
        </tbody>
      </table>
      <RestoreDialog />
      <LedgerCheck />
    </div>
  );
}
