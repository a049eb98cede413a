/**
 * renderInvoicePdf: an A4 Rule-46 tax invoice (or credit/debit note) with the IRP's signed QR.
 * Pages are buffered so that "Page x of y" and the CANCELLED / DRAFT watermark can be stamped on
 * every page once the page count is known. No Electron here: the UI handler and the CLI `print`
 * command only fetch a ledger row, build a PrintableInvoice and write the returned bytes.
 */
import PDFDocument from 'pdfkit';
import { parseDocDate } from '../../shared/dates';
import { closingHeight, drawClosing, drawHead, drawTotals, totalsHeight } from './blocks';
import { COLORS, CONTENT_W, ensureSpace, F, line, MARGIN, PAGE_H, PAGE_W, type Ctx, type Doc } from './canvas';
import { pdfBytes, registerFonts } from './document';
import { qrMatrix } from './qr-draw';
import { drawTable } from './table';
import type { PrintableInvoice, PrintCopy, RenderOptions } from './types';
import { buildInvoiceView, type InvoiceView } from './view-model';

/** IST wall-clock "yyyy-MM-dd HH:mm:ss" to the instant (IST is UTC+05:30, no DST). */
function istInstant(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}+05:30`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** A stable CreationDate: the same invoice always gives the same bytes. */
export function defaultCreationDate(p: PrintableInvoice): Date {
  const fromAck = p.registration ? istInstant(p.registration.ackDt) : undefined;
  if (fromAck) return fromAck;
  const iso = parseDocDate(p.payload.DocDtls.Dt);
  return iso ? new Date(`${iso}T00:00:00+05:30`) : new Date(0);
}

function watermark(doc: Doc, view: InvoiceView): void {
  if (view.status === 'registered') return;
  const text = view.status === 'cancelled' ? 'CANCELLED' : 'DRAFT';
  const sub = view.status === 'cancelled' ? 'IRN cancelled on the IRP' : 'not registered';
  doc.save();
  doc.rotate(-50, { origin: [PAGE_W / 2, PAGE_H / 2] });
  doc.opacity(0.16).fillColor(COLORS.danger).font(F.bold).fontSize(110);
  const w = doc.widthOfString(text);
  doc.text(text, PAGE_W / 2 - w / 2, PAGE_H / 2 - 70, { lineBreak: false });
  doc.fontSize(34);
  const ws = doc.widthOfString(sub);
  doc.text(sub, PAGE_W / 2 - ws / 2, PAGE_H / 2 + 55, { lineBreak: false });
  doc.restore();
}

function footer(doc: Doc, view: InvoiceView, page: number, pages: number, irn: string | undefined): void {
  const y = PAGE_H - MARGIN - 6;
  const left = view.status === 'draft' ? 'DRAFT - not registered' : irn ? `IRN ${irn}` : '';
  line(doc, left, MARGIN, y, CONTENT_W - 90, 'left', { font: F.mono, size: 6, color: COLORS.muted });
  line(doc, `Page ${page} of ${pages}`, MARGIN + CONTENT_W - 88, y, 88, 'right', { size: 7, color: COLORS.muted });
}

export interface RenderResult {
  pdf: Buffer;
  pages: number;
}

/** Rule 48's copy labels, printed at the top right of every page of that copy. */
export const COPY_LABELS: Readonly<Record<PrintCopy, string>> = {
  original: 'ORIGINAL FOR RECIPIENT',
  duplicate: 'DUPLICATE FOR TRANSPORTER',
  triplicate: 'TRIPLICATE FOR SUPPLIER',
};

function copyLabel(doc: Doc, copy: PrintCopy): void {
  line(doc, COPY_LABELS[copy], MARGIN + CONTENT_W - 160, MARGIN + 1, 160, 'right', { font: F.bold, size: 7.5, color: COLORS.text });
}

/** One printed document (one copy of one invoice) and the pages it took. */
interface Segment {
  view: InvoiceView;
  irn?: string;
  copy?: PrintCopy;
  start: number;
  count: number;
}

function newDocument(title: string, author: string, subject: string, creationDate: Date, fontsDir?: string): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: { Title: title, Author: author, Subject: subject, Creator: 'e-Invoice Desk', Producer: 'e-Invoice Desk (pdfkit)', CreationDate: creationDate },
  });
  registerFonts(doc, fontsDir);
  return { doc, done: pdfBytes(doc) };
}

/** Draws one invoice from the top of the current (fresh) page; returns its segment. */
function drawInvoice(doc: Doc, p: PrintableInvoice, copy: PrintCopy | undefined): Segment {
  const view = buildInvoiceView(p);
  const qr = p.registration ? qrMatrix(p.registration.signedQrCode) : undefined;
  const start = doc.bufferedPageRange().count - 1;
  const ctx: Ctx = { doc, view, y: MARGIN, pages: 1 };
  drawHead(ctx, qr, p.seller?.logoPng);
  drawTable(ctx, view.items, { size: 6.8, wrap: 1 });
  drawTable(ctx, view.hsnSummary, { size: 7, wrap: -1, caption: 'HSN/SAC-wise tax summary' });
  // The grand total, the amount in words and the signature stay on one page: a last page with
  // only a signature on it would be signing nothing.
  ensureSpace(ctx, totalsHeight(ctx) + closingHeight(ctx));
  drawTotals(ctx);
  drawClosing(ctx);
  return { view, ...(p.registration ? { irn: p.registration.irn } : {}), ...(copy ? { copy } : {}), start, count: doc.bufferedPageRange().count - start };
}

/**
 * Several invoices (and/or several copies of each) in one PDF: each document starts on a new page
 * and numbers its own pages ("Page 1 of 2" per copy); with `copies`, every document is printed
 * once per copy with that copy's label on each of its pages.
 */
export async function renderInvoices(ps: readonly PrintableInvoice[], options: RenderOptions = {}): Promise<RenderResult> {
  const first = ps[0];
  if (!first) throw new Error('nothing to print');
  const single = ps.length === 1;
  const { doc, done } = newDocument(
    single ? `${buildInvoiceView(first).title} ${first.payload.DocDtls.No}` : `${ps.length} documents`,
    first.payload.SellerDtls.LglNm,
    single ? (first.registration ? `IRN ${first.registration.irn}` : 'Draft (not registered)') : ps.map((p) => p.payload.DocDtls.No).join(', ').slice(0, 500),
    options.creationDate ?? defaultCreationDate(first),
    options.fontsDir,
  );
  const segments: Segment[] = [];
  for (const p of ps) {
    for (const copy of options.copies ?? [undefined]) {
      if (segments.length > 0) doc.addPage();
      segments.push(drawInvoice(doc, p, copy));
    }
  }
  for (const seg of segments) {
    for (let i = 0; i < seg.count; i += 1) {
      doc.switchToPage(seg.start + i);
      watermark(doc, seg.view);
      footer(doc, seg.view, i + 1, seg.count, seg.irn);
      if (seg.copy) copyLabel(doc, seg.copy);
    }
  }
  const pages = doc.bufferedPageRange().count;
  doc.end();
  return { pdf: await done, pages };
}

/** Renders and also reports the page count (useful to callers that print batches). */
export async function renderInvoice(p: PrintableInvoice, options: RenderOptions = {}): Promise<RenderResult> {
  return renderInvoices([p], options);
}

export async function renderInvoicePdf(p: PrintableInvoice, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderInvoice(p, options)).pdf;
}
