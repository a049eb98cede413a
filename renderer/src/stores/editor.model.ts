/**
 * The editor's form (text as typed) and its translation to the shared DraftInvoice (integer paise
 * and thousandths), plus where each IRP violation path shows up in the form.
 */
import type { DraftInvoice, DraftLine } from '../../../shared/einvoice/compute';
import type { DispDtls, SellerDtls, ShipDtls } from '../../../shared/einvoice/schema';
import type { BusinessView } from '../../../shared/ipc/contract';
import { readDate } from '../../../shared/date-input';
import { formatDocDate } from '../../../shared/dates';
import { docNoProblem } from '../../../shared/einvoice/numbering';
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
  /** Ad-valorem cess, percent. */
  cessRate: string;
  /** Specific (non-ad-valorem) cess, rupees per unit. */
  cessPerUnit: string;
  /** What the draft carried that the form does not show (state cess, free qty...), sent back unchanged. */
  kept?: Partial<DraftLine>;
}

/** The line fields a person types into (everything but the React key and the kept extras). */
export type LineTextField = Exclude<keyof EditorLine, 'key' | 'kept'>;

/** A ship-to or dispatch-from place; `gstin` is used by ship-to only. */
export interface AddressForm {
  gstin: string;
  name: string;
  address1: string;
  address2: string;
  location: string;
  pin: string;
  state: string;
}

export interface OriginalInvoiceForm {
  number: string;
  /** dd/mm/yyyy, as the IRP takes it */
  date: string;
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
  /** Shown and sent only while ticked; what was typed stays when unticked, in case it comes back. */
  shipToOn: boolean;
  shipTo: AddressForm;
  dispatchOn: boolean;
  dispatch: AddressForm;
  /** RefDtls.PrecDocDtls: sent for credit and debit notes only. */
  originals: OriginalInvoiceForm[];
  lines: EditorLine[];
  /** What the draft carried that the form does not show (payment, e-way bill...), sent back unchanged. */
  kept?: Partial<DraftInvoice>;
}

export const emptyAddress = (): AddressForm => ({ gstin: '', name: '', address1: '', address2: '', location: '', pin: '', state: '' });

let nextKey = 1;

/** Lines restored from a working copy get keys of this session (React keys must not collide). */
export function withFreshKeys(lines: EditorLine[]): EditorLine[] {
  return lines.map((l) => ({ ...l, key: nextKey++ }));
}

export function emptyLine(): EditorLine {
  return { key: nextKey++, description: '', hsn: '', qty: '1', unit: 'NOS', rate: '', discount: '', gstRate: '18', cessRate: '', cessPerUnit: '' };
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
    shipToOn: false,
    shipTo: emptyAddress(),
    dispatchOn: false,
    dispatch: emptyAddress(),
    originals: [{ number: '', date: '' }],
    lines: [emptyLine()],
  };
}

export interface FieldProblem {
  field: string;
  message: string;
  /** The IRP code the text would meet (2144 for a date that is not one); FORMAT when none applies. */
  code?: string;
}

