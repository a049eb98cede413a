/**
 * The fixed blocks of the invoice: the first-page head (title, seller, QR, IRN/Ack, document
 * particulars, parties) and the closing blocks (totals and words, bank and terms, signature).
 */
import { COLORS, CONTENT_W, ensureSpace, F, hline, line, MARGIN, para, paraHeight, type Ctx } from './canvas';
import { drawQr, QR_QUIET_MODULES, QR_SIDE_PT, type QrMatrix } from './qr-draw';
import type { Pair, PartyView } from './view-model';

const QR_BOX = 158;

function badge(ctx: Ctx, text: string, x: number, y: number, color: string): void {
  const { doc } = ctx;
  doc.font(F.bold).fontSize(8);
  const w = doc.widthOfString(text) + 10;
  doc.roundedRect(x, y, w, 13, 3).fill(color);
  doc.fillColor('#ffffff').text(text, x + 5, y + 2.5, { lineBreak: false });
}

function titleRow(ctx: Ctx): void {
  const { doc, view } = ctx;
  doc.font(F.bold).fontSize(15).fillColor(COLORS.text);
  const title = view.title.toUpperCase();
  doc.text(title, MARGIN, MARGIN, { lineBreak: false });
  const x = MARGIN + doc.widthOfString(title) + 10;
  if (view.status === 'draft') badge(ctx, 'DRAFT - not registered', x, MARGIN + 2, COLORS.danger);
  else badge(ctx, 'e-Invoice', x, MARGIN + 2, COLORS.accent);
  if (view.status === 'cancelled') badge(ctx, 'IRN CANCELLED', x + 62, MARGIN + 2, COLORS.danger);
  ctx.y = MARGIN + 24;
}

/** Seller (with logo) and the e-invoice particulars on the left; returns the bottom y. */
function sellerAndIrn(ctx: Ctx, width: number, logo: Buffer | undefined): number {
  const { doc, view } = ctx;
  let x = MARGIN;
  let y = ctx.y;
  if (logo) {
    try {
      doc.image(logo, MARGIN, y, { fit: [64, 48] });
      x += 72;
    } catch {
      // An unreadable logo must not stop the invoice from printing; it is simply left out.
    }
  }
  const w = width - (x - MARGIN);
  y += para(doc, view.seller.name, x, y, w, { font: F.bold, size: 11.5 }) + 1;
  for (const l of view.seller.lines) y += para(doc, l, x, y, w, { size: 8, color: COLORS.text }) + 0.5;
  y = Math.max(y, logo ? ctx.y + 52 : y) + 6;
  if (view.einvoice.length > 0) {
    const rowH = 11;
    const boxH = view.einvoice.length * rowH + 6;
    doc.rect(MARGIN, y, width, boxH).fill(COLORS.shade);
    let ry = y + 4;
    for (const [label, value] of view.einvoice) {
      line(doc, label, MARGIN + 5, ry, 68, 'left', { font: F.bold, size: 7.5, color: COLORS.muted });
      const danger = label === 'Status';
      line(doc, value, MARGIN + 75, ry, width - 80, 'left', {
        font: label === 'IRN' ? F.mono : danger ? F.bold : F.regular,
        size: 7.5,
        color: danger ? COLORS.danger : COLORS.text,
      });
      ry += rowH;
    }
    y += boxH;
  }
  return y;
}

