/**
 * The printed invoice, read back the way a buyer or an officer would: poppler renders the page to
 * PNG, zbar reads the QR, and `einvoice verify-qr` checks the real RS256 signature.
 * With EINVOICE_ARTIFACTS set, page images are kept under artifacts/print/ for a human to look at.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { Invoice } from '../../shared/einvoice/schema';
import type { CliIo } from '../../electron/cli/io';
import { buildInvoiceView, renderInvoice, renderInvoicePdf, type PrintableInvoice } from '../../electron/pdf';
import { BUYER_MH, lines, makeSigningIdentity, registeredPrintable, type SigningIdentity } from '../support/signed-fixtures';

const run = promisify(execFile);
const ARTIFACTS = process.env.EINVOICE_ARTIFACTS ? join(process.cwd(), 'artifacts', 'print') : undefined;

let dir: string;
let id: SigningIdentity;
let other: SigningIdentity;
let reg: { printable: PrintableInvoice; token: string; pdf: string; png: string };

async function pageToPng(pdf: string, page: number, name: string, dpi = 150): Promise<string> {
  const prefix = join(dir, name);
  await run('pdftoppm', ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  if (ARTIFACTS) copyFileSync(`${prefix}.png`, join(ARTIFACTS, `${name}.png`));
  return `${prefix}.png`;
}

/** zbarimg's output, or undefined when it finds no code (it exits 4 then). */
async function zbar(png: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('zbarimg', ['--raw', '-q', png]);
    // zbarimg ends each symbol with one newline; the token itself has none.
    return stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
  } catch (e) {
    if ((e as { code?: number }).code === 4) return undefined;
    throw e;
  }
}

async function pageText(pdf: string, page: number): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-']);
  return stdout;
}

async function pdfPages(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), stdin: process.stdin, env: { ...process.env, ...env }, now: () => new Date() };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function save(name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  if (ARTIFACTS) writeFileSync(join(ARTIFACTS, name), bytes);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'einvoice-print-'));
  if (ARTIFACTS) mkdirSync(ARTIFACTS, { recursive: true });
  id = makeSigningIdentity();
  other = makeSigningIdentity('Not the IRP');
  writeFileSync(join(dir, 'irp.pem'), id.certPem);
  writeFileSync(join(dir, 'other.pem'), other.certPem);
  const { printable, registration } = await registeredPrintable(id, {}, {
    ewb: { ewbNo: 391009149369, ewbDt: '2026-11-14 12:40:00', validTill: '2026-11-15 23:59:00' },
    seller: {
      bank: { name: 'State Bank of India', account: '12345678901', ifsc: 'SBIN0001234', branch: 'MG Road' },
      terms: ['Goods once sold will not be taken back.', 'Interest at 18% a year on payments after 30 days.'],
    },
  });
  printable.payload.ShipDtls = { LglNm: 'Buyer Retail Warehouse', Addr1: 'Survey 22, Hosur Road', Loc: 'Electronic City', Pin: 560100, Stcd: '29' };
  const pdf = save('registered.pdf', await renderInvoicePdf(printable));
  reg = { printable, token: registration.signedQrCode, pdf, png: await pageToPng(pdf, 1, 'registered-p1') };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a registered invoice', () => {
  it('carries the entire SignedQRCode in a QR that zbarimg reads back byte for byte from a 150 dpi render', async () => {
    expect(reg.token.length).toBeGreaterThan(900);
    expect(await zbar(reg.png)).toBe(reg.token);
  });

  it('prints the QR at least 35 mm wide (measured on the 150 dpi render)', () => {
    const png = PNG.sync.read(readFileSync(reg.png));
    // The QR is the only drawing in the top-right quarter above the caption.
    let minX = png.width;
    let maxX = 0;
    for (let y = 0; y < png.height * 0.22; y += 1) {
      for (let x = Math.floor(png.width * 0.68); x < png.width; x += 1) {
        if ((png.data[(y * png.width + x) * 4] ?? 255) < 100) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
        }
      }
    }
    const mm = ((maxX - minX + 1) / 150) * 25.4;
    expect(mm).toBeGreaterThanOrEqual(35);
    expect(mm).toBeLessThan(55);
  });

  it('is one A4 page with the Rule 46 particulars, IRN, Ack and e-way bill, in an embedded font with the rupee sign', async () => {
    expect(await pdfPages(reg.pdf)).toBe(1);
    const text = await pageText(reg.pdf, 1);
    for (const s of [
      'TAX INVOICE', 'e-Invoice', 'Sharma Traders Private Limited', 'GSTIN: 29ABCDE1234F1ZW', 'State: Karnataka (29)', 'BILL TO',
      'SHIP TO', 'Place of supply', 'Reverse charge', 'ST/26-27/0042', reg.printable.registration?.irn ?? '-', '132610036743849',
      '14/11/2026 12:34:56', '391009149369', '15/11/2026 23:59:00', 'HSN/SAC-wise tax summary', 'Round off', '₹23,592.00',
      'Rupees Twenty Three Thousand Five Hundred Ninety Two Only', 'IFSC: SBIN0001234', 'Goods once sold', 'for Sharma Traders Private Limited',
      'Authorised Signatory', 'Page 1 of 1',
    ]) expect(text, s).toContain(s);
    const { stdout } = await run('pdffonts', [reg.pdf]);
    expect(stdout).toMatch(/DejaVuSans\s.*yes\s+yes/);
  });

  it('renders to the same bytes every time (CreationDate from the Ack date)', async () => {
    const again = await renderInvoicePdf(reg.printable);
    expect(again.equals(readFileSync(reg.pdf))).toBe(true);
    // Ack date 2026-11-14 12:34:56 IST is 07:04:56 UTC (pdfinfo prints in the TZ it is given).
    const { stdout } = await run('pdfinfo', [reg.pdf], { env: { ...process.env, TZ: 'UTC' } });
    expect(stdout).toMatch(/CreationDate:\s+Sat Nov 14 07:04:56 2026 UTC/);
  });
});

