/**
 * One line item from one row: the editor's DraftLine (what will be registered) and the amounts the
 * row wrote (to be checked, never silently trusted or replaced). What the row leaves out is derived
 * the way a person would: no quantity means one unit at the line's value; no unit price means the
 * value divided by the quantity; no GST rate means the rate the tax amounts imply, if one of the
 * GST master's rates fits them within the IRP's tolerance.
 */
import type { DocType } from '../einvoice/schema';
import type { DraftLine } from '../einvoice/compute';
import { percentOf } from '../einvoice/rules/arithmetic';
import { withinTolerance } from '../einvoice/rules/context';
import { GST_RATES } from '../gst/rates';
import { isSacCode } from '../gst/hsn';
import { mulDivRound } from '../money';
import { cellText, isBlank, type Cell, type Parsed } from './cells';
import type { FieldId } from './fields';
import { parseAmount, parseHsn, parseQuantity, parseRate, parseYesNo } from './formats';
import { parseUnit } from './places';
import type { GivenLine, ImportProblem, SourceRow } from './types';

export interface LineResult {
  line: DraftLine;
  given: GivenLine;
  problems: ImportProblem[];
}

type Report = (field: FieldId, code: string, message: string) => void;

/** Reads one field with `parse`; a failure is reported at the field's column, blank is undefined. */
function reader(row: SourceRow, report: Report) {
  return <T>(field: FieldId, parse: (cell: Cell) => Parsed<T>): T | undefined => {
    const cell = row.values[field];
    if (cell === undefined || isBlank(cell)) return undefined;
    const r = parse(cell);
    if (r.ok) return r.value;
    report(field, 'FORMAT', r.message);
    return undefined;
  };
}

/** Amounts of a credit note are often written negative in registers; elsewhere a minus is a mistake. */
function money(docType: DocType, what: string) {
  return (cell: Cell): Parsed<number> => {
    const r = parseAmount(cell, what);
    if (!r.ok || r.value >= 0) return r;
    if (docType === 'CRN') return { ok: true, value: -r.value };
    return { ok: false, message: `${what} ${cellText(cell)} is negative (only credit notes may be written with a minus)` };
  };
}

function serviceFlag(cell: Cell): Parsed<boolean> {
  const t = cellText(cell).toLowerCase();
  if (t === 'goods' || t === 'g') return { ok: true, value: false };
  if (t === 'service' || t === 'services' || t === 's') return { ok: true, value: true };
  return parseYesNo(cell, 'Service');
}

/** The GST rate whose tax fits the amounts written (IRP tolerance), or undefined. */
export function impliedRate(taxablePaise: number, taxPaise: number, intraHalves: boolean): number | undefined {
  if (taxPaise === 0) return 0;
  if (taxablePaise <= 0) return undefined;
  const fits = GST_RATES.filter((r) => (intraHalves ? withinTolerance(taxPaise, 2 * percentOf(taxablePaise, r, true)) : withinTolerance(taxPaise, percentOf(taxablePaise, r))));
  return fits.sort((a, b) => Math.abs(percentOf(taxablePaise, a) - taxPaise) - Math.abs(percentOf(taxablePaise, b) - taxPaise))[0];
}

