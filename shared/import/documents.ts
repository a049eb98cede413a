/**
 * Rows → documents. A sales register has one row per line item: rows with the same document type,
 * number, date and seller make one document, wherever they are in the file. A row with no document
 * number continues the document above it (Tally leaves the voucher columns blank on an invoice's
 * second and later items); a one-row-per-document file is the same thing with one row each.
 * Document-level columns repeated on every row must agree; a row saying something else is an error
 * at that row, not a value silently picked.
 */
import { formatDocDate } from '../dates';
import { computeTotals, type DraftInvoice } from '../einvoice/compute';
import type { BuyerDtls, DocType, ExpDtls, SupplyType } from '../einvoice/schema';
import { cellText, isBlank, type Cell, type Parsed } from './cells';
import { FIELDS, type FieldId } from './fields';
import { parseAmount, parseDate, parseDocType, parseGstin, parsePin, parseSupplyType, parseYesNo } from './formats';
import { buildLine } from './lines';
import { parseState } from './places';
import type { BuildContext, GivenDoc, ImportDoc, ImportProblem, SourceRow } from './types';

const DOC_FIELDS = (Object.keys(FIELDS) as FieldId[]).filter((f) => FIELDS[f].level === 'document');
const LINE_SIGNS: readonly FieldId[] = ['hsn', 'description', 'qty', 'taxableValue', 'grossAmount', 'unitPrice'];
const TOTAL_ROW = /^(grand\s*)?total\b|^sub\s*total/i;

interface Group {
  key: string;
  rows: SourceRow[];
}

const comparable = (c: Cell | undefined) => cellText(c ?? null).toLowerCase().replace(/\s+/g, '');

function isTotalsRow(r: SourceRow): boolean {
  return (['docNo', 'buyerName', 'description', 'docDate'] as FieldId[]).some((f) => TOTAL_ROW.test(cellText(r.values[f] ?? null)));
}

function hasLineData(r: SourceRow): boolean {
  return LINE_SIGNS.some((f) => !isBlank(r.values[f] ?? null));
}

/** The grouping key: type, number (any case, as the IRP compares), date and seller as written. */
function keyOf(r: SourceRow, ctx: BuildContext): string {
  const type = parseDocType(r.values.docType ?? null);
  const docType = type.ok ? type.value : (ctx.mapping.defaults?.docType ?? 'INV');
  const date = parseDate(r.values.docDate ?? null);
  const seller = cellText(r.values.sellerGstin ?? null).toUpperCase() || ctx.business?.gstin || '';
  return [docType, cellText(r.values.docNo ?? null).toUpperCase(), date.ok ? date.value : comparable(r.values.docDate), seller].join('\u0000');
}

/** Groups rows into documents in the order they first appear; reports rows it cannot place. */
export function groupRows(rows: Iterable<SourceRow>, ctx: BuildContext, problems: ImportProblem[]): Group[] {
  const groups = new Map<string, Group>();
  let current: Group | undefined;
  for (const r of rows) {
    const values = Object.values(r.values);
    if (values.every((v) => v === undefined || isBlank(v))) continue;
    if (isTotalsRow(r)) {
      problems.push({ row: r.row, column: '', code: 'SKIPPED_ROW', message: 'A totals row; not imported.', severity: 'warning' });
      continue;
    }
    const docNo = r.values.docNo;
    const sameNumberNoDate = current && !isBlank(docNo ?? null) && isBlank(r.values.docDate ?? null) && comparable(docNo) === comparable(current.rows[0]?.values.docNo);
    if ((isBlank(docNo ?? null) || sameNumberNoDate) && current) {
      if (!hasLineData(r)) {
        problems.push({ row: r.row, column: '', code: 'SKIPPED_ROW', message: 'No document number and no item on this row; not imported.', severity: 'warning' });
        continue;
      }
      current.rows.push(r);
      continue;
    }
    const key = keyOf(r, ctx);
    current = groups.get(key);
    if (!current) {
      current = { key, rows: [] };
      groups.set(key, current);
    }
    current.rows.push(r);
  }
  return [...groups.values()];
}

/** Reads one document-level field from the group: the first non-blank value; disagreeing rows are errors. */
function docValue(group: Group, field: FieldId, column: (f: FieldId) => string, problems: ImportProblem[]): { cell: Cell; row: number } | undefined {
  let found: { cell: Cell; row: number } | undefined;
  for (const r of group.rows) {
    const cell = r.values[field];
    if (cell === undefined || isBlank(cell)) continue;
    if (!found) found = { cell, row: r.row };
    else if (comparable(cell) !== comparable(found.cell) && !sameAmount(cell, found.cell)) {
      problems.push({ row: r.row, column: column(field), code: 'INCONSISTENT', severity: 'error', message: `${FIELDS[field].label} is "${cellText(cell)}" here but "${cellText(found.cell)}" on row ${found.row} of the same document` });
    }
  }
  return found;
}