describe('einvoice verify-qr', () => {
  it('reads the QR from the PDF and from the PNG and reports a valid signature', async () => {
    for (const input of [reg.pdf, reg.png]) {
      const r = await cli(['verify-qr', input, '--cert', join(dir, 'irp.pem'), '--json']);
      expect(r.code, r.err).toBe(0);
      const json = JSON.parse(r.out) as { source: string; signature: string; kid: string; fields: Record<string, unknown>; verdict: string };
      expect(json.source).toBe(input.endsWith('.pdf') ? 'pdf' : 'png');
      expect(json.signature).toBe('valid');
      expect(json.kid).toBe(id.kid);
      expect(json.fields.Irn).toBe(reg.printable.registration?.irn);
      expect(json.fields.TotInvVal).toBe(23592);
      expect(json.verdict).toMatch(/^VALID/);
    }
  });

  it('works as a real process: node bin/einvoice.mjs verify-qr exits 0 with a valid verdict', async () => {
    const { stdout } = await run(process.execPath, ['bin/einvoice.mjs', 'verify-qr', reg.pdf, '--cert', join(dir, 'irp.pem')], { cwd: process.cwd() });
    expect(stdout).toContain(`Irn          "${reg.printable.registration?.irn ?? '-'}"`);
    expect(stdout).toMatch(/Signature: valid - verified with the certificate given \(.*irp\.pem\), certificate "CN=Test IRP signing" \(its thumbprint matches kid\)/);
    expect(stdout).toMatch(/^VALID/m);
    // another certificate than the one its kid names: nothing can be said (3), never a pass
    const bad = await run(process.execPath, ['bin/einvoice.mjs', 'verify-qr', reg.pdf, '--cert', join(dir, 'other.pem')]).catch((e: { code: number }) => e);
    expect((bad as { code: number }).code).toBe(3);
  });

  it('exits 1 on a tampered token, 3 ("not checked") with a wrong certificate or none', async () => {
    const wrong = await cli(['verify-qr', reg.png, '--cert', join(dir, 'other.pem')]);
    expect(wrong.code).toBe(3);
    expect(wrong.out).toMatch(/^DECODED, SIGNATURE NOT CHECKED/m);
    const [h, p, s] = reg.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { data: string };
    claims.data = claims.data.replace('"ItemCnt":5', '"ItemCnt":4');
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    const r = await cli(['verify-qr', forged, '--cert', join(dir, 'irp.pem'), '--json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as { signature: string }).signature).toBe('invalid');
    const unchecked = await cli(['verify-qr', reg.token]);
    expect(unchecked.code).toBe(3);
    expect(unchecked.out).toMatch(/NOT checked/);
    expect(unchecked.out).toMatch(/ItemCnt\s+5/);
  });

  it('exits 2 when there is no QR, when the file is missing, and names poppler when pdftoppm is absent', async () => {
    const draft: PrintableInvoice = { payload: reg.printable.payload };
    const draftPdf = save('draft-for-cli.pdf', await renderInvoicePdf(draft));
    expect((await cli(['verify-qr', draftPdf])).code).toBe(2);
    const missing = await cli(['verify-qr', join(dir, 'nope.png')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read/);
    const noTool = await cli(['verify-qr', reg.pdf], { EINVOICE_PDFTOPPM: join(dir, 'no-such-pdftoppm') });
    expect(noTool.code).toBe(2);
    expect(noTool.err).toMatch(/poppler-utils/);
  });
});

describe('a real NIC sandbox registration (team kit fixture)', () => {
  it('prints NIC\'s own SignedQRCode so that zbarimg reads it back byte for byte', async () => {
    type Exchange = { request_data: Invoice; response_data: { result: Record<string, string | number | null> } };
    const kit = JSON.parse(readFileSync(join(process.cwd(), '..', 'shared', 'fixtures', 'nic-sandbox-exchanges.json'), 'utf8')) as Record<string, Exchange>;
    const ex = kit.goods_item_with_ewaybill as Exchange;
    const r = ex.response_data.result;
    const payload = { ...ex.request_data, DocDtls: { ...ex.request_data.DocDtls, No: 'SINV-CFY-00067' } };
    const printable: PrintableInvoice = {
      payload,
      registration: { irn: String(r.Irn), ackNo: String(r.AckNo), ackDt: String(r.AckDt), signedQrCode: String(r.SignedQRCode), status: 'ACT' },
      ewb: { ewbNo: String(r.EwbNo), ewbDt: String(r.EwbDt), validTill: r.EwbValidTill === null ? null : String(r.EwbValidTill) },
    };
    const pdf = save('nic-sandbox.pdf', await renderInvoicePdf(printable));
    expect(await zbar(await pageToPng(pdf, 1, 'nic-sandbox-p1'))).toBe(r.SignedQRCode);
    const text = await pageText(pdf, 1);
    for (const s of ['232210036743849', '16/09/2022 19:29:00', '391009149369', '29/09/2022 23:59:00', 'Himachal Pradesh (02)', '₹1,18,000.00']) {
      expect(text, s).toContain(s);
    }
    // NIC's sandbox key is bundled: the signature is checked and holds, and the QR is called what it
    // is, a sandbox test document (exit 4), not a real e-invoice
    const cli1 = await cli(['verify-qr', pdf, '--json']);
    expect(cli1.code).toBe(4);
    expect(JSON.parse(cli1.out)).toMatchObject({ signature: 'valid', standing: 'sandbox', kid: 'EDC57DE1358B300BA9F79340A6696831F3C85047', fields: { Irn: r.Irn } });
    // Our test certificate is not NIC's: it adds nothing, the bundled sandbox key still decides.
    const withOurs = await cli(['verify-qr', pdf, '--cert', join(dir, 'irp.pem'), '--json']);
    expect(withOurs.code).toBe(4);
    expect(JSON.parse(withOurs.out)).toMatchObject({ verifiedBy: { label: 'NIC sandbox (2022)', source: 'bundled' } });
  });
});

describe('fields at their INV-01 maximum lengths and values', () => {
  it('still prints every particular, keeps big amounts whole and the QR readable', async () => {
    const long = (word: string, n: number) => Array.from({ length: 100 }, (_, i) => `${word}${i}`).join(' ').slice(0, n).trim();
    const { printable, registration } = await registeredPrintable(id, {
      seller: { ...reg.printable.payload.SellerDtls, LglNm: long('Sellername', 100), Addr1: long('Road', 100), Addr2: long('Area', 100), Loc: long('Town', 50) },
      buyer: { ...BUYER_MH, LglNm: long('Buyername', 100), Addr1: long('Street', 100), Loc: long('City', 100) },
      shipTo: { LglNm: long('Shipname', 100), Addr1: long('Dock', 100), Loc: 'Navi Mumbai', Pin: 400703, Stcd: '27' },
      dispatch: { Nm: long('Depot', 100), Addr1: long('Yard', 100), Loc: 'Hosur', Pin: 635109, Stcd: '33' },
      ecmGstin: '29AAACE1234F1ZQ',
      precedingDocs: [{ InvNo: 'ST/26-27/0001', InvDt: '01/11/2026' }],
      payment: { PayTerm: 'Net 30 days from the date of delivery', CrDay: 30 },
      lines: [
        { description: long('Widget', 300), hsn: '84713010', isService: false, qtyMilli: 9_999_999_999, unit: 'NOS', unitPricePaise: 9_999_999, gstRate: 28, cessRate: 15 },
        { description: 'Ok', hsn: '998314', isService: true, qtyMilli: 1000, unitPricePaise: 1, gstRate: 18 },
      ],
    });
    const pdf = save('stress.pdf', await renderInvoicePdf(printable));
    const text = (await pageText(pdf, 1)) + (await pdfPages(pdf) > 1 ? await pageText(pdf, 2) : '');
    for (const s of ['Sellername0', 'Buyername0', 'Shipname0', 'Depot0', 'Widget0', 'Widget33', '29AAACE1234F1ZQ', 'ST/26-27/0001 dated 01/11/2026', 'Net 30 days', 'Tamil Nadu (33)']) {
      expect(text, s).toContain(s);
    }
    const total = printable.payload.ValDtls.TotInvVal;
    expect(total).toBeGreaterThan(1e11);
    expect(text.replace(/\s+/g, ' ')).toContain(buildInvoiceView(printable).totals.at(-1)?.[1] ?? '-');
    expect(await zbar(await pageToPng(pdf, 1, 'stress-p1'))).toBe(registration.signedQrCode);
  });
});

describe('seller logo', () => {
  it('embeds a PNG logo, and a broken logo is left out instead of failing the print', async () => {
    const logo = new PNG({ width: 40, height: 20 });
    logo.data.fill(90);
    const withLogo = save('logo.pdf', await renderInvoicePdf({ ...reg.printable, seller: { logoPng: PNG.sync.write(logo) } }));
    const { stdout } = await run('pdfimages', ['-list', withLogo]);
    expect(stdout).toMatch(/^\s*1\s+0\s+image\s+40\s+20\b/m);
    const broken = save('broken-logo.pdf', await renderInvoicePdf({ ...reg.printable, seller: { logoPng: Buffer.from('not a png') } }));
    expect(await pageText(broken, 1)).toContain('Sharma Traders Private Limited');
  });
});

describe('cancelled and draft prints', () => {
  it('stamps CANCELLED on a cancelled IRN and keeps the QR readable', async () => {
    const { printable, registration } = await registeredPrintable(id, { buyer: BUYER_MH });
    printable.registration = { ...(printable.registration as NonNullable<PrintableInvoice['registration']>), status: 'CNL', cancelDate: '2026-11-14 18:00:00' };
    const pdf = save('cancelled.pdf', await renderInvoicePdf(printable));
    const text = await pageText(pdf, 1);
    expect(text).toContain('CANCELLED');
    expect(text).toContain('IRN CANCELLED on 14/11/2026 18:00:00');
    expect(text).toContain('IGST');
    expect(await zbar(await pageToPng(pdf, 1, 'cancelled-p1'))).toBe(registration.signedQrCode);
  });

  it('marks a draft "DRAFT - not registered" and prints no QR at all', async () => {
    const { printable } = await registeredPrintable(id, { docType: 'CRN', precedingDocs: [{ InvNo: 'ST/26-27/0041', InvDt: '10/11/2026' }] });
    delete printable.registration;
    const pdf = save('draft.pdf', await renderInvoicePdf(printable));
    const text = await pageText(pdf, 1);
    expect(text).toContain('CREDIT NOTE');
    expect(text).toContain('DRAFT - not registered');
    expect(text).toContain('ST/26-27/0041 dated 10/11/2026');
    expect(text).not.toContain('Ack No');
    expect(await zbar(await pageToPng(pdf, 1, 'draft-p1', 200))).toBeUndefined();
  });
});

describe('a 1000-line invoice', () => {
  it('paginates with the table header and "Page x of y" on every page and every line printed once, in order', async () => {
    const { printable, registration } = await registeredPrintable(id, { lines: lines(1000), docNo: 'ST/26-27/1000' });
    const { pdf: bytes, pages } = await renderInvoice(printable);
    const pdf = save('1000-lines.pdf', bytes);
    expect(await pdfPages(pdf)).toBe(pages);
    expect(pages).toBeGreaterThan(20);
    const serials: number[] = [];
    const pagesWithItems: number[] = [];
    for (let p = 1; p <= pages; p += 1) {
      const text = await pageText(pdf, p);
      expect(text, `page ${p}`).toContain(`Page ${p} of ${pages}`);
      if (p > 1) expect(text, `page ${p}`).toContain('ST/26-27/1000 dated 14/11/2026');
      const found = [...text.matchAll(/#(\d+)\b/g)].map((m) => Number(m[1]));
      if (found.length === 0) continue;
      pagesWithItems.push(p);
      // Every page holding item lines repeats the table header.
      expect(text, `page ${p}`).toMatch(/S\.No\s+Description\s+HSN\/SAC\s+Qty\s+Unit\s+Rate\s+Discount/);
      serials.push(...found);
    }
    expect(serials).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    // The items run from page 1 without a gap; only the closing blocks may follow them.
    expect(pagesWithItems).toEqual(Array.from({ length: pagesWithItems.length }, (_, i) => i + 1));
    expect(pagesWithItems.length).toBeGreaterThanOrEqual(pages - 2);
    const last = await pageText(pdf, pages);
    expect(last).toContain('Authorised Signatory');
    expect(await zbar(await pageToPng(pdf, 1, '1000-lines-p1'))).toBe(registration.signedQrCode);
    await pageToPng(pdf, pages, '1000-lines-plast');
  });
});
