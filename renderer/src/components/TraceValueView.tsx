/**
 * One value of a trace step: its label, a copy button, and for bytes a Base64/hex toggle (the
 * core sends bytes as Base64; hex is what many integrators' logs print). Masked values show what
 * was withheld and have nothing to copy.
 */
import { useState } from 'react';
import type { TraceValue } from '../../../shared/ipc/playground.schema';

export function base64ToHex(b64: string): string {
  try {
    return Array.from(atob(b64), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  } catch {
    return '';
  }
}

/** The Clipboard API (127.0.0.1 is a secure context); a hidden text area where it is missing. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="pg-copy"
      aria-label={`Copy ${label}`}
      onClick={() => void copyText(text).then((ok) => {
        setDone(ok);
        setTimeout(() => setDone(false), 1500);
      })}
    >
      {done ? 'Copied' : 'Copy'}
    </button>
  );
}

export function TraceValueView({ v }: { v: TraceValue }) {
  const [hex, setHex] = useState(false);
  if (v.masked) {
    return (
      <div className="pg-value pg-masked">
        <div className="pg-value-head"><span className="pg-label">{v.label}</span></div>
        <p className="muted">Masked: {v.note}</p>
      </div>
    );
  }
  const shown = v.kind === 'bytes' && hex ? base64ToHex(v.value) : v.value;
  const bytes = v.kind === 'bytes' ? Math.floor((v.value.replace(/=+$/, '').length * 3) / 4) : undefined;
  return (
    <div className="pg-value">
      <div className="pg-value-head">
        <span className="pg-label">{v.label}{bytes !== undefined && <small className="muted"> · {bytes} bytes</small>}</span>
        {v.kind === 'bytes' && (
          <span className="pg-toggle" role="group" aria-label={`${v.label} encoding`}>
            <button type="button" aria-pressed={!hex} className={hex ? '' : 'active'} onClick={() => setHex(false)}>Base64</button>
            <button type="button" aria-pressed={hex} className={hex ? 'active' : ''} onClick={() => setHex(true)}>hex</button>
          </span>
        )}
        <CopyButton text={shown} label={v.label} />
      </div>
      <pre className="pg-pre mono" data-label={v.label}>{shown}</pre>
    </div>
  );
}
