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
import type { PrintableInvoice, RenderOptions } from './types';
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

/** Renders and also reports the page count (useful to callers that print batches). */
export async function renderInvoice(p: PrintableInvoice, options: RenderOptions = {}): Promise<RenderResult> {
  const view = buildInvoiceView(p);
  const qr = p.registration ? qrMatrix(p.registration.signedQrCode) : undefined;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: {
      Title: `${view.title} ${p.payload.DocDtls.No}`,
      Author: p.payload.SellerDtls.LglNm,
      Subject: p.registration ? `IRN ${p.registration.irn}` : 'Draft (not registered)',
      Creator: 'e-Invoice Desk',
      Producer: 'e-Invoice Desk (pdfkit)',
      CreationDate: options.creationDate ?? defaultCreationDate(p),
    },
  });
  registerFonts(doc, options.fontsDir);
  const bytes = pdfBytes(doc);

  const ctx: Ctx = { doc, view, y: MARGIN, pages: 1 };
  drawHead(ctx, qr, p.seller?.logoPng);
  drawTable(ctx, view.items, { size: 6.8, wrap: 1 });
  drawTable(ctx, view.hsnSummary, { size: 7, wrap: -1, caption: 'HSN/SAC-wise tax summary' });
  // The grand total, the amount in words and the signature stay on one page: a last page with
  // only a signature on it would be signing nothing.
  ensureSpace(ctx, totalsHeight(ctx) + closingHeight(ctx));
  drawTotals(ctx);
  drawClosing(ctx);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    watermark(doc, view);
    footer(doc, view, i + 1, range.count, p.registration?.irn);
  }
  doc.end();
  return { pdf: await bytes, pages: range.count };
}

export async function renderInvoicePdf(p: PrintableInvoice, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderInvoice(p, options)).pdf;
}