function sameAmount(a: Cell, b: Cell): boolean {
  const x = parseAmount(a);
  const y = parseAmount(b);
  return x.ok && y.ok && x.value === y.value;
}

/** Builds the documents of a mapped sheet. Problems that concern no document go to `problems`. */
export function buildDocuments(rows: Iterable<SourceRow>, ctx: BuildContext, problems: ImportProblem[]): ImportDoc[] {
  return groupRows(rows, ctx, problems).map((g, index) => buildDocument(g, index, ctx));
}

function buildDocument(group: Group, index: number, ctx: BuildContext): ImportDoc {
  const problems: ImportProblem[] = [];
  const column = (f: FieldId) => ctx.mapping.columns[f] ?? '';
  const first = group.rows[0] as SourceRow;
  const values: Partial<Record<FieldId, { cell: Cell; row: number }>> = {};
  for (const f of DOC_FIELDS) {
    const v = docValue(group, f, column, problems);
    if (v) values[f] = v;
  }
  const docNo = cellText(values.docNo?.cell ?? null);
  const read = <T>(field: FieldId, parse: (c: Cell) => Parsed<T>): T | undefined => {
    const v = values[field];
    if (!v) return undefined;
    const r = parse(v.cell);
    if (r.ok) return r.value;
    problems.push({ row: v.row, column: column(field), code: 'FORMAT', message: r.message, severity: 'error', docNo });
    return undefined;
  };
  const text = (field: FieldId) => cellText(values[field]?.cell ?? null) || undefined;

  const docType: DocType = read('docType', parseDocType) ?? ctx.mapping.defaults?.docType ?? 'INV';
  const isoDate = read('docDate', (c) => parseDate(c, 'Document date'));
  const sellerGstin = read('sellerGstin', parseGstin);
  const business = sellerGstin ? ctx.businesses.find((b) => b.gstin === sellerGstin) : ctx.business;
  if (sellerGstin && !business) {
    problems.push({ row: values.sellerGstin?.row ?? first.row, column: column('sellerGstin'), code: 'SELLER_UNKNOWN', severity: 'error', docNo, message: `Seller GSTIN ${sellerGstin} is not one of your businesses: add it in Settings first` });
  } else if (sellerGstin && ctx.business && sellerGstin !== ctx.business.gstin) {
    problems.push({ row: values.sellerGstin?.row ?? first.row, column: column('sellerGstin'), code: 'SELLER_UNKNOWN', severity: 'error', docNo, message: `Seller GSTIN ${sellerGstin} is not the business chosen for this import (${ctx.business.gstin})` });
  } else if (!business) {
    problems.push({ row: first.row, column: '', code: 'SELLER_UNKNOWN', severity: 'error', docNo, message: 'Choose the business these documents are from (the file has no seller GSTIN column)' });
  }

  const buyer = buildBuyer(values, read, text, ctx);
  const supplyType: SupplyType = read('supplyType', parseSupplyType) ?? ctx.mapping.defaults?.supplyType ?? (buyer.Gstin === 'URP' || buyer.Pos === '96' ? 'EXPWOP' : 'B2B');
  const lines = group.rows.map((r) => buildLine(r, docType, docNo, column));
  for (const l of lines) problems.push(...l.problems);

  const amount = (field: FieldId, what: string) => read(field, (c) => {
    const r = parseAmount(c, what);
    return r.ok && r.value < 0 && docType === 'CRN' ? { ok: true, value: -r.value } : r;
  });
  const given: GivenDoc = {};
  const put = (key: keyof GivenDoc, v: number | undefined) => v !== undefined && (given[key] = v);
  put('total', amount('totalInvoiceValue', 'Invoice total'));
  put('taxable', amount('totalTaxableValue', 'Invoice taxable value'));
  put('igst', amount('totalIgst', 'Invoice IGST'));
  put('cgst', amount('totalCgst', 'Invoice CGST'));
  put('sgst', amount('totalSgst', 'Invoice SGST'));
  const roundOff = read('roundOff', (c) => parseAmount(c, 'Round off'));
  put('roundOff', roundOff);
  const discount = amount('invoiceDiscount', 'Invoice discount');
  const other = amount('invoiceOtherCharges', 'Invoice other charges');
  const originalNo = text('originalInvoiceNo');
  const originalDate = read('originalInvoiceDate', (c) => parseDate(c, 'Original invoice date'));

  const draft: DraftInvoice = {
    docType,
    docNo,
    docDate: isoDate ? formatDocDate(isoDate) : '',
    supplyType,
    seller: business?.seller ?? { Gstin: sellerGstin ?? '', LglNm: '', Addr1: '', Loc: '', Pin: 0, Stcd: '' },
    buyer,
    lines: lines.map((l) => l.line),
    ...(read('reverseCharge', (c) => parseYesNo(c, 'Reverse charge')) ? { reverseCharge: true } : {}),
    ...(read('igstOnIntra', (c) => parseYesNo(c, 'IGST on intra-state')) ? { igstOnIntra: true } : {}),
    ...(text('ecmGstin') ? { ecmGstin: (text('ecmGstin') ?? '').toUpperCase() } : {}),
    ...(discount ? { invoiceDiscountPaise: discount } : {}),
    ...(other ? { invoiceOtherChargesPaise: other } : {}),
    ...(originalNo || originalDate ? { precedingDocs: [{ InvNo: originalNo ?? '', InvDt: originalDate ? formatDocDate(originalDate) : '' }] } : {}),
  };
  const exp = exportDetails(values, read, text);
  if (exp) draft.exportDetails = exp;
  draft.rounding = roundingOf(draft, given);
  return {
    index,
    ...(business ? { businessId: business.id } : {}),
    draft,
    ...(isoDate ? { isoDate } : {}),
    given: { lines: lines.map((l) => l.given), doc: given },
    firstRow: first.row,
    lineRows: group.rows.map((r) => r.row),
    problems,
  };
}

