/**
 * The page geometry and the few text primitives every block uses. Margins are handled here, not
 * by pdfkit (its pages have zero margins), so pdfkit never adds a page on its own: page breaks
 * happen only in `ensureSpace`, which also redraws the continuation header.
 */
import type PDFDocument from 'pdfkit';
import type { Align, InvoiceView } from './view-model';

export type Doc = InstanceType<typeof PDFDocument>;

export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const MARGIN = 28;
export const CONTENT_W = 539;
/** Content stops here; the footer (page x of y) lives below. */
export const CONTENT_BOTTOM = PAGE_H - MARGIN - 14;

export const COLORS = {
  text: '#111111',
  muted: '#555555',
  rule: '#9a9a9a',
  faint: '#d4d4d4',
  shade: '#f1f3f6',
  accent: '#1b4f9c',
  danger: '#b3261e',
} as const;

export const F = { regular: 'regular', bold: 'bold', cond: 'cond', condBold: 'condBold', mono: 'mono' } as const;

export interface Ctx {
  doc: Doc;
  view: InvoiceView;
  /** Where the next block starts on the current page. */
  y: number;
  /** Number of pages started (the first is 1). */
  pages: number;
}

export interface TextStyle {
  font?: string;
  size?: number;
  color?: string;
  /** Alignment of wrapped text (para only). */
  align?: Align;
}

function apply(doc: Doc, s: TextStyle): void {
  doc.font(s.font ?? F.regular).fontSize(s.size ?? 8).fillColor(s.color ?? COLORS.text);
}

const MIN_SIZE = 3.5;

/**
 * One line of text in a box `width` wide. Text that would not fit is drawn smaller rather than
 * wrapped (a long amount must stay on one line and stay whole); only text that does not fit even
 * at the smallest size is cut, with an ellipsis, so that it never runs into the next box.
 */
export function line(doc: Doc, text: string, x: number, y: number, width: number, align: Align = 'left', style: TextStyle = {}): void {
  if (text === '') return;
  apply(doc, style);
  let shown = text;
  let w = doc.widthOfString(shown);
  if (w > width) {
    doc.fontSize(Math.max(MIN_SIZE, ((style.size ?? 8) * width) / w));
    w = doc.widthOfString(shown);
    while (w > width && shown.length > 1) {
      shown = `${shown.slice(0, -2)}…`;
      w = doc.widthOfString(shown);
    }
  }
  const dx = align === 'right' ? width - w : align === 'center' ? (width - w) / 2 : 0;
  doc.text(shown, x + dx, y, { lineBreak: false });
}

/** Wrapped text; returns its height. */
export function para(doc: Doc, text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
  if (text === '') return 0;
  apply(doc, style);
  const h = doc.heightOfString(text, { width });
  doc.text(text, x, y, { width, align: style.align ?? 'left' });
  return h;
}

export function paraHeight(doc: Doc, text: string, width: number, style: TextStyle = {}): number {
  if (text === '') return 0;
  apply(doc, style);
  return doc.heightOfString(text, { width });
}

export function hline(doc: Doc, x1: number, x2: number, y: number, color: string = COLORS.rule, width = 0.5): void {
  doc.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke();
}

/** The small header of pages 2..n: which document this page belongs to. */
export function continuationHeader(ctx: Ctx): void {
  const { doc, view } = ctx;
  const right = view.status === 'draft' ? 'DRAFT - not registered' : view.status === 'cancelled' ? 'IRN CANCELLED' : 'e-Invoice';
  line(doc, `${view.runningTitle} (continued)`, MARGIN, MARGIN, CONTENT_W - 110, 'left', { size: 7.5, color: COLORS.muted });
  line(doc, right, MARGIN + CONTENT_W - 108, MARGIN, 108, 'right', {
    font: F.bold,
    size: 7.5,
    color: view.status === 'registered' ? COLORS.accent : COLORS.danger,
  });
  hline(doc, MARGIN, MARGIN + CONTENT_W, MARGIN + 12);
  ctx.y = MARGIN + 18;
}

export function newPage(ctx: Ctx): void {
  ctx.doc.addPage();
  ctx.pages += 1;
  continuationHeader(ctx);
}

/** Starts a new page when `height` does not fit below ctx.y; returns true when it did. */
export function ensureSpace(ctx: Ctx, height: number): boolean {
  if (ctx.y + height <= CONTENT_BOTTOM) return false;
  newPage(ctx);
  return true;
}
