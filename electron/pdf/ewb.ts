/**
 * The printable e-way bill (issue 17 item 8): one A4 page in the order of the EWB system's own
 * print — e-way bill details (number, date, who generated it, validity, distance, IRN), Part A
 * (from, to, document, value, goods by HSN) and Part B (mode, vehicle or transport document, where
 * from, when entered, every later update). The QR holds "EWB number/generator GSTIN/date" (our
 * choice: the protocol doc does not say what the EWB system's own QR carries); a cancelled bill
 * carries a CANCELLED watermark.
 */
import PDFDocument from 'pdfkit';
import type { Invoice } from '../../shared/einvoice/schema';
import { formatInr, toPaise } from '../../shared/money';
import { COLORS, CONTENT_W, F, hline, line, MARGIN, PAGE_H, PAGE_W, para, type Doc } from './canvas';
import { loadFonts, type FontName } from './fonts';
import { drawQr, qrMatrix } from './qr-draw';
import { formatIrpDateTime, hsnSummary, stateLabel, taxColumns } from './view-model';

export interface PrintableEwayBill {
  ewbNo: string;
  /** IST "yyyy-MM-dd HH:mm:ss" as the IRP sent it. */
  ewbDate: string;
  validTill?: string;
  status: 'ACT' | 'CNL';
  cancelDate?: string;
  distanceKm?: number;
  irn?: string;
  /** The registered INV-01 payload the bill was raised on. */
  payload: Invoice;
  transport: { transMode?: string; vehicleNo?: string; vehicleType?: string; transDocNo?: string; transDocDt?: string; transporterId?: string; transporterName?: string };
  partB: ReadonlyArray<{ updatedAt: string; transMode: string; vehicleNo?: string; transDocNo?: string; transDocDt?: string; fromPlace: string; fromState: string; reasonCode: string }>;
}

const MODES: Readonly<Record<string, string>> = { '1': 'Road', '2': 'Rail', '3': 'Air', '4': 'Ship' };
/** EWB system Part-B reason codes. */
const PART_B_REASONS: Readonly<Record<string, string>> = { '1': 'Break down', '2': 'Transhipment', '3': 'Others', '4': 'First time' };

function heading(doc: Doc, text: string, y: number): number {
  doc.rect(MARGIN, y, CONTENT_W, 14).fill(COLORS.shade);
  line(doc, text, MARGIN + 4, y + 3.5, CONTENT_W - 8, 'left', { font: F.bold, size: 8.5 });
  return y + 18;
}

/** Label/value pairs in two columns; returns the y below them. */
function pairs(doc: Doc, rows: ReadonlyArray<[string, string]>, y: number): number {
  const colW = CONTENT_W / 2;
  rows.forEach(([label, value], i) => {
    const x = MARGIN + (i % 2) * colW;
    const ry = y + Math.floor(i / 2) * 13;
    line(doc, label, x + 4, ry, 92, 'left', { font: F.bold, size: 7.5, color: COLORS.muted });
    line(doc, value || '—', x + 98, ry, colW - 104, 'left', { size: 8 });
  });
  return y + Math.ceil(rows.length / 2) * 13 + 4;
}

function party(doc: Doc, title: string, lines: string[], x: number, y: number, w: number): number {
  line(doc, title, x, y, w, 'left', { font: F.bold, size: 7.5, color: COLORS.muted });
  let h = 11;
  for (const l of lines) h += para(doc, l, x, y + h, w, { size: 8 }) + 1;
  return y + h;
}

function table(doc: Doc, head: string[], widths: number[], rows: string[][], y: number, footer?: string[]): number {
  const x0 = MARGIN;
  const row = (cells: string[], ry: number, bold: boolean) => {
    let x = x0;
    cells.forEach((c, i) => {
      const w = widths[i] ?? 60;
      line(doc, c, x + 2, ry, w - 4, i === 0 || i === 1 ? 'left' : 'right', { font: bold ? F.bold : F.regular, size: 7.5 });
      x += w;
    });
  };
  row(head, y, true);
  hline(doc, x0, x0 + CONTENT_W, y + 11);
  let ry = y + 14;
  for (const r of rows) {
    row(r, ry, false);
    ry += 11;
  }
  if (footer) {
    hline(doc, x0, x0 + CONTENT_W, ry);
    row(footer, ry + 3, true);
    ry += 14;
  }
  return ry + 4;
}