type Read = <T>(field: FieldId, parse: (c: Cell) => Parsed<T>) => T | undefined;
type Text = (field: FieldId) => string | undefined;

/** The buyer block: what the file says, then what the parties master knows, then the GSTIN's state. */
function buildBuyer(values: Partial<Record<FieldId, { cell: Cell; row: number }>>, read: Read, text: Text, ctx: BuildContext): BuyerDtls {
  const gstinCell = values.buyerGstin;
  const gstin = read('buyerGstin', parseGstin) ?? (gstinCell ? cellText(gstinCell.cell) : '');
  const known = gstin && gstin !== 'URP' ? ctx.party?.(gstin) : undefined;
  const state = read('buyerState', (c) => parseState(c, 'Buyer state'));
  const pos = read('placeOfSupply', (c) => parseState(c, 'Place of supply'));
  const gstinState = /^[0-9]{2}/.test(gstin) ? gstin.slice(0, 2) : undefined;
  const stcd = state ?? known?.stateCode ?? gstinState ?? pos ?? '';
  const pin = read('buyerPin', parsePin) ?? known?.pin;
  const trade = text('buyerTradeName') ?? known?.tradeName;
  const addr2 = text('buyerAddress2') ?? known?.address2;
  const phone = text('buyerPhone')?.replace(/[^0-9]/g, '');
  const email = text('buyerEmail');
  return {
    Gstin: gstin || (pos === '96' ? 'URP' : ''),
    LglNm: text('buyerName') ?? known?.legalName ?? '',
    ...(trade ? { TrdNm: trade } : {}),
    Pos: pos ?? stcd,
    Addr1: text('buyerAddress1') ?? known?.address1 ?? '',
    ...(addr2 ? { Addr2: addr2 } : {}),
    Loc: text('buyerCity') ?? known?.location ?? '',
    ...(pin !== undefined ? { Pin: pin } : {}),
    Stcd: stcd,
    ...(phone ? { Ph: phone } : {}),
    ...(email ? { Em: email } : {}),
  };
}

function exportDetails(values: Partial<Record<FieldId, { cell: Cell; row: number }>>, read: Read, text: Text): ExpDtls | undefined {
  if (!values.portCode && !values.shippingBillNo && !values.shippingBillDate && !values.foreignCurrency && !values.countryCode) return undefined;
  const sbDate = read('shippingBillDate', (c) => parseDate(c, 'Shipping bill date'));
  return {
    ...(text('shippingBillNo') ? { ShipBNo: text('shippingBillNo') } : {}),
    ...(sbDate ? { ShipBDt: formatDocDate(sbDate) } : {}),
    ...(text('portCode') ? { Port: text('portCode') } : {}),
    ...(text('foreignCurrency') ? { ForCur: text('foreignCurrency')?.toUpperCase() } : {}),
    ...(text('countryCode') ? { CntCode: text('countryCode')?.toUpperCase() } : {}),
  };
}

/**
 * Rounding to the rupee is the default; a file whose invoice total keeps paise (and writes no
 * round-off) was not rounded, and computing it rounded would only manufacture a mismatch.
 */
function roundingOf(draft: DraftInvoice, given: GivenDoc): 'rupee' | 'none' {
  if (given.roundOff !== undefined && given.roundOff !== 0) return 'rupee';
  if (given.total === undefined) return 'rupee';
  const rupee = computeTotals({ ...draft, rounding: 'rupee' }).totalPaise;
  const none = computeTotals({ ...draft, rounding: 'none' }).totalPaise;
  return Math.abs(none - given.total) < Math.abs(rupee - given.total) ? 'none' : 'rupee';
}
