/**
 * Everything the printed invoice says, as text, independent of the drawing library: the PDF
 * renderer (and the HTML comparison in the benchmark) only lay these strings out. Values come
 * from the registered payload itself, never recomputed, so the print matches what the IRP signed.
 * Rule 46 of the CGST Rules decides what must be there; irp-protocol.md §7.4 adds IRN, Ack and QR.
 */
import { formatInr, formatQuantity, groupIndian, toMilli, toPaise, amountInWords } from '../../shared/money';
import { stateName, normaliseStateCode } from '../../shared/gst/states';
import type { BuyerDtls, DispDtls, Invoice, Item, SellerDtls, ShipDtls } from '../../shared/einvoice/schema';
import type { PrintableInvoice } from './types';

export type Align = 'left' | 'right' | 'center';

export interface Column {
  header: string;
  /** Width in PDF points on an A4 page with 28 pt margins (539 pt of content). */
  width: number;
  align: Align;
}

export interface TableView {
  columns: Column[];
  rows: string[][];
  /** A closing line of sums, drawn bold (undefined when the table has none). */
  footer?: string[];
}

export interface PartyView {
  heading: string;
  name: string;
  lines: string[];
}

export type Pair = [label: string, value: string];

export interface InvoiceView {
  title: 'Tax Invoice' | 'Credit Note' | 'Debit Note';
  status: 'registered' | 'cancelled' | 'draft';
  seller: PartyView;
  /** IRN, Ack No/Date, cancellation and e-way bill lines; empty for drafts. */
  einvoice: Pair[];
  /** Document number and date, place of supply, reverse charge and the other Rule 46 particulars. */
  document: Pair[];
  parties: PartyView[];
  items: TableView;
  hsnSummary: TableView;
  totals: Pair[];
  amountInWords: string;
  bank: string[];
  terms: string[];
  signatureFor: string;
  /** One line naming the document, repeated at the top of every continuation page. */
  runningTitle: string;
}

const TITLES = { INV: 'Tax Invoice', CRN: 'Credit Note', DBN: 'Debit Note' } as const;
const NUMBER_LABEL = { INV: 'Invoice No.', CRN: 'Credit Note No.', DBN: 'Debit Note No.' } as const;
const SUPPLY_TYPES: Readonly<Record<string, string>> = {
  B2B: 'B2B (regular)',
  SEZWP: 'SEZ supply with payment of tax',
  SEZWOP: 'SEZ supply without payment of tax',
  EXPWP: 'Export with payment of tax',
  EXPWOP: 'Export without payment of tax',
  DEXP: 'Deemed export',
};

const money = (rupees: number | null | undefined) => formatInr(toPaise(rupees ?? 0), { symbol: false });
const rupee = (rupees: number | null | undefined) => formatInr(toPaise(rupees ?? 0));

/** Unit prices have up to three decimals (INV-01 UnitPrice is 12,3): keep the third when present. */
export function formatRate(value: number): string {
  const thousandths = Math.round(Math.abs(value) * 1000);
  if (thousandths % 10 === 0) return formatInr(Math.sign(value) * (thousandths / 10), { symbol: false });
  const whole = Math.floor(thousandths / 1000);
  return `${value < 0 ? '-' : ''}${groupIndian(String(whole))}.${String(thousandths % 1000).padStart(3, '0')}`;
}

export function formatPercent(rate: number | null | undefined): string {
  return `${Number((rate ?? 0).toFixed(3))}%`;
}

/** "Karnataka (29)": Rule 46 asks for the name of the state and its code. */
export function stateLabel(code: string | number | null | undefined): string {
  const c = normaliseStateCode(code);
  return c === undefined ? String(code ?? '') : `${stateName(c) ?? 'Unknown state'} (${c})`;
}

