/**
 * `einvoice verify-qr FILE.png|FILE.jpg|FILE.pdf|JWT [--cert PEM]... [--practice] [--allow-sandbox] [--json]`:
 * reads an e-invoice QR (ours or a supplier's), shows its fields and says whether the IRP's signature
 * holds, checked against NIC's signers bundled with the app (resources/nic-certs: certificates and
 * bare public keys), any --cert, and the practice IRP's own certificate only with --practice.
 *
 * Exit codes (docs/print.md, docs/security.md; the rule is electron/pdf/qr-verdict.ts):
 *   0  VALID: the signature was checked with a production or user-given signer and holds (also a
 *      sandbox QR with --allow-sandbox, a practice QR with --practice)
 *   1  INVALID (the signer its kid names does not verify it: changed or forged), or not an
 *      IRP e-invoice QR at all
 *   2  unreadable input, no QR code, or the file is beyond a limit (size, pixels, pages, time)
 *   3  DECODED, SIGNATURE NOT CHECKED: no trusted signer for its kid; never a pass
 *   4  SANDBOX: signed by NIC's sandbox (a test system), so not a real e-invoice
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { bundledNicSigners, mergeSigners, trusted, type TrustedSigner } from '../../pdf/nic-certs';
import { decodeQrFromPdf } from '../../pdf/qr-pdf';
import { decodeQrFromImageFile, looksLikeJwt } from '../../pdf/qr-read';
import { isJpeg, QR_LIMITS, QrReadError } from '../../pdf/qr-limits';
import { isPng } from '../../pdf/png-gray';
import { judge, type Standing } from '../../pdf/qr-verdict';
import { CertificateError, checkSignedQr, JwsFormatError, parseCertificates, QR_KEYS, type QrCheck } from '../../pdf/qr-verify';
import { dataDirFrom, DATA_OPTION } from '../app';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';

export const EXIT = { valid: 0, invalid: 1, unreadable: 2, notChecked: 3, sandbox: 4 } as const;

interface Source {
  token: string;
  source: 'png' | 'jpeg' | 'pdf' | 'jwt' | 'text';
  file?: string;
  page?: number;
  /** PDF: pages in the file and pages searched. */
  pages?: number;
  searched?: number;
}

/** A token saved as text, or an IRP response / ledger export holding "SignedQRCode". */
function tokenFromText(text: string): string | undefined {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (looksLikeJwt(t)) return t;
  const m = /"SignedQRCode"\s*:\s*"([A-Za-z0-9_.-]+)"/.exec(t);
  return m?.[1];
}

function pdfNotFound(file: string, pages: number, searched: number, stoppedBy: 'time' | undefined): string {
  if (searched === 0) return `no page of ${file} could be searched within ${QR_LIMITS.pdfBudgetMs / 1000} s (${pages} pages)`;
  const scope = pages > searched ? `the first ${searched} of its ${pages} pages` : searched === 1 ? 'its only page' : `its ${searched} pages`;
  const why = stoppedBy === 'time' ? ` (the search stopped after ${QR_LIMITS.pdfBudgetMs / 1000} s)` : pages > QR_LIMITS.maxPdfPages ? ` (only the first ${QR_LIMITS.maxPdfPages} pages are searched)` : '';
  return `no readable QR code in ${scope} of ${file}${why}`;
}

