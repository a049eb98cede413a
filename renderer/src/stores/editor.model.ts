/**
 * The editor's form (text as typed) and its translation to the shared DraftInvoice (integer paise
 * and thousandths), plus where each IRP violation path shows up in the form.
 */
import type { DraftInvoice, DraftLine } from '../../../shared/einvoice/compute';
import type { SellerDtls } from '../../../shared/einvoice/schema';
import type { BusinessView } from '../../../shared/ipc/contract';
import { parseMilli, parsePaise, parseRate, scaledToText } from '../format';

export interface EditorLine {
  key: number;
  description: string;
  hsn: string;
  qty: string;
  unit: string;
  rate: string;
  discount: string;
  gstRate: string;
}

export interface EditorForm {
  id?: number;
  businessId?: number;
  docType: DraftInvoice['docType'];
  docNo: string;
  docDate: string;
  supplyType: DraftInvoice['supplyType'];
  reverseCharge: boolean;
  buyer: { gstin: string; legalName: string; address1: string; location: string; pin: string; state: string; pos: string };
  lines: EditorLine[];
}

let nextKey = 1;
export function emptyLine(): EditorLine {
  return { key: nextKey++, description: '', hsn: '', qty: '1', unit: 'NOS', rate: '', discount: '', gstRate: '18' };
}

export function emptyForm(businessId: number | undefined, docDate: string): EditorForm {
  return {
    businessId,
    docType: 'INV',
    docNo: '',
    docDate,
    supplyType: 'B2B',
    reverseCharge: false,
    buyer: { gstin: '', legalName: '', address1: '', location: '', pin: '', state: '', pos: '' },
    lines: [emptyLine()],
  };
}

export interface FieldProblem {
  field: string;
  message: string;
}

export function sellerOf(b: BusinessView | undefined): SellerDtls {
  if (!b) return { Gstin: '', LglNm: '', Addr1: '', Loc: '', Pin: 0, Stcd: '' };
  return { Gstin: b.gstin, LglNm: b.legalName, ...(b.tradeName ? { TrdNm: b.tradeName } : {}), Addr1: b.address1, Loc: b.location, Pin: b.pin, Stcd: b.stateCode };
}

/** The draft the shared functions compute with, and the fields whose text is not a number. */
export function toDraft(form: EditorForm, business: BusinessView | undefined): { draft: DraftInvoice; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const num = (field: string, value: number | undefined, what: string) => {
    if (value === undefined) problems.push({ field, message: `${what} is not a number` });
    return value ?? 0;
  };
  const lines: DraftLine[] = form.lines.map((l, i) => {
    const isService = l.hsn.trim().startsWith('99');
    const line: DraftLine = {
      description: l.description.trim(),
      hsn: l.hsn.trim(),
      isService,
      qtyMilli: num(`lines.${i}.qty`, parseMilli(l.qty), 'Quantity (up to 3 decimals)'),
      unitPricePaise: num(`lines.${i}.rate`, parsePaise(l.rate), 'Rate (up to 2 decimals)'),
      gstRate: num(`lines.${i}.gstRate`, parseRate(l.gstRate), 'GST rate'),
    };
    const discount = num(`lines.${i}.discount`, parsePaise(l.discount), 'Discount (up to 2 decimals)');
    if (discount) line.discountPaise = discount;
    if (!isService && l.unit.trim()) line.unit = l.unit.trim().toUpperCase();
    return line;
  });
  const pin = Number(form.buyer.pin.trim() || '0');
  const draft: DraftInvoice = {
    docType: form.docType,
    docNo: form.docNo.trim(),
    docDate: form.docDate.trim(),
    supplyType: form.supplyType,
    ...(form.reverseCharge ? { reverseCharge: true } : {}),
    seller: sellerOf(business),
    buyer: {
      Gstin: form.buyer.gstin.trim().toUpperCase(),
      LglNm: form.buyer.legalName.trim(),
      Pos: form.buyer.pos.trim(),
      Addr1: form.buyer.address1.trim(),
      Loc: form.buyer.location.trim(),
      Pin: Number.isInteger(pin) ? pin : 0,
      Stcd: form.buyer.state.trim(),
    },
    lines,
  };
  return { draft, problems };
}

export function fromDraft(id: number, businessId: number, d: DraftInvoice): EditorForm {
  return {
    id,
    businessId,
    docType: d.docType,
    docNo: d.docNo,
    docDate: d.docDate,
    supplyType: d.supplyType,
    reverseCharge: d.reverseCharge === true,
    buyer: {
      gstin: d.buyer.Gstin ?? '',
      legalName: d.buyer.LglNm ?? '',
      address1: d.buyer.Addr1 ?? '',
      location: d.buyer.Loc ?? '',
      pin: d.buyer.Pin ? String(d.buyer.Pin) : '',
      state: d.buyer.Stcd ?? '',
      pos: d.buyer.Pos ?? '',
    },
    lines: d.lines.map((l) => ({
      key: nextKey++,
      description: l.description,
      hsn: l.hsn,
      qty: scaledToText(l.qtyMilli, 3),
      unit: l.unit ?? '',
      rate: scaledToText(l.unitPricePaise, 2),
      discount: l.discountPaise ? scaledToText(l.discountPaise, 2) : '',
      gstRate: String(l.gstRate),
    })),
  };
}

const ITEM_FIELDS: Record<string, string> = {
  PrdDesc: 'description', HsnCd: 'hsn', IsServc: 'hsn', Qty: 'qty', Unit: 'unit', UnitPrice: 'rate', Discount: 'discount', GstRt: 'gstRate',
};
const BUYER_FIELDS: Record<string, string> = {
  Gstin: 'buyer.gstin', LglNm: 'buyer.legalName', Addr1: 'buyer.address1', Loc: 'buyer.location', Pin: 'buyer.pin', Stcd: 'buyer.state', Pos: 'buyer.pos',
};

/** Where a violation path ("ItemList[2].HsnCd") shows in the form; '' for the general list. */
export function fieldOf(path: string): string {
  const item = /^ItemList\[(\d+)\]\.(\w+)/.exec(path);
  if (item) return `lines.${item[1]}.${ITEM_FIELDS[item[2] ?? ''] ?? 'row'}`;
  const [section, key] = path.split('.');
  if (section === 'BuyerDtls') return BUYER_FIELDS[key ?? ''] ?? 'buyer';
  if (section === 'DocDtls') return key === 'No' ? 'docNo' : key === 'Dt' ? 'docDate' : 'docType';
  if (section === 'TranDtls') return key === 'RegRev' ? 'reverseCharge' : 'supplyType';
  if (section === 'SellerDtls') return 'business';
  return '';
}