/** A typed date as the IRP takes it (dd/mm/yyyy), or the text as typed with why it is not a date. */
function dateOf(text: string, field: string, code: string, problems: FieldProblem[]): string {
  const r = readDate(text);
  if (r.ok) return formatDocDate(r.iso);
  if (!r.empty) problems.push({ field, code, message: r.message });
  return text.trim();
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
      ...l.kept,
      description: l.description.trim(),
      hsn: l.hsn.trim(),
      isService,
      qtyMilli: num(`lines.${i}.qty`, parseMilli(l.qty), 'Quantity (up to 3 decimals)'),
      unitPricePaise: num(`lines.${i}.rate`, parsePaise(l.rate), 'Rate (up to 2 decimals)'),
      gstRate: num(`lines.${i}.gstRate`, parseRate(l.gstRate), 'GST rate'),
    };
    const discount = num(`lines.${i}.discount`, parsePaise(l.discount), 'Discount (up to 2 decimals)');
    if (discount) line.discountPaise = discount;
    const cessRate = num(`lines.${i}.cessRate`, parseRate(l.cessRate), 'Cess rate');
    if (cessRate) line.cessRate = cessRate;
    const cessPerUnit = num(`lines.${i}.cessPerUnit`, parsePaise(l.cessPerUnit), 'Cess per unit (up to 2 decimals)');
    if (cessPerUnit) line.cessNonAdvolPerUnitPaise = cessPerUnit;
    if (!isService && l.unit.trim()) line.unit = l.unit.trim().toUpperCase();
    return line;
  });
  const originals = form.originals
    .map((o, i) => ({ InvNo: o.number.trim(), InvDt: o.date.trim() ? dateOf(o.date, `original.${i}.date`, '5002', problems) : '' }))
    .filter((o) => o.InvNo !== '' || o.InvDt !== '');
  const docNo = form.docNo.trim();
  const noProblem = docNo === '' ? undefined : docNoProblem(docNo);
  if (noProblem) problems.push({ field: 'docNo', code: '5002', message: noProblem });
  const draft: DraftInvoice = {
    ...form.kept,
    docType: form.docType,
    docNo,
    docDate: dateOf(form.docDate, 'docDate', '2144', problems),
    supplyType: form.supplyType,
    ...(form.reverseCharge ? { reverseCharge: true } : {}),
    seller: sellerOf(business),
    buyer: {
      Gstin: form.buyer.gstin.trim().toUpperCase(),
      LglNm: form.buyer.legalName.trim(),
      Pos: form.buyer.pos.trim(),
      Addr1: form.buyer.address1.trim(),
      Loc: form.buyer.location.trim(),
      Pin: pinOf(form.buyer.pin),
      Stcd: form.buyer.state.trim(),
    },
    ...(form.shipToOn ? { shipTo: shipToOf(form.shipTo) } : {}),
    ...(form.dispatchOn ? { dispatch: dispatchOf(form.dispatch) } : {}),
    // an original invoice is a note's reference; an invoice must not carry one (2210)
    ...(form.docType !== 'INV' && originals.length ? { precedingDocs: originals } : {}),
    lines,
  };
  return { draft, problems };
}

/** A PIN as typed: the IRP's range check reports anything that is not six digits (0 stands for "not a number"). */
const pinOf = (text: string) => {
  const n = Number(text.trim() || '0');
  return Number.isInteger(n) ? n : 0;
};
// Optional members are left out when empty: NIC checks their length (Addr2 3-100) when present.
const optional = <K extends string>(key: K, text: string) => (text.trim() ? ({ [key]: text.trim() } as Record<K, string>) : {});

function shipToOf(a: AddressForm): ShipDtls {
  return {
    ...optional('Gstin', a.gstin.toUpperCase()),
    LglNm: a.name.trim(),
    Addr1: a.address1.trim(),
    ...optional('Addr2', a.address2),
    Loc: a.location.trim(),
    Pin: pinOf(a.pin),
    Stcd: a.state.trim(),
  };
}

function dispatchOf(a: AddressForm): DispDtls {
  return { Nm: a.name.trim(), Addr1: a.address1.trim(), ...optional('Addr2', a.address2), Loc: a.location.trim(), Pin: pinOf(a.pin), Stcd: a.state.trim() };
}

/** A saved block back to text. The wire schema only requires an object (a half-typed draft saves), so every member may be missing. */
function addressOf(p: Partial<{ Gstin: string | null; Addr1: string; Addr2: string | null; Loc: string; Pin: number; Stcd: string }>, name: string | undefined): AddressForm {
  return { gstin: p.Gstin ?? '', name: name ?? '', address1: p.Addr1 ?? '', address2: p.Addr2 ?? '', location: p.Loc ?? '', pin: p.Pin ? String(p.Pin) : '', state: p.Stcd ?? '' };
}

/** Draft members the form edits; everything else in a draft is kept and sent back as it was. */
const FORM_MEMBERS = new Set<string>(['docType', 'docNo', 'docDate', 'supplyType', 'reverseCharge', 'seller', 'buyer', 'shipTo', 'dispatch', 'precedingDocs', 'lines']);
const LINE_MEMBERS = new Set<string>(['description', 'hsn', 'isService', 'qtyMilli', 'unit', 'unitPricePaise', 'discountPaise', 'gstRate', 'cessRate', 'cessNonAdvolPerUnitPaise']);