/** "2026-11-14 12:34:56" (IRP, IST) to "14/11/2026 12:34:56"; anything else passes through. */
export function formatIrpDateTime(text: string | null | undefined): string {
  if (!text) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)/.exec(text);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}` : text;
}

function address(p: { Addr1: string; Addr2?: string | null; Loc: string; Pin?: number | null; Stcd: string }): string[] {
  return [p.Addr1, p.Addr2 ?? '', `${p.Loc}${p.Pin ? ` - ${p.Pin}` : ''}`, `State: ${stateLabel(p.Stcd)}`].filter((l) => l !== '');
}

function sellerView(s: SellerDtls, extra: PrintableInvoice['seller']): PartyView {
  const phone = extra?.phone ?? s.Ph;
  const email = extra?.email ?? s.Em;
  const contact = [phone ? `Phone: ${phone}` : '', email ? `Email: ${email}` : ''].filter(Boolean).join('  ');
  return {
    heading: 'Seller',
    name: s.LglNm,
    lines: [
      ...(s.TrdNm && s.TrdNm !== s.LglNm ? [`(${s.TrdNm})`] : []),
      ...address(s),
      `GSTIN: ${s.Gstin}`,
      ...(contact ? [contact] : []),
    ],
  };
}

function buyerView(b: BuyerDtls): PartyView {
  const contact = [b.Ph ? `Phone: ${b.Ph}` : '', b.Em ? `Email: ${b.Em}` : ''].filter(Boolean).join('  ');
  return {
    heading: 'Bill to (recipient)',
    name: b.LglNm,
    lines: [
      ...(b.TrdNm && b.TrdNm !== b.LglNm ? [`(${b.TrdNm})`] : []),
      ...address(b),
      `GSTIN: ${b.Gstin === 'URP' ? 'URP (unregistered)' : b.Gstin}`,
      ...(contact ? [contact] : []),
    ],
  };
}

function shipView(s: ShipDtls): PartyView {
  return { heading: 'Ship to', name: s.LglNm, lines: [...address(s), ...(s.Gstin ? [`GSTIN: ${s.Gstin}`] : [])] };
}

function dispatchView(d: DispDtls): PartyView {
  return { heading: 'Dispatch from', name: d.Nm, lines: address(d) };
}

/** Which tax columns the items table needs: CGST+SGST, IGST, or (unusually) both. */
export function taxColumns(inv: Invoice): { cgst: boolean; igst: boolean } {
  const has = (pick: (i: Item) => number | null | undefined) => inv.ItemList.some((i) => (pick(i) ?? 0) !== 0);
  const igst = has((i) => i.IgstAmt) || (inv.ValDtls.IgstVal ?? 0) !== 0;
  const cgst = has((i) => i.CgstAmt) || has((i) => i.SgstAmt) || (inv.ValDtls.CgstVal ?? 0) !== 0;
  if (igst || cgst) return { cgst, igst };
  // No tax at all (nil-rated, exports without payment): show the heads the place of supply implies.
  const intra = normaliseStateCode(inv.SellerDtls.Stcd) === normaliseStateCode(inv.BuyerDtls.Pos) && inv.TranDtls.IgstOnIntra !== 'Y';
  return { cgst: intra, igst: !intra };
}

const cessOf = (i: Item) => (i.CesAmt ?? 0) + (i.CesNonAdvlAmt ?? 0) + (i.StateCesAmt ?? 0) + (i.StateCesNonAdvlAmt ?? 0);

function itemsTable(inv: Invoice, heads: { cgst: boolean; igst: boolean }): TableView {
  const taxCols: Column[] = [
    ...(heads.cgst ? [{ header: 'CGST', width: 44, align: 'right' as const }, { header: 'SGST/UTGST', width: 44, align: 'right' as const }] : []),
    ...(heads.igst ? [{ header: 'IGST', width: 46, align: 'right' as const }] : []),
  ];
  const fixed: Column[] = [
    { header: 'S.No', width: 24, align: 'right' },
    { header: 'Description', width: 0, align: 'left' },
    { header: 'HSN/SAC', width: 36, align: 'left' },
    { header: 'Qty', width: 34, align: 'right' },
    { header: 'Unit', width: 24, align: 'left' },
    { header: 'Rate', width: 44, align: 'right' },
    { header: 'Discount', width: 36, align: 'right' },
    { header: 'Taxable value', width: 50, align: 'right' },
    { header: 'GST %', width: 30, align: 'right' },
    ...taxCols,
    { header: 'Cess', width: 34, align: 'right' },
    { header: 'Total', width: 54, align: 'right' },
  ];
  const used = fixed.reduce((a, c) => a + c.width, 0);
  const desc = fixed[1] as Column;
  desc.width = 539 - used;
  const sum = (pick: (i: Item) => number | null | undefined) => inv.ItemList.reduce((a, i) => a + toPaise(pick(i) ?? 0), 0);
  const rows = inv.ItemList.map((i) => [
    i.SlNo,
    i.PrdDesc ?? '',
    i.HsnCd,
    i.Qty === undefined || i.Qty === null ? '' : formatQuantity(toMilli(i.Qty)),
    i.Unit ?? '',
    formatRate(i.UnitPrice),
    money(i.Discount),
    money(i.AssAmt),
    formatPercent(i.GstRt),
    ...(heads.cgst ? [money(i.CgstAmt), money(i.SgstAmt)] : []),
    ...(heads.igst ? [money(i.IgstAmt)] : []),
    money(cessOf(i)),
    money(i.TotItemVal),
  ]);
  const footer = [
    '', 'Total', '', '', '', '',
    formatInr(sum((i) => i.Discount), { symbol: false }),
    formatInr(sum((i) => i.AssAmt), { symbol: false }),
    '',
    ...(heads.cgst ? [formatInr(sum((i) => i.CgstAmt), { symbol: false }), formatInr(sum((i) => i.SgstAmt), { symbol: false })] : []),
    ...(heads.igst ? [formatInr(sum((i) => i.IgstAmt), { symbol: false })] : []),
    formatInr(sum(cessOf), { symbol: false }),
    formatInr(sum((i) => i.TotItemVal), { symbol: false }),
  ];
  return { columns: fixed, rows, footer };
}

/** Tax by HSN/SAC and rate, in integer paise, sorted by HSN then rate. */
export function hsnSummary(inv: Invoice, heads: { cgst: boolean; igst: boolean }): TableView {
  const groups = new Map<string, { hsn: string; rate: number; taxable: number; cgst: number; sgst: number; igst: number; cess: number }>();
  for (const i of inv.ItemList) {
    const key = `${i.HsnCd}|${i.GstRt}`;
    const g = groups.get(key) ?? { hsn: i.HsnCd, rate: i.GstRt, taxable: 0, cgst: 0, sgst: 0, igst: 0, cess: 0 };
    g.taxable += toPaise(i.AssAmt);
    g.cgst += toPaise(i.CgstAmt ?? 0);
    g.sgst += toPaise(i.SgstAmt ?? 0);
    g.igst += toPaise(i.IgstAmt ?? 0);
    g.cess += toPaise(cessOf(i));
    groups.set(key, g);
  }
  const sorted = [...groups.values()].sort((a, b) => a.hsn.localeCompare(b.hsn) || a.rate - b.rate);
  const p = (paise: number) => formatInr(paise, { symbol: false });
  const cols: Column[] = [
    { header: 'HSN/SAC', width: 70, align: 'left' },
    { header: 'GST %', width: 45, align: 'right' },
    { header: 'Taxable value', width: 80, align: 'right' },
    ...(heads.cgst ? [{ header: 'CGST', width: 70, align: 'right' as const }, { header: 'SGST/UTGST', width: 70, align: 'right' as const }] : []),
    ...(heads.igst ? [{ header: 'IGST', width: 70, align: 'right' as const }] : []),
    { header: 'Cess', width: 60, align: 'right' },
    { header: 'Total tax', width: 0, align: 'right' },
  ];
  (cols[cols.length - 1] as Column).width = 539 - cols.reduce((a, c) => a + c.width, 0);
  const line = (g: { taxable: number; cgst: number; sgst: number; igst: number; cess: number }) => [
    p(g.taxable),
    ...(heads.cgst ? [p(g.cgst), p(g.sgst)] : []),
    ...(heads.igst ? [p(g.igst)] : []),
    p(g.cess),
    p(g.cgst + g.sgst + g.igst + g.cess),
  ];
  const total = sorted.reduce(
    (a, g) => ({ taxable: a.taxable + g.taxable, cgst: a.cgst + g.cgst, sgst: a.sgst + g.sgst, igst: a.igst + g.igst, cess: a.cess + g.cess }),
    { taxable: 0, cgst: 0, sgst: 0, igst: 0, cess: 0 },
  );
  return {
    columns: cols,
    rows: sorted.map((g) => [g.hsn, formatPercent(g.rate), ...line(g)]),
    footer: ['Total', '', ...line(total)],
  };
}

function totals(inv: Invoice, heads: { cgst: boolean; igst: boolean }): Pair[] {
  const v = inv.ValDtls;
  const out: Pair[] = [['Taxable value', rupee(v.AssVal)]];
  if (heads.cgst) out.push(['CGST', rupee(v.CgstVal)], ['SGST/UTGST', rupee(v.SgstVal)]);
  if (heads.igst) out.push(['IGST', rupee(v.IgstVal)]);
  if (v.CesVal) out.push(['Cess', rupee(v.CesVal)]);
  if (v.StCesVal) out.push(['State cess', rupee(v.StCesVal)]);
  if (v.OthChrg) out.push(['Other charges', rupee(v.OthChrg)]);
  if (v.Discount) out.push(['Discount', `-${rupee(v.Discount)}`]);
  out.push(['Round off', `${(v.RndOffAmt ?? 0) > 0 ? '+' : ''}${rupee(v.RndOffAmt)}`]);
  out.push(['Total invoice value', rupee(v.TotInvVal)]);
  if (v.TotInvValFc) out.push([`Total in ${inv.ExpDtls?.ForCur ?? 'foreign currency'}`, formatInr(toPaise(v.TotInvValFc), { symbol: false })]);
  return out;
}

function einvoiceLines(p: PrintableInvoice): Pair[] {
  const r = p.registration;
  if (!r) return [];
  const out: Pair[] = [['IRN', r.irn], ['Ack No.', String(r.ackNo)], ['Ack Date', formatIrpDateTime(r.ackDt)]];
  if (r.status === 'CNL') out.push(['Status', `IRN CANCELLED${r.cancelDate ? ` on ${formatIrpDateTime(r.cancelDate)}` : ''}`]);
  if (p.ewb) {
    out.push(['E-way bill No.', String(p.ewb.ewbNo)], ['E-way bill date', formatIrpDateTime(p.ewb.ewbDt)]);
    if (p.ewb.validTill) out.push(['Valid till', formatIrpDateTime(p.ewb.validTill)]);
  }
  return out;
}

function documentLines(inv: Invoice): Pair[] {
  const t = inv.DocDtls.Typ.toUpperCase() as keyof typeof TITLES;
  const out: Pair[] = [
    [NUMBER_LABEL[t] ?? 'Document No.', inv.DocDtls.No],
    ['Date', inv.DocDtls.Dt],
    ['Place of supply', stateLabel(inv.BuyerDtls.Pos)],
    ['Reverse charge', inv.TranDtls.RegRev === 'Y' ? 'Yes' : 'No'],
    ['Supply type', SUPPLY_TYPES[inv.TranDtls.SupTyp.toUpperCase()] ?? inv.TranDtls.SupTyp],
  ];
  if (inv.TranDtls.EcmGstin) out.push(['E-commerce GSTIN', inv.TranDtls.EcmGstin]);
  for (const d of inv.RefDtls?.PrecDocDtls ?? []) out.push(['Against invoice', `${d.InvNo} dated ${d.InvDt}`]);
  const e = inv.ExpDtls;
  if (e?.ShipBNo) out.push(['Shipping bill', `${e.ShipBNo}${e.ShipBDt ? ` dated ${e.ShipBDt}` : ''}${e.Port ? `, port ${e.Port}` : ''}`]);
  if (e?.CntCode) out.push(['Country', e.CntCode]);
  const w = inv.EwbDtls;
  if (w?.VehNo) out.push(['Vehicle No.', w.VehNo]);
  if (w?.TransName || w?.TransId) out.push(['Transporter', [w.TransName, w.TransId].filter(Boolean).join(', ')]);
  const pay = inv.PayDtls;
  if (pay?.PayTerm) out.push(['Payment terms', pay.PayTerm]);
  if (pay?.CrDay) out.push(['Credit days', String(pay.CrDay)]);
  return out;
}

function bankLines(p: PrintableInvoice): string[] {
  const b = p.seller?.bank;
  if (b) return [`Bank: ${b.name}${b.branch ? `, ${b.branch}` : ''}`, `A/c No.: ${b.account}`, `IFSC: ${b.ifsc}`];
  const pay = p.payload.PayDtls;
  if (!pay?.AccDet) return [];
  return [...(pay.Nm ? [`Account name: ${pay.Nm}`] : []), `A/c No.: ${pay.AccDet}`, ...(pay.FinInsBr ? [`IFSC: ${pay.FinInsBr}`] : [])];
}

export function buildInvoiceView(p: PrintableInvoice): InvoiceView {
  const inv = p.payload;
  const typ = inv.DocDtls.Typ.toUpperCase() as keyof typeof TITLES;
  const title = TITLES[typ] ?? 'Tax Invoice';
  const heads = taxColumns(inv);
  const parties = [buyerView(inv.BuyerDtls)];
  if (inv.ShipDtls) parties.push(shipView(inv.ShipDtls));
  if (inv.DispDtls) parties.push(dispatchView(inv.DispDtls));
  const status = !p.registration ? 'draft' : p.registration.status === 'CNL' ? 'cancelled' : 'registered';
  return {
    title,
    status,
    seller: sellerView(inv.SellerDtls, p.seller),
    einvoice: einvoiceLines(p),
    document: documentLines(inv),
    parties,
    items: itemsTable(inv, heads),
    hsnSummary: hsnSummary(inv, heads),
    totals: totals(inv, heads),
    amountInWords: amountInWords(toPaise(inv.ValDtls.TotInvVal)),
    bank: bankLines(p),
    terms: p.seller?.terms ?? [],
    signatureFor: inv.SellerDtls.LglNm,
    runningTitle: `${title} ${inv.DocDtls.No} dated ${inv.DocDtls.Dt} · ${inv.SellerDtls.LglNm} · GSTIN ${inv.SellerDtls.Gstin}`,
  };
}
