/**
 * Settings → Data → "Check the ledger": SQLite's full integrity check and the journal chain. Green
 * only for a ledger that passed; a damaged one gets the core's plain message (which file, what is
 * wrong, how to restore the latest backup), never a reassurance nobody checked.
 */
import { useState } from 'react';
import type { Res } from '../api/types';
import { ApiError, invoke } from '../api/client';

type Check = Res<'data:check'>;

export function LedgerCheck() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Check | { error: string } | undefined>();
  const run = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      setResult(await invoke('data:check', {}));
    } catch (e) {
      setResult({ error: e instanceof ApiError ? `${e.message} (${e.code})` : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const ok = result !== undefined && 'ok' in result && result.ok;
  return (
    <section className="ledger-check" aria-labelledby="ledger-check-title">
      <h3 id="ledger-check-title">Check the ledger</h3>
      <p className="muted">Reads every page of the ledger and checks its journal. On a large ledger this takes a while.</p>
      <button className="secondary" onClick={() => void run()} disabled={busy} aria-busy={busy}>
        {busy ? 'Checking…' : 'Check the ledger'}
      </button>
      {result && (
        <div className={`notice ${ok ? 'notice-ok' : 'notice-error'}`} role={ok ? 'status' : 'alert'} data-testid="ledger-check-result">
          {'error' in result ? result.error : result.message}
          {'problems' in result && result.problems.length > 1 && (
            <ul className="mono">{result.problems.slice(0, 5).map((p) => <li key={p}>{p}</li>)}</ul>
          )}
        </div>
      )}
    </section>
  );
}