/** The signed QR (or, for a draft, a box saying why there is none); returns the bottom y. */
function qrBlock(ctx: Ctx, qr: QrMatrix | undefined): number {
  const { doc } = ctx;
  const x = MARGIN + CONTENT_W - QR_BOX;
  const y = ctx.y;
  if (!qr) {
    doc.rect(x, y, QR_BOX, 90).dash(3, { space: 2 }).lineWidth(0.8).strokeColor(COLORS.danger).stroke().undash();
    line(doc, 'DRAFT - not registered', x, y + 28, QR_BOX, 'center', { font: F.bold, size: 10, color: COLORS.danger });
    line(doc, 'No IRN and no QR code yet:', x, y + 46, QR_BOX, 'center', { size: 7.5, color: COLORS.muted });
    line(doc, 'not valid as a tax invoice.', x, y + 56, QR_BOX, 'center', { size: 7.5, color: COLORS.muted });
    return y + 96;
  }
  // The quiet zone is the white margin around the symbol, kept clear of any drawing.
  const unit = QR_SIDE_PT / qr.size;
  const quiet = QR_QUIET_MODULES * unit;
  const qx = x + (QR_BOX - QR_SIDE_PT) / 2;
  doc.rect(qx - quiet, y, QR_SIDE_PT + 2 * quiet, QR_SIDE_PT + 2 * quiet).fill('#ffffff');
  drawQr(doc, qr, qx, y + quiet);
  const capY = y + QR_SIDE_PT + 2 * quiet - 2;
  line(doc, 'e-Invoice QR code (signed by the IRP)', x, capY, QR_BOX, 'center', { size: 6.5, color: COLORS.muted });
  return capY + 10;
}

/** Document particulars as a grid of small labelled cells, four to a row. */
function documentGrid(ctx: Ctx, pairs: Pair[]): void {
  const { doc } = ctx;
  const perRow = 4;
  const cw = CONTENT_W / perRow;
  const ch = 22;
  const rows = Math.ceil(pairs.length / perRow);
  doc.rect(MARGIN, ctx.y, CONTENT_W, rows * ch).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
  pairs.forEach(([label, value], i) => {
    const cx = MARGIN + (i % perRow) * cw;
    const cy = ctx.y + Math.floor(i / perRow) * ch;
    if (i % perRow !== 0) doc.moveTo(cx, cy).lineTo(cx, cy + ch).lineWidth(0.4).strokeColor(COLORS.faint).stroke();
    line(doc, label, cx + 4, cy + 3, cw - 8, 'left', { size: 6.5, color: COLORS.muted });
    line(doc, value, cx + 4, cy + 11, cw - 8, 'left', { font: F.bold, size: 8.5 });
  });
  for (let r = 1; r < rows; r += 1) hline(doc, MARGIN, MARGIN + CONTENT_W, ctx.y + r * ch, COLORS.faint, 0.4);
  ctx.y += rows * ch + 6;
}

function partyBoxes(ctx: Ctx, parties: PartyView[]): void {
  const { doc } = ctx;
  const gap = 6;
  const w = (CONTENT_W - gap * (parties.length - 1)) / parties.length;
  const inner = w - 10;
  const heightOf = (p: PartyView) =>
    12 + paraHeight(doc, p.name, inner, { font: F.bold, size: 8.5 }) + p.lines.reduce((a, l) => a + paraHeight(doc, l, inner, { size: 7.5 }) + 0.5, 0) + 6;
  const h = Math.max(...parties.map(heightOf));
  ensureSpace(ctx, h);
  parties.forEach((p, i) => {
    const x = MARGIN + i * (w + gap);
    doc.rect(x, ctx.y, w, h).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
    line(doc, p.heading.toUpperCase(), x + 5, ctx.y + 4, inner, 'left', { font: F.bold, size: 6.5, color: COLORS.muted });
    let y = ctx.y + 13;
    y += para(doc, p.name, x + 5, y, inner, { font: F.bold, size: 8.5 });
    for (const l of p.lines) y += para(doc, l, x + 5, y, inner, { size: 7.5 }) + 0.5;
  });
  ctx.y += h + 8;
}

export function drawHead(ctx: Ctx, qr: QrMatrix | undefined, logo: Buffer | undefined): void {
  titleRow(ctx);
  const left = sellerAndIrn(ctx, CONTENT_W - QR_BOX - 10, logo);
  const right = qrBlock(ctx, qr);
  ctx.y = Math.max(left, right) + 6;
  documentGrid(ctx, ctx.view.document);
  partyBoxes(ctx, ctx.view.parties);
}

/** Totals on the right, amount in words on the left; kept together on one page. */
const TOTALS_W = 220;
const TOTALS_ROW = 12;

export function totalsHeight(ctx: Ctx): number {
  const words = paraHeight(ctx.doc, ctx.view.amountInWords, CONTENT_W - TOTALS_W - 10, { font: F.bold, size: 8.5 });
  return Math.max(ctx.view.totals.length * TOTALS_ROW + 8, 12 + words) + 10;
}