function keptOf<T extends object>(value: T, edited: Set<string>): Partial<T> | undefined {
  const rest = Object.fromEntries(Object.entries(value).filter(([k, v]) => !edited.has(k) && v !== undefined)) as Partial<T>;
  return Object.keys(rest).length ? rest : undefined;
}

export function fromDraft(id: number, businessId: number, d: DraftInvoice): EditorForm {
  const kept = keptOf(d, FORM_MEMBERS);
  const originals = (d.precedingDocs ?? []).map((r) => ({ number: r.InvNo, date: r.InvDt }));
  return {
    ...(kept ? { kept } : {}),
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
    shipToOn: d.shipTo !== undefined,
    shipTo: d.shipTo ? addressOf(d.shipTo, d.shipTo.LglNm) : emptyAddress(),
    dispatchOn: d.dispatch !== undefined,
    dispatch: d.dispatch ? addressOf(d.dispatch, d.dispatch.Nm) : emptyAddress(),
    originals: originals.length ? originals : [{ number: '', date: '' }],
    lines: d.lines.map((l) => ({
      ...withKept(l),
      key: nextKey++,
      description: l.description,
      hsn: l.hsn,
      qty: scaledToText(l.qtyMilli, 3),
      unit: l.unit ?? '',
      rate: scaledToText(l.unitPricePaise, 2),
      discount: l.discountPaise ? scaledToText(l.discountPaise, 2) : '',
      gstRate: String(l.gstRate),
      cessRate: l.cessRate ? String(l.cessRate) : '',
      cessPerUnit: l.cessNonAdvolPerUnitPaise ? scaledToText(l.cessNonAdvolPerUnitPaise, 2) : '',
    })),
  };
}

function withKept(l: DraftLine): { kept?: Partial<DraftLine> } {
  const kept = keptOf(l, LINE_MEMBERS);
  return kept ? { kept } : {};
}

const ITEM_FIELDS: Record<string, string> = {
  PrdDesc: 'description', HsnCd: 'hsn', IsServc: 'hsn', Qty: 'qty', Unit: 'unit', UnitPrice: 'rate', Discount: 'discount', GstRt: 'gstRate',
  CesRt: 'cessRate', CesAmt: 'cessRate', CesNonAdvlAmt: 'cessPerUnit',
};
const ADDRESS_FIELDS: Record<string, keyof AddressForm> = {
  Gstin: 'gstin', LglNm: 'name', TrdNm: 'name', Nm: 'name', Addr1: 'address1', Addr2: 'address2', Loc: 'location', Pin: 'pin', Stcd: 'state',
};
const BUYER_FIELDS: Record<string, string> = {
  Gstin: 'buyer.gstin', LglNm: 'buyer.legalName', Addr1: 'buyer.address1', Loc: 'buyer.location', Pin: 'buyer.pin', Stcd: 'buyer.state', Pos: 'buyer.pos',
};

/** Where a violation path ("ItemList[2].HsnCd") shows in the form; '' for the general list. */
export function fieldOf(path: string): string {
  const item = /^ItemList\[(\d+)\]\.(\w+)/.exec(path);
  if (item) return `lines.${item[1]}.${ITEM_FIELDS[item[2] ?? ''] ?? 'row'}`;
  const ref = /^RefDtls\.PrecDocDtls(?:\[(\d+)\](?:\.(\w+))?)?/.exec(path);
  if (ref) {
    if (ref[1] === undefined) return 'original';
    return `original.${ref[1]}.${ref[2] === 'InvNo' ? 'number' : ref[2] === 'InvDt' ? 'date' : 'number'}`;
  }
  const [section, key] = path.split('.');
  if (section === 'ShipDtls' || section === 'DispDtls') {
    const block = section === 'ShipDtls' ? 'shipTo' : 'dispatch';
    const field = ADDRESS_FIELDS[key ?? ''];
    return field ? `${block}.${field}` : block;
  }
  if (section === 'BuyerDtls') return BUYER_FIELDS[key ?? ''] ?? 'buyer';
  if (section === 'DocDtls') return key === 'No' ? 'docNo' : key === 'Dt' ? 'docDate' : 'docType';
  if (section === 'TranDtls') return key === 'RegRev' ? 'reverseCharge' : 'supplyType';
  if (section === 'SellerDtls') return 'business';
  return '';
}