async function readSource(arg: string, env: NodeJS.ProcessEnv): Promise<Source> {
  const st = await stat(arg).catch(() => undefined);
  if (!st) {
    if (looksLikeJwt(arg)) return { token: arg.trim(), source: 'jwt' };
    throw new QrReadError(`cannot read ${arg}: ENOENT (give a PNG, a JPEG, a PDF or the signed QR text)`);
  }
  if (!st.isFile()) throw new QrReadError(`cannot read ${arg}: not a file`);
  if (st.size > QR_LIMITS.maxFileBytes) throw new QrReadError(`${arg} is too large to be an invoice: ${Math.round(st.size / 1048576)} MB (at most ${QR_LIMITS.maxFileBytes / 1048576} MB)`);
  let bytes: Buffer;
  try {
    bytes = await readFile(arg);
  } catch (e) {
    throw new QrReadError(`cannot read ${arg}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (isPng(bytes) || isJpeg(bytes)) {
    const token = await decodeQrFromImageFile(arg, bytes);
    if (token === undefined) throw new QrReadError(`no readable QR code in ${arg}`);
    return { token, source: isPng(bytes) ? 'png' : 'jpeg', file: arg };
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const r = await decodeQrFromPdf(arg, { ...(env.EINVOICE_PDFTOPPM ? { pdftoppm: env.EINVOICE_PDFTOPPM } : {}), ...(env.EINVOICE_PDFINFO ? { pdfinfo: env.EINVOICE_PDFINFO } : {}) });
    if (!r.found) throw new QrReadError(pdfNotFound(arg, r.pages, r.searched, r.stoppedBy));
    return { token: r.found.text, source: 'pdf', file: arg, page: r.found.page, pages: r.pages, searched: r.searched };
  }
  const token = tokenFromText(bytes.toString('utf8'));
  if (token === undefined) throw new QrReadError(`${arg} is neither a PNG, a JPEG, a PDF nor a signed QR text`);
  return { token, source: 'text', file: arg };
}

/** The verdict line and exit code: one rule (qr-verdict.ts); a sandbox QR passes only when allowed. */
export function verdict(check: QrCheck, allowSandbox = false): { text: string; code: number; standing: Standing } {
  const { standing, text } = judge(check);
  const code: Record<Standing, number> = {
    real: EXIT.valid,
    // the practice IRP's key is trusted only with --practice, which is the asking
    practice: EXIT.valid,
    sandbox: allowSandbox ? EXIT.valid : EXIT.sandbox,
    invalid: EXIT.invalid,
    'not-irp': EXIT.invalid,
    'not-checked': EXIT.notChecked,
  };
  return { text, code: code[standing], standing };
}

function describe(src: Source): string {
  if (src.source === 'jwt') return 'the signed QR text given on the command line';
  if (src.source === 'pdf') return `${src.file ?? ''}, page ${src.page ?? 1}`;
  return src.file ?? '';
}

function printHuman(io: CliIo, src: Source, check: QrCheck, v: { text: string }): void {
  io.out(`QR read from ${describe(src)}`);
  for (const key of QR_KEYS) io.out(`  ${key.padEnd(12)} ${check.fields[key] === undefined ? '(not in this QR)' : JSON.stringify(check.fields[key])}`);
  io.out(`  ${'kid'.padEnd(12)} ${check.kid ?? '(none)'}`);
  io.out(`  ${'iss'.padEnd(12)} ${check.iss ?? '(none)'}`);
  io.out(`Signature: ${check.signature} - ${check.signatureNote}`);
  io.out(v.text);
}

/** Bundled NIC signers, then each --cert, then the practice IRP's when asked for. */
async function trustedSigners(values: { cert?: string[] | undefined; practice?: boolean | undefined; data?: string | undefined }, io: CliIo): Promise<TrustedSigner[]> {
  const certs = [...bundledNicSigners()];
  for (const file of values.cert ?? []) {
    try {
      certs.push(...parseCertificates(await readFile(file)).map((c) => trusted(c, `the certificate given (${file})`, 'given')));
    } catch (e) {
      const reason = e instanceof CertificateError ? e.message : `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
      throw new CertificateError(`--cert ${file}: ${reason}`);
    }
  }
  if (values.practice) {
    const file = join(dataDirFrom(values, io), 'practice-irp', 'signing-certificate.pem');
    try {
      certs.push(...parseCertificates(await readFile(file)).map((c) => trusted(c, 'the practice IRP of this install', 'practice')));
    } catch {
      throw new CertificateError(`--practice: the practice IRP has no signing certificate at ${file} (it is made when the practice IRP first starts)`);
    }
  }
  // The same kid twice is one signer: a certificate over a bare key, the bundle's environment kept.
  return mergeSigners(certs);
}

export const verifyQrCommand: Command = {
  summary: 'read an e-invoice QR (PNG, JPEG, PDF or the signed text), show its fields and check the IRP signature',
  usage: 'einvoice verify-qr FILE.png|FILE.jpg|FILE.pdf|JWT [--cert PEM]... [--practice [--data DIR]] [--allow-sandbox] [--json]\n' +
    '       exit 0 verified, 1 invalid or not an IRP QR, 2 unreadable or over a limit, 3 decoded but signature not checked,\n' +
    '       4 signed by NIC\'s sandbox (a test system, not a real e-invoice; --allow-sandbox makes it 0)',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION, cert: { type: 'string', multiple: true }, practice: { type: 'boolean' }, 'allow-sandbox': { type: 'boolean' }, json: { type: 'boolean' } });
    const [input] = positionals;
    if (input === undefined || positionals.length > 1) throw new UsageError('give exactly one PNG, JPEG, PDF or signed QR text');
    const fail = (code: number, message: string) => {
      if (values.json) io.out(JSON.stringify({ error: message, exitCode: code }));
      else io.err(message);
      return code;
    };
    let certs: TrustedSigner[];
    try {
      certs = await trustedSigners(values, io);
    } catch (e) {
      if (e instanceof CertificateError) return fail(EXIT.unreadable, e.message);
      throw e;
    }
    let src: Source;
    try {
      src = await readSource(input, io.env);
    } catch (e) {
      if (e instanceof QrReadError) return fail(EXIT.unreadable, e.message);
      throw e;
    }
    let check: QrCheck;
    try {
      check = await checkSignedQr(src.token, certs);
    } catch (e) {
      if (!(e instanceof JwsFormatError)) throw e;
      const shown = src.token.length > 60 ? `${src.token.slice(0, 60)}...` : src.token;
      return fail(EXIT.invalid, `NOT AN IRP e-INVOICE QR: the QR holds "${shown}", ${e.message}`);
    }
    const v = verdict(check, values['allow-sandbox'] === true);
    if (values.json) {
      io.out(JSON.stringify({
        source: src.source,
        ...(src.file ? { file: src.file } : {}),
        ...(src.page ? { page: src.page, pages: src.pages, searched: src.searched } : {}),
        fields: Object.fromEntries(QR_KEYS.map((k) => [k, check.fields[k] ?? null])),
        shape: check.shape,
        missing: check.missing,
        olderForms: check.olderForms,
        signature: check.signature,
        signatureNote: check.signatureNote,
        verifiedBy: check.verifiedBy ?? null,
        kid: check.kid ?? null,
        iss: check.iss ?? null,
        problems: check.problems,
        standing: v.standing,
        verdict: v.text,
        exitCode: v.code,
      }));
    } else {
      printHuman(io, src, check, v);
    }
    return v.code;
  },
};