export function drawTotals(ctx: Ctx): void {
  const { doc, view } = ctx;
  const tw = TOTALS_W;
  const rowH = TOTALS_ROW;
  const h = view.totals.length * rowH + 8;
  const leftW = CONTENT_W - tw - 10;
  ensureSpace(ctx, totalsHeight(ctx));
  const x = MARGIN + CONTENT_W - tw;
  let y = ctx.y + 3;
  view.totals.forEach(([label, value], i) => {
    const last = i === view.totals.length - 1;
    if (last) hline(doc, x, x + tw, y - 1.5, COLORS.rule, 0.8);
    const style = { font: last ? F.bold : F.regular, size: last ? 9.5 : 8 };
    line(doc, label, x + 4, y + 1, tw / 2, 'left', style);
    line(doc, value, x + tw / 2, y + 1, tw / 2 - 4, 'right', style);
    y += rowH;
  });
  doc.rect(x, ctx.y, tw, h).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
  line(doc, 'Amount in words', MARGIN, ctx.y + 3, leftW, 'left', { size: 6.5, color: COLORS.muted });
  const wordsH = para(doc, view.amountInWords, MARGIN, ctx.y + 12, leftW, { font: F.bold, size: 8.5 });
  ctx.y += Math.max(h, 12 + wordsH) + 10;
}

/** Bank details and terms on the left, "for <seller> / Authorised Signatory" on the right. */
const SIGN_W = 200;

/** Room for "for <seller>" (a legal name can take three lines) and a hand signature below it. */
function signHeight(ctx: Ctx): number {
  return 58 + paraHeight(ctx.doc, `for ${ctx.view.signatureFor}`, SIGN_W - 10, { font: F.bold, size: 8 });
}

export function closingHeight(ctx: Ctx): number {
  const { doc, view } = ctx;
  const leftW = CONTENT_W - SIGN_W - 12;
  const bankH = view.bank.length ? 10 + view.bank.length * 10 : 0;
  const termsH = view.terms.length
    ? 12 + view.terms.reduce((a, t, i) => a + paraHeight(doc, `${i + 1}. ${t}`, leftW, { size: 7 }) + 1, 0)
    : 0;
  return Math.max(bankH + termsH, signHeight(ctx)) + 16;
}

export function drawClosing(ctx: Ctx): void {
  const { doc, view } = ctx;
  const sw = SIGN_W;
  const leftW = CONTENT_W - sw - 12;
  const signH = signHeight(ctx);
  ensureSpace(ctx, closingHeight(ctx));
  let y = ctx.y;
  if (view.bank.length) {
    line(doc, 'Bank details', MARGIN, y, leftW, 'left', { font: F.bold, size: 7.5 });
    y += 10;
    for (const b of view.bank) {
      line(doc, b, MARGIN, y, leftW, 'left', { size: 7.5 });
      y += 10;
    }
  }
  if (view.terms.length) {
    line(doc, 'Terms and conditions', MARGIN, y + 2, leftW, 'left', { font: F.bold, size: 7.5 });
    y += 12;
    view.terms.forEach((t, i) => {
      y += para(doc, `${i + 1}. ${t}`, MARGIN, y, leftW, { size: 7 }) + 1;
    });
  }
  const sx = MARGIN + CONTENT_W - sw;
  doc.rect(sx, ctx.y, sw, signH).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
  para(doc, `for ${view.signatureFor}`, sx + 5, ctx.y + 5, sw - 10, { font: F.bold, size: 8, align: 'center' });
  line(doc, 'Authorised Signatory', sx + 5, ctx.y + signH - 13, sw - 10, 'center', { size: 7.5 });
  ctx.y = Math.max(y, ctx.y + signH) + 6;
  const note =
    view.status === 'draft'
      ? 'DRAFT for checking only: not registered with the IRP, so not valid as a tax invoice.'
      : "This is a computer-generated e-invoice; the QR code carries the IRP's digital signature.";
  line(doc, note, MARGIN, ctx.y, CONTENT_W, 'left', {
    size: 6.5,
    color: COLORS.muted,
  });
  ctx.y += 10;
}
