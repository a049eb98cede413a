/**
 * The Test Summary Report as an A4 landscape PDF (pdfkit, the DejaVu faces of electron/pdf): the
 * run's facts, then one row per scenario with wrapped cells; the header row repeats on every page
 * and every page is numbered.
 */
import PDFDocument from 'pdfkit';
import { pdfBytes, registerFonts } from '../../pdf/document';
import type { FontName } from '../../pdf/fonts';
import { summarise, type ReportInput } from './report-data';

type Doc = InstanceType<typeof PDFDocument>;

const W = 841.89;
const H = 595.28;
const M = 28;
const BOTTOM = H - M - 16;
const COLS: Array<{ title: string; width: number }> = [
  { title: '#', width: 22 },
  { title: 'API', width: 82 },
  { title: 'Scenario', width: 150 },
  { title: 'Expected result (NIC)', width: 230 },
  { title: 'Actual result and what the client did', width: 251 },
  { title: 'Result', width: 50 },
];
const PAD = 3;
const SIZE = 7;

function cells(r: ReportInput['results'][number], i: number): string[] {
  return [String(i + 1), r.api, r.title, `${r.expected}\nSource: irp-protocol.md ${r.spec}`, `${r.actual}\nClient: ${r.clientAction}`, r.pass ? 'PASS' : 'FAIL'];
}

function rowHeight(doc: Doc, texts: string[], font: FontName): number {
  doc.font(font).fontSize(SIZE);
  return Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: (COLS[i]?.width ?? 50) - 2 * PAD }))) + 2 * PAD;
}

function drawRow(doc: Doc, y: number, texts: string[], font: FontName, h: number, fill?: string, resultColor?: string): void {
  let x = M;
  if (fill) doc.rect(M, y, W - 2 * M, h).fill(fill);
  texts.forEach((t, i) => {
    const w = COLS[i]?.width ?? 50;
    const last = i === texts.length - 1;
    doc.font(last && resultColor ? 'bold' : font).fontSize(SIZE).fillColor(last && resultColor ? resultColor : '#111111');
    doc.text(t, x + PAD, y + PAD, { width: w - 2 * PAD });
    doc.moveTo(x, y).lineTo(x, y + h).strokeColor('#9a9a9a').lineWidth(0.5).stroke();
    x += w;
  });
  doc.moveTo(x, y).lineTo(x, y + h).stroke();
  doc.moveTo(M, y + h).lineTo(x, y + h).stroke();
  doc.moveTo(M, y).lineTo(x, y).stroke();
}

function header(doc: Doc, y: number): number {
  const titles = COLS.map((c) => c.title);
  const h = rowHeight(doc, titles, 'bold');
  drawRow(doc, y, titles, 'bold', h, '#e8edf5');
  return y + h;
}

export async function renderReportPdf(input: ReportInput): Promise<{ pdf: Buffer; pages: number }> {
  const s = summarise(input);
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, bufferPages: true, info: { Title: s.title, Creator: 'e-Invoice Desk', Producer: 'e-Invoice Desk (pdfkit)', CreationDate: input.generatedAt } });
  registerFonts(doc);
  const bytes = pdfBytes(doc);

  doc.font('bold').fontSize(15).fillColor('#17233a').text(s.title, M, M, { width: W - 2 * M });
  let y = doc.y + 6;
  for (const [k, v] of s.facts) {
    doc.font('bold').fontSize(8.5).fillColor('#111111').text(k, M, y, { width: 130 });
    doc.font('regular').fontSize(8.5).text(v, M + 130, y, { width: W - 2 * M - 130 });
    y = doc.y + 2;
  }
  doc.font('regular').fontSize(7.5).fillColor('#555555').text(s.note, M, y + 2, { width: W - 2 * M });
  y = header(doc, doc.y + 8);
  input.results.forEach((r, i) => {
    const texts = cells(r, i);
    const h = rowHeight(doc, texts, 'regular');
    if (y + h > BOTTOM) {
      doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
      y = header(doc, M);
    }
    drawRow(doc, y, texts, 'regular', h, i % 2 === 1 ? '#f6f7f9' : undefined, r.pass ? '#1e7b34' : '#b3261e');
    y += h;
  });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    doc.font('regular').fontSize(7).fillColor('#555555');
    doc.text(`${s.title} · ${s.passed} of ${s.scenarios} passed`, M, H - M - 8, { width: 500, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, W - M - 100, H - M - 8, { width: 100, align: 'right', lineBreak: false });
  }
  doc.end();
  return { pdf: await bytes, pages: range.count };
}
