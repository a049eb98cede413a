/** Small pieces the Settings forms share: a field with its refusal under it, and file reading. */
import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import type { FieldProblem } from '../stores/settings.store';

/**
 * A labelled control with the core's refusal for it below (message only: the code is in the
 * notice). The message sits outside the <label> so it does not become part of the control's name,
 * and is tied to the control with aria-describedby.
 */
export function SettingsField({ label, problem, note, wide, children }: { label: string; problem?: FieldProblem | string; note?: ReactNode; wide?: boolean; children: ReactElement }) {
  const id = useId();
  const message = typeof problem === 'string' ? problem : problem?.message;
  const describedBy = [message ? `${id}-err` : '', note ? `${id}-note` : ''].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children as ReactElement<Record<string, unknown>>, { 'aria-invalid': message ? true : undefined, 'aria-describedby': describedBy })
    : children;
  return (
    <div className={`field${message ? ' invalid' : ''}${wide ? ' wide' : ''}`}>
      <label>
        <span className="label">{label}</span>
        {control}
      </label>
      {note && <span className="settings-note" id={`${id}-note`}>{note}</span>}
      {message && <span className="settings-error" id={`${id}-err`} role="alert">{message}</span>}
    </div>
  );
}

function readAs(file: File, how: 'text' | 'dataUrl' | 'bytes'): Promise<string | ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result ?? '');
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    if (how === 'text') reader.readAsText(file);
    else if (how === 'dataUrl') reader.readAsDataURL(file);
    else reader.readAsArrayBuffer(file);
  });
}

/** A file as a data: URL (for the preview) and its base64 part (for the core). */
export async function readFileDataUrl(file: File): Promise<{ dataUrl: string; base64: string }> {
  const dataUrl = (await readAs(file, 'dataUrl')) as string;
  return { dataUrl, base64: dataUrl.slice(dataUrl.indexOf(',') + 1) };
}

/** Where the content of the DER element starting at `at` begins (skips the tag and the length). */
function contentStart(bytes: Uint8Array, at: number): number {
  const len = bytes[at + 1] ?? 0;
  return at + 2 + (len & 0x80 ? len & 0x7f : 0);
}

/**
 * What a DER file holds: a certificate's tbsCertificate starts with its [0] version (0xA0) or its
 * serial number (0x02); a SubjectPublicKeyInfo starts with the algorithm OID (0x06).
 */
function derLabel(bytes: Uint8Array): 'CERTIFICATE' | 'PUBLIC KEY' {
  const first = bytes[contentStart(bytes, contentStart(bytes, 0))];
  return first === 0x06 ? 'PUBLIC KEY' : 'CERTIFICATE';
}

/**
 * A key or certificate file as PEM text. NIC hands out PEM, but a .cer is often binary DER: that is
 * wrapped as PEM here, labelled by what it holds (so a certificate picked as the key is still
 * recognised as one), and the core then checks it like any PEM.
 */
export async function readPemFile(file: File): Promise<string> {
  const bytes = new Uint8Array((await readAs(file, 'bytes')) as ArrayBuffer);
  // DER starts with an ASN.1 SEQUENCE (0x30); PEM is text starting with "-----BEGIN"
  if (bytes[0] === 0x30) {
    const label = derLabel(bytes);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    const b64 = btoa(binary).replace(/.{1,64}/g, '$&\n');
    return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
  }
  return new TextDecoder().decode(bytes);
}
