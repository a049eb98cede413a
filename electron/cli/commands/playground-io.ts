/**
 * Input and output shared by `einvoice trace` and `einvoice check-encryption`: a file (or "-" for
 * standard input) read with a size bound, and the text forms of a trace and a verdict.
 */
import { open } from 'node:fs/promises';
import type { CheckResult, Trace } from '../../../shared/ipc/playground.schema';
import type { CliIo } from '../io';

/** A 1000-line invoice is about 1 MB of JSON (1.4 MB encrypted); nothing sent to the IRP is bigger. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

export type TextRead = { ok: true; text: string } | { ok: false; message: string };

async function readStream(stream: NodeJS.ReadableStream, max: number): Promise<TextRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
    size += b.length;
    if (size > max) return { ok: false, message: `standard input is larger than ${max / 1024 / 1024} MB` };
    chunks.push(b);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** The whole file as UTF-8 text, refusing files over `max` bytes before reading them. */
export async function readBoundedText(file: string, io: CliIo, max = MAX_INPUT_BYTES): Promise<TextRead> {
  if (file === '-') return readStream(io.stdin, max);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    return { ok: false, message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  try {
    const { size } = await handle.stat();
    if (size > max) return { ok: false, message: `${file} is ${size} bytes; the limit is ${max} (an e-invoice request is far smaller)` };
    const text = (await handle.readFile()).toString('utf8');
    if (text.includes('\u0000')) return { ok: false, message: `${file} is not a text file` };
    return { ok: true, text: text.replace(/^\uFEFF/, '') };
  } catch (e) {
    return { ok: false, message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  } finally {
    await handle.close();
  }
}

function indent(text: string, by = '    '): string {
  return text.split('\n').map((l) => by + l).join('\n');
}

export function printTrace(io: CliIo, t: Trace, hex: boolean): void {
  io.out(`trace ${t.operation} on "${t.profile.name}" (${t.profile.kind}, ${t.profile.baseUrl})`);
  io.out(`${t.revealed ? 'secrets shown' : 'secrets masked'}: ${t.revealNote}\n`);
  for (const s of t.steps) {
    io.out(`${s.ok ? '' : '✗ '}${s.title}`);
    io.out(indent(s.explain, '  '));
    for (const v of s.values) {
      if (v.masked) {
        io.out(`  ${v.label}: [masked] ${v.note ?? ''}`);
        continue;
      }
      const value = v.kind === 'bytes' && hex ? Buffer.from(v.value, 'base64').toString('hex') : v.value;
      const enc = v.kind === 'bytes' ? ` (${Buffer.from(v.value, 'base64').length} bytes, ${hex ? 'hex' : 'Base64'})` : '';
      if (value.includes('\n') || value.length > 100) io.out(`  ${v.label}${enc}:\n${indent(value)}`);
      else io.out(`  ${v.label}${enc}: ${value}`);
    }
    io.out('');
  }
  io.out(`${t.outcome.ok ? 'OK' : `FAILED [${t.outcome.code ?? ''}]`}: ${t.outcome.message}`);
}

export function printCheck(io: CliIo, r: CheckResult): void {
  io.out(`verdict: ${r.verdict}`);
  io.out(r.message);
  for (const s of r.steps) io.out(`  ${s.ok ? '✓' : '✗'} ${s.step}: ${s.detail}`);
  if (r.plaintext !== undefined) io.out(`plaintext:\n${indent(r.plaintext, '  ')}`);
  for (const p of r.problems ?? []) io.out(`  [${p.code}] ${p.path || '(document)'}: ${p.message}`);
}
