/**
 * Print (issue 17 item 10): choose the copies (Rule 48: original for the recipient, duplicate for
 * the transporter, triplicate for the supplier), see the PDF itself before saving it (drawn with
 * PDF.js into canvases: the exact bytes that will be saved), then save it; on the desktop also
 * print. One invoice or a batch from the list: the same dialog, one PDF.
 */
import { useEffect, useRef, useState } from 'react';
import type { PrintCopy } from '../../../shared/ipc/contract';
import { ApiError, invoke, isDesktop } from '../api/client';
import { ModalDialog } from './ModalDialog';

const COPIES: Array<[PrintCopy, string]> = [
  ['original', 'Original for recipient'],
  ['duplicate', 'Duplicate for transporter'],
  ['triplicate', 'Triplicate for supplier'],
];
/** Pages drawn in the preview (a batch can run to hundreds; the saved file has them all). */
const PREVIEW_PAGES = 6;

interface Rendered {
  fileName: string;
  base64: string;
  pages: number;
  note?: string;
}

function bytesOf(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Saves through the browser's download (the desktop shell shows its save dialog for it). */
export function downloadPdf(fileName: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([bytesOf(base64) as BlobPart], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function drawPreview(base64: string, into: HTMLElement, signal: { cancelled: boolean }): Promise<void> {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  // no eval and no font loading: the page's Content-Security-Policy allows neither, and glyphs drawn as paths look the same
  const doc = await pdfjs.getDocument({ data: bytesOf(base64), isEvalSupported: false, disableFontFace: true }).promise;
  into.replaceChildren();
  for (let n = 1; n <= Math.min(doc.numPages, PREVIEW_PAGES) && !signal.cancelled; n += 1) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1.25 });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.setAttribute('aria-label', `Page ${n} of ${doc.numPages}`);
    canvas.dataset.page = String(n);
    into.append(canvas);
    await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
  }
  await doc.destroy();
}

export function PrintDialog({ ids, title, onClose }: { ids: number[]; title: string; onClose: () => void }) {
  const [copies, setCopies] = useState<PrintCopy[]>(['original', 'duplicate', 'triplicate']);
  const [rendered, setRendered] = useState<Rendered>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const pagesRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const focusedOnce = useRef(false);
  const single = ids.length === 1;

  useEffect(() => {
    const signal = { cancelled: false };
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    const request = single
      ? invoke('pdf:render', { id: ids[0]!, ...(copies.length > 0 ? { copies } : {}) }).then((r): Rendered => r)
      : invoke('pdf:batch', { ids, ...(copies.length > 0 ? { copies } : {}) }).then((r): Rendered => ({
          ...r,
          note: r.skipped.length > 0 ? `${r.skipped.length} not included (nothing to print yet): ${r.skipped.map((x) => x.docNo).join(', ')}` : undefined,
        }));
    request
      .then(async (r) => {
        if (signal.cancelled) return;
        setRendered(r);
        if (pagesRef.current) await drawPreview(r.base64, pagesRef.current, signal);
      })
      .catch((e: unknown) => !signal.cancelled && setError(e instanceof ApiError ? e.message : 'The preview could not be made.'))
      .finally(() => !signal.cancelled && setBusy(false));
    return () => {
      signal.cancelled = true;
    };
  }, [ids, copies, single]);

  // Save PDF is the dialog's default action, but it is disabled until the first preview is made:
  // give it the focus then (once), so Enter saves without reaching for the mouse.
  useEffect(() => {
    if (busy || !rendered || focusedOnce.current) return;
    focusedOnce.current = true;
    const active = document.activeElement;
    if (!(active instanceof HTMLInputElement)) saveRef.current?.focus();
  }, [busy, rendered]);

  const toggle = (c: PrintCopy) => setCopies((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : COPIES.map(([k]) => k).filter((k) => k === c || cs.includes(k))));
  const save = async () => {
    if (!rendered) return;
    if (isDesktop() && single && copies.length === 0) {
      const r = await invoke('pdf:save', { id: ids[0]! });
      if (r.saved) setSaved(`Saved to ${r.path ?? ''}`);
      return;
    }
    downloadPdf(rendered.fileName, rendered.base64);
    setSaved(`${rendered.fileName} saved to your downloads (${rendered.pages} page${rendered.pages === 1 ? '' : 's'}).`);
  };

  return (
    <ModalDialog isOpen onClose={onClose} busy={false} role="dialog" wide testId="print-dialog" title={title}>
      <fieldset className="copies">
        <legend>Copies to print (each page is labelled)</legend>
        {COPIES.map(([c, label]) => (
          <label key={c}>
            <input type="checkbox" checked={copies.includes(c)} onChange={() => toggle(c)} /> {label}
          </label>
        ))}
      </fieldset>
      <p className="muted small" role="status" data-testid="print-summary">
        {busy ? 'Preparing the preview…' : rendered ? `${rendered.pages} page${rendered.pages === 1 ? '' : 's'}${copies.length === 0 ? ', no copy label' : ''}${rendered.pages > PREVIEW_PAGES ? `; the first ${PREVIEW_PAGES} are shown` : ''}.` : ''}
        {rendered?.note ? ` ${rendered.note}.` : ''}
      </p>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      <div className="preview-pages" ref={pagesRef} data-testid="print-preview" />
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>Close</button>
        {isDesktop() && single && <button type="button" className="secondary" disabled={busy} onClick={() => void invoke('pdf:print', { id: ids[0]! })}>Print…</button>}
        <button type="button" className="primary" ref={saveRef} autoFocus disabled={busy || !rendered} onClick={() => void save()}>Save PDF</button>
      </div>
      {saved && <p className="ok-text small" role="status">{saved}</p>}
    </ModalDialog>
  );
}