/** Renders the e-way bill as a one-page A4 PDF (goods past what fits are summed in one line). */
export async function renderEwayBill(e: PrintableEwayBill, options: { fontsDir?: string } = {}): Promise<{ pdf: Buffer; pages: number }> {
  const inv = e.payload;
  const raised = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(e.ewbDate);
  const doc = new PDFDocument({
    size: 'A4', margin: 0, bufferPages: true,
    info: {
      Title: `e-Way Bill ${e.ewbNo}`, Author: inv.SellerDtls.LglNm, Subject: `e-way bill for ${inv.DocDtls.Typ} ${inv.DocDtls.No}`, Creator: 'e-Invoice Desk', Producer: 'e-Invoice Desk (pdfkit)',
      CreationDate: raised ? new Date(`${raised[1]}-${raised[2]}-${raised[3]}T${raised[4]}:${raised[5]}:${raised[6] ?? '00'}+05:30`) : new Date(0),
    },
  });
  const fonts = loadFonts(options.fontsDir);
  for (const name of Object.keys(fonts) as FontName[]) doc.registerFont(name, fonts[name] as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  // Title and QR
  doc.font(F.bold).fontSize(16).fillColor(COLORS.text).text('e-WAY BILL', MARGIN, MARGIN, { lineBreak: false });
  line(doc, `E-Way Bill No: ${e.ewbNo}`, MARGIN, MARGIN + 22, 300, 'left', { font: F.bold, size: 11 });
  if (e.status === 'CNL') line(doc, `CANCELLED on ${formatIrpDateTime(e.cancelDate)}`, MARGIN, MARGIN + 38, 300, 'left', { font: F.bold, size: 9, color: COLORS.danger });
  const qrSide = 72;
  drawQr(doc, qrMatrix(`${e.ewbNo}/${inv.SellerDtls.Gstin}/${formatIrpDateTime(e.ewbDate)}`), MARGIN + CONTENT_W - qrSide, MARGIN, qrSide);
  let y = MARGIN + qrSide + 8;

  y = heading(doc, '1. E-WAY BILL DETAILS', y);
  y = pairs(doc, [
    ['E-Way Bill No.', e.ewbNo],
    ['Generated date', formatIrpDateTime(e.ewbDate)],
    ['Generated by', `${inv.SellerDtls.Gstin} - ${inv.SellerDtls.LglNm}`],
    ['Valid from', formatIrpDateTime(e.ewbDate)],
    ['Valid until', e.validTill ? formatIrpDateTime(e.validTill) : 'Not valid for movement until Part-B is entered'],
    ['Distance', e.distanceKm !== undefined ? `${e.distanceKm} km` : ''],
    ['Type', 'Outward - Supply'],
    ['Document', `${inv.DocDtls.Typ === 'INV' ? 'Tax Invoice' : inv.DocDtls.Typ} ${inv.DocDtls.No} dated ${inv.DocDtls.Dt}`],
    ['IRN', e.irn ?? ''],
    ['Transaction type', inv.ShipDtls || inv.DispDtls ? 'Bill to - ship to / dispatch from' : 'Regular'],
  ], y);

  y = heading(doc, '2. ADDRESS DETAILS (PART A)', y);
  const half = CONTENT_W / 2 - 6;
  const from = inv.DispDtls ?? { Addr1: inv.SellerDtls.Addr1, Loc: inv.SellerDtls.Loc, Pin: inv.SellerDtls.Pin, Stcd: inv.SellerDtls.Stcd };
  const to = inv.ShipDtls ?? inv.BuyerDtls;
  const fromLines = [`GSTIN: ${inv.SellerDtls.Gstin}`, inv.SellerDtls.LglNm, `Dispatch from: ${from.Addr1}, ${from.Loc} - ${from.Pin}`, `State: ${stateLabel(from.Stcd)}`];
  const toLines = [`GSTIN: ${inv.BuyerDtls.Gstin}`, inv.BuyerDtls.LglNm, `Ship to: ${to.Addr1}, ${to.Loc} - ${to.Pin ?? ''}`, `State: ${stateLabel(to.Stcd)}`];
  y = Math.max(party(doc, 'FROM', fromLines, MARGIN + 4, y, half), party(doc, 'TO', toLines, MARGIN + CONTENT_W / 2 + 4, y, half)) + 6;

  y = heading(doc, '3. GOODS DETAILS', y);
  const heads = taxColumns(inv);
  const hsn = hsnSummary(inv, heads);
  const shown = hsn.rows.slice(0, 20);
  const widths = hsn.columns.map((c) => c.width);
  y = table(doc, hsn.columns.map((c) => c.header), widths, shown, y, hsn.footer);
  if (hsn.rows.length > shown.length) y = pairs(doc, [['More HSN codes', `${hsn.rows.length - shown.length} more, included in the total`]], y);
  y = pairs(doc, [
    ['Total taxable value', formatInr(toPaise(inv.ValDtls.AssVal))],
    ['Total invoice value', formatInr(toPaise(inv.ValDtls.TotInvVal))],
  ], y);

  y = heading(doc, '4. TRANSPORTATION DETAILS', y);
  y = pairs(doc, [
    ['Transporter ID', e.transport.transporterId ?? ''],
    ['Transporter name', e.transport.transporterName ?? ''],
    ['Transport doc. no.', e.transport.transDocNo ?? ''],
    ['Transport doc. date', e.transport.transDocDt ?? ''],
  ], y);

  y = heading(doc, '5. VEHICLE DETAILS (PART B)', y);
  // newest first, ending with the vehicle the bill was raised with (if it had one)
  const raisedWith = e.transport.transMode && (e.transport.vehicleNo || e.transport.transDocNo)
    ? [[MODES[e.transport.transMode] ?? e.transport.transMode, e.transport.vehicleNo ?? e.transport.transDocNo ?? '', `${from.Loc}, ${stateLabel(from.Stcd)}`, formatIrpDateTime(e.ewbDate), 'With the e-way bill']]
    : [];
  const partB = [
    ...[...e.partB].reverse().map((u) => [MODES[u.transMode] ?? u.transMode, u.vehicleNo ?? u.transDocNo ?? '', `${u.fromPlace}, ${stateLabel(u.fromState)}`, formatIrpDateTime(u.updatedAt), PART_B_REASONS[u.reasonCode] ?? u.reasonCode]),
    ...raisedWith,
  ];
  if (partB.length === 0) y = pairs(doc, [['Part B', 'Not entered yet: the goods may not move on this bill']], y);
  else y = table(doc, ['Mode', 'Vehicle / doc. no.', 'From', 'Entered on', 'Reason'], [60, 110, 160, 110, 99], partB.slice(0, 12), y);

  line(doc, `Printed by e-Invoice Desk from what the IRP returned · ${inv.DocDtls.Typ} ${inv.DocDtls.No}`, MARGIN, PAGE_H - MARGIN - 6, CONTENT_W, 'left', { size: 6.5, color: COLORS.muted });
  if (e.status === 'CNL') {
    doc.save();
    doc.rotate(-50, { origin: [PAGE_W / 2, PAGE_H / 2] });
    doc.opacity(0.16).fillColor(COLORS.danger).font(F.bold).fontSize(110);
    const w = doc.widthOfString('CANCELLED');
    doc.text('CANCELLED', PAGE_W / 2 - w / 2, PAGE_H / 2 - 70, { lineBreak: false });
    doc.restore();
  }
  void y;
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages };
}
