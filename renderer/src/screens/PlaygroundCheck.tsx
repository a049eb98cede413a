/**
 * Playground → Check my encryption: paste what your own system produced and read the verdict with
 * every step that led to it (the same checks as `einvoice check-encryption`).
 */
import { useState } from 'react';
import type { CheckKind } from '../../../shared/ipc/playground.schema';
import { CopyButton } from '../components/TraceValueView';
import { usePlayground } from '../stores/playground.store';

const KINDS: Array<[CheckKind, string, string]> = [
  ['auth', 'Auth payload', 'The auth request body ({"Data": "..."}, or the legacy v1.03 {"data": {...}}) or just its Base64, encrypted with the practice IRP\'s public key below.'],
  ['sek', 'AppKey + Sek', 'The AppKey your system generated and the Sek the IRP returned: does this AppKey open this Sek?'],
  ['payload', 'SEK + payload', 'A request body encrypted with a SEK ({"Data": "..."} or its Base64): it is decrypted and read as INV-01 (or a cancel / e-way bill body).'],
];

export function PlaygroundCheck() {
  const { check, checking, runCheck, publicKeyPem, keyThumbprint } = usePlayground();
  const [kind, setKind] = useState<CheckKind>('auth');
  const [input, setInput] = useState('');
  const [appKey, setAppKey] = useState('');
  const [sek, setSek] = useState('');
  const run = () => void runCheck({ kind, ...(kind !== 'sek' ? { input } : {}), ...(kind === 'sek' ? { appKey } : {}), ...(kind !== 'auth' ? { sek } : {}) });

  return (
    <section aria-label="Check my encryption">
      <div className="chips" role="radiogroup" aria-label="What to check">
        {KINDS.map(([k, label]) => (
          <button key={k} type="button" role="radio" aria-checked={kind === k} className={kind === k ? 'filter active' : 'filter'} onClick={() => setKind(k)}>{label}</button>
        ))}
      </div>
      <p className="muted">{KINDS.find(([k]) => k === kind)?.[2]}</p>
      <form className="pg-check-form" onSubmit={(e) => { e.preventDefault(); run(); }}>
        {kind === 'sek' && (
          <label className="field pg-wide">AppKey (Base64)
            <input className="mono" value={appKey} onChange={(e) => setAppKey(e.target.value)} aria-label="AppKey (Base64)" />
          </label>
        )}
        {kind !== 'auth' && (
          <label className="field pg-wide">{kind === 'sek' ? 'Sek as received (Base64)' : 'SEK (Base64, 32 bytes decrypted)'}
            <input className="mono" value={sek} onChange={(e) => setSek(e.target.value)} aria-label={kind === 'sek' ? 'Sek (Base64)' : 'SEK (Base64)'} />
          </label>
        )}
        {kind !== 'sek' && (
          <label className="field pg-wide">{kind === 'auth' ? 'Encrypted auth payload' : 'Encrypted request body'}
            <textarea className="mono" rows={6} value={input} onChange={(e) => setInput(e.target.value)} aria-label="Encrypted payload" />
          </label>
        )}
        <div className="actions"><button type="submit" className="primary" disabled={checking}>{checking ? 'Checking…' : 'Check'}</button></div>
      </form>
      {kind === 'auth' && publicKeyPem && (
        <details className="pg-key">
          <summary>The practice IRP's encryption public key (SHA-256 {keyThumbprint})</summary>
          <div className="pg-value-head"><span className="pg-label">Public key (PEM)</span><CopyButton text={publicKeyPem} label="public key" /></div>
          <pre className="pg-pre mono">{publicKeyPem}</pre>
        </details>
      )}
      {check && (
        <div className={check.ok ? 'pg-verdict pg-verdict-ok' : 'pg-verdict pg-verdict-bad'} role="status" data-testid="check-verdict">
          <p><b className="mono" data-testid="verdict-code">{check.verdict}</b> {check.message}</p>
          <ol className="pg-check-steps">
            {check.steps.map((s, i) => <li key={i} className={s.ok ? 'ok-text' : 'error-text'}>{s.ok ? '✓' : '✗'} <b>{s.step}</b>: {s.detail}</li>)}
          </ol>
          {check.problems && check.problems.length > 0 && (
            <ul className="problems">{check.problems.map((p, i) => <li key={i}>[{p.code}] {p.path || '(document)'}: {p.message}</li>)}</ul>
          )}
          {check.plaintext !== undefined && (
            <>
              <div className="pg-value-head"><span className="pg-label">Plaintext</span><CopyButton text={check.plaintext} label="plaintext" /></div>
              <pre className="pg-pre mono">{check.plaintext}</pre>
            </>
          )}
        </div>
      )}
    </section>
  );
}
