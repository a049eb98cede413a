/**
 * `einvoice verify-qr FILE.png|FILE.pdf|JWT [--cert PEM] [--json]`: reads an e-invoice QR (ours or
 * a supplier's), shows its ten fields and says whether the IRP's signature holds.
 * Exit 0: decoded and (when checked) valid; 1: bad signature or not an IRP QR; 2: unreadable / no QR.
 */
import { readFile } from 'node:fs/promises';
import { decodeQrFromPdf, decodeQrFromPngFile, looksLikeJwt, QrReadError } from '../../pdf/qr-read';
import { CertificateError, checkSignedQr, JwsFormatError, parseCertificates, QR_KEYS, type QrCheck } from '../../pdf/qr-verify';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';

interface Source {
  token: string;
  source: 'png' | 'pdf' | 'jwt' | 'text';
  file?: string;
  page?: number;
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/** A token saved as text, or an IRP response / ledger export holding "SignedQRCode". */
function tokenFromText(text: string): string | undefined {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (looksLikeJwt(t)) return t;
  const m = /"SignedQRCode"\s*:\s*"([A-Za-z0-9_.-]+)"/.exec(t);
  return m?.[1];
}

async function readSource(arg: string, env: NodeJS.ProcessEnv): Promise<Source> {
  let bytes: Buffer;
  try {
    bytes = await readFile(arg);
  } catch (e) {
    if (looksLikeJwt(arg)) return { token: arg.trim(), source: 'jwt' };
    throw new QrReadError(`cannot read ${arg}: ${(e as NodeJS.ErrnoException).code ?? String(e)} (give a PNG, a PDF or the signed QR text)`);
  }
  if (bytes.subarray(0, 4).equals(PNG_MAGIC)) {
    const token = await decodeQrFromPngFile(arg, bytes);
    if (token === undefined) throw new QrReadError(`no readable QR code in ${arg}`);
    return { token, source: 'png', file: arg };
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const found = await decodeQrFromPdf(arg, { pdftoppm: env.EINVOICE_PDFTOPPM });
    if (!found) throw new QrReadError(`no readable QR code in the first pages of ${arg}`);
    return { token: found.text, source: 'pdf', file: arg, page: found.page };
  }
  const token = tokenFromText(bytes.toString('utf8'));
  if (token === undefined) throw new QrReadError(`${arg} is neither a PNG, a PDF nor a signed QR text (JPEG and other images: save as PNG)`);
  return { token, source: 'text', file: arg };
}

function verdict(check: QrCheck): { text: string; code: number } {
  if (check.signature === 'invalid') return { text: `INVALID: ${check.signatureNote}`, code: 1 };
  if (check.problems.length > 0) return { text: `NOT AN IRP e-INVOICE QR: ${check.problems.join('; ')}`, code: 1 };
  if (check.signature === 'valid') return { text: 'VALID: an e-invoice QR signed by the IRP certificate given', code: 0 };
  return { text: 'DECODED, SIGNATURE NOT CHECKED: pass --cert with the IRP signing certificate to verify it', code: 0 };
}

function describe(src: Source): string {
  if (src.source === 'jwt') return 'the signed QR text given on the command line';
  if (src.source === 'pdf') return `${src.file ?? ''}, page ${src.page ?? 1}`;
  return src.file ?? '';
}

function printHuman(io: CliIo, src: Source, check: QrCheck, v: { text: string }): void {
  io.out(`QR read from ${describe(src)}`);
  for (const key of QR_KEYS) io.out(`  ${key.padEnd(12)} ${check.fields[key] === undefined ? '(missing)' : JSON.stringify(check.fields[key])}`);
  io.out(`  ${'kid'.padEnd(12)} ${check.kid ?? '(none)'}`);
  io.out(`  ${'iss'.padEnd(12)} ${check.iss ?? '(none)'}`);
  io.out(`Signature: ${check.signature} - ${check.signatureNote}`);
  io.out(v.text);
}

export const verifyQrCommand: Command = {
  summary: 'read an e-invoice QR (PNG, PDF or the signed text), show its fields and check the IRP signature',
  usage: 'einvoice verify-qr FILE.png|FILE.pdf|JWT [--cert PEM] [--json]',
  async run(args, io) {
    const { values, positionals } = parse(args, { cert: { type: 'string' }, json: { type: 'boolean' } });
    const [input] = positionals;
    if (input === undefined || positionals.length > 1) throw new UsageError('give exactly one PNG, PDF or signed QR text');
    const fail = (code: number, message: string) => {
      if (values.json) io.out(JSON.stringify({ error: message, exitCode: code }));
      else io.err(message);
      return code;
    };
    let certs;
    if (values.cert !== undefined) {
      try {
        certs = parseCertificates(await readFile(values.cert));
      } catch (e) {
        const reason = e instanceof CertificateError ? e.message : `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
        return fail(2, `--cert ${values.cert}: ${reason}`);
      }
    }
    let src: Source;
    try {
      src = await readSource(input, io.env);
    } catch (e) {
      if (e instanceof QrReadError) return fail(2, e.message);
      throw e;
    }
    let check: QrCheck;
    try {
      check = await checkSignedQr(src.token, certs);
    } catch (e) {
      if (!(e instanceof JwsFormatError)) throw e;
      const shown = src.token.length > 60 ? `${src.token.slice(0, 60)}...` : src.token;
      return fail(1, `NOT AN IRP e-INVOICE QR: the QR holds "${shown}", ${e.message}`);
    }
    const v = verdict(check);
    if (values.json) {
      io.out(JSON.stringify({
        source: src.source,
        ...(src.file ? { file: src.file } : {}),
        ...(src.page ? { page: src.page } : {}),
        fields: Object.fromEntries(QR_KEYS.map((k) => [k, check.fields[k] ?? null])),
        signature: check.signature,
        signatureNote: check.signatureNote,
        kid: check.kid ?? null,
        iss: check.iss ?? null,
        problems: check.problems,
        verdict: v.text,
      }));
    } else {
      printHuman(io, src, check, v);
    }
    return v.code;
  },
};
