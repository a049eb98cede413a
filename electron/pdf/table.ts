/**
 * A table that runs over as many pages as it needs, repeating its header on every page. Only the
 * column marked `wrap` wraps (the description); every other cell is one line, shrunk to fit.
 */
import { COLORS, CONTENT_BOTTOM, ensureSpace, F, hline, line, MARGIN, newPage, para, paraHeight, type Ctx } from './canvas';
import type { TableView } from './view-model';

export interface TableStyle {
  size: number;
  /** Index of the column allowed to wrap (-1 for none). */
  wrap: number;
  caption?: string;
}

const PAD = 2.5;

function drawHeader(ctx: Ctx, t: TableView, size: number, height: number): void {
  const { doc } = ctx;
  let x = MARGIN;
  doc.rect(MARGIN, ctx.y, t.columns.reduce((a, c) => a + c.width, 0), height).fill(COLORS.shade);
  for (const c of t.columns) {
    const h = paraHeight(doc, c.header, c.width - 2 * PAD, { font: F.condBold, size });
    const top = ctx.y + (height - h) / 2;
    doc.font(F.condBold).fontSize(size).fillColor(COLORS.text);
    doc.text(c.header, x + PAD, top, { width: c.width - 2 * PAD, align: c.align === 'left' ? 'left' : c.align });
    x += c.width;
  }
  ctx.y += height;
  hline(doc, MARGIN, x, ctx.y, COLORS.rule, 0.6);
}

function headerHeight(ctx: Ctx, t: TableView, size: number): number {
  const hs = t.columns.map((c) => paraHeight(ctx.doc, c.header, c.width - 2 * PAD, { font: F.condBold, size }));
  return Math.max(...hs) + 2 * PAD;
}

/** Vertical rules for the part of the table on the current page. */
function drawFrame(ctx: Ctx, t: TableView, top: number): void {
  const { doc } = ctx;
  let x = MARGIN;
  for (const c of [{ width: 0 }, ...t.columns]) {
    x += c.width;
    doc.moveTo(x, top).lineTo(x, ctx.y);
  }
  doc.moveTo(MARGIN, top).lineTo(x, top).moveTo(MARGIN, ctx.y).lineTo(x, ctx.y);
  doc.lineWidth(0.6).strokeColor(COLORS.rule).stroke();
}

function drawRow(ctx: Ctx, t: TableView, cells: string[], style: TableStyle, height: number, bold: boolean): void {
  const { doc } = ctx;
  let x = MARGIN;
  t.columns.forEach((c, i) => {
    const text = cells[i] ?? '';
    const font = bold ? F.condBold : F.cond;
    if (i === style.wrap) para(doc, text, x + PAD, ctx.y + PAD, c.width - 2 * PAD, { font, size: style.size });
    else line(doc, text, x + PAD, ctx.y + PAD, c.width - 2 * PAD, c.align, { font, size: style.size });
    x += c.width;
  });
  ctx.y += height;
}

/** Draws the table from ctx.y on, across pages; leaves ctx.y below it. */
export function drawTable(ctx: Ctx, t: TableView, style: TableStyle): void {
  const { doc } = ctx;
  const hh = headerHeight(ctx, t, style.size);
  const lineH = style.size * 1.22;
  const one = lineH + 2 * PAD;
  const captionH = style.caption ? style.size + 6 : 0;
  const wrapWidth = style.wrap >= 0 ? (t.columns[style.wrap]?.width ?? 0) - 2 * PAD : 0;
  const rowHeight = (cells: string[]): number => {
    if (style.wrap < 0) return one;
    const text = cells[style.wrap] ?? '';
    doc.font(F.cond).fontSize(style.size);
    // Measuring a wrapped height is the costly part of a 1000-line table: do it only when needed.
    if (doc.widthOfString(text) <= wrapWidth) return one;
    return Math.max(one, paraHeight(doc, text, wrapWidth, { font: F.cond, size: style.size }) + 2 * PAD);
  };

  // Caption, header and at least one row stay together.
  const firstRow = t.rows[0];
  ensureSpace(ctx, captionH + hh + (firstRow ? rowHeight(firstRow) : one));
  if (style.caption) {
    line(doc, style.caption, MARGIN, ctx.y, 300, 'left', { font: F.bold, size: style.size + 0.5 });
    ctx.y += captionH;
  }
  let top = ctx.y;
  drawHeader(ctx, t, style.size, hh);
  const rows = t.footer ? [...t.rows.map((r) => ({ r, bold: false })), { r: t.footer, bold: true }] : t.rows.map((r) => ({ r, bold: false }));
  rows.forEach(({ r, bold }, index) => {
    const h = rowHeight(r);
    if (ctx.y + h > CONTENT_BOTTOM) {
      drawFrame(ctx, t, top);
      newPage(ctx);
      top = ctx.y;
      drawHeader(ctx, t, style.size, hh);
    }
    if (bold) doc.rect(MARGIN, ctx.y, t.columns.reduce((a, c) => a + c.width, 0), h).fill(COLORS.shade);
    drawRow(ctx, t, r, style, h, bold);
    if (index < rows.length - 1) hline(doc, MARGIN, MARGIN + t.columns.reduce((a, c) => a + c.width, 0), ctx.y, COLORS.faint, 0.4);
  });
  drawFrame(ctx, t, top);
  ctx.y += 8;
}