export function buildLine(row: SourceRow, docType: DocType, docNo: string, column: (f: FieldId) => string): LineResult {
  const problems: ImportProblem[] = [];
  const report: Report = (field, code, message) => problems.push({ row: row.row, column: column(field), code, message, severity: 'error', docNo });
  const read = reader(row, report);
  const pct = (f: FieldId) => (cell: Cell) => parseRate(cell, 'Rate', row.percent?.includes(f) ?? false);

  const hsn = read('hsn', parseHsn) ?? cellText(row.values.hsn ?? null);
  const given: GivenLine = {};
  const amount = (field: FieldId, what: string, key: keyof GivenLine) => {
    const v = read(field, money(docType, what));
    if (v !== undefined) given[key] = v;
    return v;
  };
  const gross = amount('grossAmount', 'Gross amount', 'gross');
  const discountGiven = amount('discount', 'Discount', 'discount');
  const taxable = amount('taxableValue', 'Taxable value', 'taxable');
  const igst = amount('igstAmount', 'IGST', 'igst');
  const cgst = amount('cgstAmount', 'CGST', 'cgst');
  const sgst = amount('sgstAmount', 'SGST', 'sgst');
  const cess = amount('cessAmount', 'Cess', 'cess');
  const stateCess = amount('stateCessAmount', 'State cess', 'stateCess');
  const other = amount('otherCharges', 'Other charges', 'other');
  amount('lineTotal', 'Line total', 'total');

  const unitPriceText = row.values.unitPrice;
  const unitPrice = read('unitPrice', money(docType, 'Unit price'));
  let qty = read('qty', (c) => parseQuantity(c));
  // a discount is what separates the gross amount from the taxable value when both are written
  const discount = discountGiven ?? (gross !== undefined && taxable !== undefined && gross > taxable ? gross - taxable : undefined);
  const base = gross ?? (taxable !== undefined ? taxable + (discount ?? 0) : undefined);
  let price = unitPrice;
  if (qty === undefined && (price !== undefined || base !== undefined)) qty = 1000;
  if (price === undefined && base !== undefined && qty !== undefined && qty > 0) price = mulDivRound(base, 1000, qty);
  if (price === undefined) {
    if (unitPriceText === undefined || isBlank(unitPriceText)) report(row.values.taxableValue !== undefined ? 'taxableValue' : 'unitPrice', '5002', 'The line has no unit price, gross amount or taxable value');
    price = 0;
  }

  let gstRate = read('gstRate', pct('gstRate'));
  if (gstRate === undefined && isBlank(row.values.gstRate ?? null)) {
    const taxableBase = taxable ?? mulDivRound(qty ?? 0, price, 1000) - (discount ?? 0);
    const tax = igst ?? (cgst !== undefined || sgst !== undefined ? (cgst ?? 0) + (sgst ?? 0) : undefined);
    gstRate = tax === undefined ? undefined : impliedRate(taxableBase, tax, igst === undefined);
    if (gstRate === undefined) {
      report(row.values.gstRate !== undefined || tax === undefined ? 'gstRate' : igst !== undefined ? 'igstAmount' : 'cgstAmount', '5002',
        tax === undefined ? 'The line has no GST rate and no tax amounts to tell it from' : 'No GST rate fits the tax amounts of this line; write the rate');
    }
  }
  const rateFrom = (amt: number | undefined, taxableBase: number) => (amt === undefined || taxableBase <= 0 ? undefined : Math.round((amt * 100_000) / taxableBase) / 1000);
  const taxableBase = taxable ?? mulDivRound(qty ?? 0, price, 1000) - (discount ?? 0);
  const cessRate = read('cessRate', pct('cessRate')) ?? rateFrom(cess, taxableBase);
  const stateCessRate = read('stateCessRate', pct('stateCessRate')) ?? rateFrom(stateCess, taxableBase);

  const isService = read('isService', serviceFlag) ?? isSacCode(hsn);
  const unit = read('unit', parseUnit);
  const freeQty = read('freeQty', (c) => parseQuantity(c, 'Free quantity'));
  const barcode = cellText(row.values.barcode ?? null);
  const line: DraftLine = {
    description: cellText(row.values.description ?? null),
    hsn,
    isService,
    qtyMilli: qty ?? 0,
    unitPricePaise: price,
    gstRate: gstRate ?? 0,
    ...(unit ? { unit } : {}),
    ...(discount ? { discountPaise: discount } : {}),
    ...(cessRate ? { cessRate } : {}),
    ...(stateCessRate ? { stateCessRate } : {}),
    ...(other ? { otherChargesPaise: other } : {}),
    ...(freeQty ? { freeQtyMilli: freeQty } : {}),
    ...(barcode ? { barcode } : {}),
  };
  return { line, given, problems };
}
