/**
 * FORM GST INV-01 v1.1 (e-invoice JSON schema "1.1") as zod schemas; the payload types are
 * inferred from them. Field lengths, patterns, ranges and decimal precision follow
 * ../shared/docs/irp-protocol.md §5 (NIC's draft-07 schema, ERPNext's copy and GSTN's INV-01
 * workbook). Regexes are NIC's, including the stray '|' inside some character classes.
 *
 * These schemas only check shape. Business rules (§6) live in ./rules; the error codes and
 * messages reported to users come from ./schema-check.
 */
import { z } from 'zod';
import { isCalendarDate } from '../dates';

/** NIC's generic string pattern: any text without a double quote; NIC also refuses backslashes. */
const NO_QUOTE = /^[^"\\]*$/;
/** dd/mm/yyyy with years 2010-2029, as NIC's schema has it. */
const DATE_PATTERN = /^[0-3][0-9]\/[0-1][0-9]\/20[1-2][0-9]$/;
const STATE_PATTERN = /^(?!0+$)([0-9]{1,2})$/;
const GSTIN_PATTERN = /^([0-9]{2}[0-9A-Z]{13})$/;
const GSTIN_OR_URP = /^(([0-9]{2}[0-9A-Z]{13})|URP)$/;
const EMAIL = /^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$/;

/** Counts the decimals of a number as JSON would print it (handles 1e-7 style too). */
export function decimalPlaces(value: number): number {
  if (Number.isInteger(value)) return 0;
  // Fast path, exact: when value is the double nearest to k/100, its shortest printed form has at
  // most 2 decimals (0.1 + 0.2 is not, and falls through to the text count: 17 decimals).
  const k = Math.round(value * 100);
  if (Math.abs(k) < 1e15 && k / 100 === value) return k % 10 === 0 ? 1 : 2;
  const text = String(value);
  const e = text.indexOf('e-');
  if (e >= 0) {
    const mantissa = text.slice(0, e);
    const dot = mantissa.indexOf('.');
    return Number(text.slice(e + 2)) + (dot >= 0 ? mantissa.length - dot - 1 : 0);
  }
  const dot = text.indexOf('.');
  return dot >= 0 ? text.length - dot - 1 : 0;
}

/*
 * Each field gets ONE zod check that tests everything about it and names the first problem:
 * zod 4 pays per check, and chained .min().max().regex() cost ~5x more (validation runs on
 * every keystroke in the editor).
 */
function text(min: number, max: number, pattern: RegExp = NO_QUOTE) {
  const length = min === max ? `exactly ${min}` : `${min} to ${max}`;
  const problem = (v: string): string | undefined => {
    if (v.length < min || v.length > max) return `must be ${length} characters long`;
    if (!pattern.test(v)) return pattern === NO_QUOTE ? 'must not contain " or \\' : `must match ${pattern.source}`;
    return undefined;
  };
  return z
    .string({ error: 'must be text' })
    .refine((v) => problem(v) === undefined, { error: (iss) => problem(String(iss.input)) ?? 'is invalid' });
}

function pattern(re: RegExp, description: string) {
  return z.string({ error: 'must be text' }).refine((v) => re.test(v), { error: description });
}

function amount(max: number, decimals: number, min = 0) {
  const problem = (v: number): string | undefined => {
    if (!Number.isFinite(v) || v < min || v > max) return `must be between ${min} and ${max}`;
    if (decimalPlaces(v) > decimals) return decimals === 0 ? 'must be a whole number' : `must have at most ${decimals} decimal places`;
    return undefined;
  };
  return z
    .number({ error: 'must be a number' })
    .refine((v) => problem(v) === undefined, { error: (iss) => problem(Number(iss.input)) ?? 'is invalid' });
}

const date = z
  .string({ error: 'must be a date dd/mm/yyyy' })
  .regex(DATE_PATTERN, { error: 'must be a date written dd/mm/yyyy (years 2010-2029)' })
  .refine((v) => isCalendarDate(Number(v.slice(6)), Number(v.slice(3, 5)), Number(v.slice(0, 2))), {
    error: 'is not a real calendar date',
  });

const stateCode = pattern(STATE_PATTERN, 'must be a 1-2 digit state code');
const pin = amount(999999, 0, 100000);
const phone = pattern(/^([0-9]{6,12})$/, 'must be 6 to 12 digits');
const email = text(6, 100, EMAIL);
const yesNo = z.enum(['Y', 'N'], { error: 'must be Y or N' });

/** Amounts of precision (12,2): 0 to 999999999999.99. */
const amt12 = amount(999999999999.99, 2);
/** Document totals of precision (14,2): 0 to 99999999999999.99 (written so as not to lose precision). */
const amt14 = amount((1e16 - 1) / 100, 2);
const rate = amount(999.999, 3);
const qty = amount(9999999999.999, 3);

/** Optional members: NIC (ASP.NET/Newtonsoft) treats an explicit null like an absent member. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

export const TranDtlsSchema = z.object({
  TaxSch: pattern(/^(GST)$/i, 'must be GST'),
  SupTyp: pattern(/^(B2B|SEZWP|SEZWOP|EXPWP|EXPWOP|DEXP)$/i, 'must be one of B2B, SEZWP, SEZWOP, EXPWP, EXPWOP, DEXP'),
  RegRev: opt(yesNo),
  EcmGstin: opt(pattern(GSTIN_PATTERN, 'must be a 15-character GSTIN')),
  IgstOnIntra: opt(yesNo),
});

export const DocDtlsSchema = z.object({
  Typ: pattern(/^(INV|CRN|DBN)$/i, 'must be INV, CRN or DBN'),
  No: text(1, 16, /^([a-zA-Z1-9]{1}[a-zA-Z0-9/-]{0,15})$/),
  Dt: date,
});

export const SellerDtlsSchema = z.object({
  Gstin: pattern(GSTIN_PATTERN, 'must be a 15-character GSTIN'),
  LglNm: text(3, 100),
  TrdNm: opt(text(3, 100)),
  Addr1: text(1, 100),
  Addr2: opt(text(3, 100)),
  Loc: text(3, 50),
  Pin: pin,
  Stcd: stateCode,
  Ph: opt(phone),
  Em: opt(email),
});

export const BuyerDtlsSchema = z.object({
  Gstin: pattern(GSTIN_OR_URP, 'must be a 15-character GSTIN or URP'),
  LglNm: text(3, 100),
  TrdNm: opt(text(3, 100)),
  Pos: stateCode,
  Addr1: text(1, 100),
  Addr2: opt(text(3, 100)),
  Loc: text(3, 100),
  Pin: opt(pin),
  Stcd: stateCode,
  Ph: opt(phone),
  Em: opt(email),
});

export const DispDtlsSchema = z.object({
  Nm: text(3, 100),
  Addr1: text(1, 100),
  Addr2: opt(text(3, 100)),
  Loc: text(3, 100),
  Pin: pin,
  Stcd: stateCode,
});

export const ShipDtlsSchema = z.object({
  Gstin: opt(pattern(GSTIN_OR_URP, 'must be a 15-character GSTIN or URP')),
  LglNm: text(3, 100),
  TrdNm: opt(text(3, 100)),
  Addr1: text(1, 100),
  Addr2: opt(text(3, 100)),
  Loc: text(3, 100),
  Pin: pin,
  Stcd: stateCode,
});

export const BchDtlsSchema = z.object({
  Nm: text(3, 20),
  ExpDt: opt(date),
  WrDt: opt(date),
});

export const AttribDtlsSchema = z.object({
  Nm: opt(text(1, 100)),
  Val: opt(text(1, 100)),
});

export const ItemSchema = z.object({
  SlNo: pattern(/^([0-9]{1,6})$/, 'must be 1 to 6 digits'),
  PrdDesc: opt(text(3, 300)),
  IsServc: yesNo,
  HsnCd: pattern(/^(?!0+$)([0-9]{4}|[0-9]{6}|[0-9]{8})$/, 'must be a 4, 6 or 8 digit HSN/SAC code'),
  Barcde: opt(text(3, 30)),
  Qty: opt(qty),
  FreeQty: opt(qty),
  Unit: opt(text(3, 8, /^([A-Z|a-z]{3,8})$/)),
  UnitPrice: amount(999999999999.999, 3),
  TotAmt: amt12,
  Discount: opt(amt12),
  PreTaxVal: opt(amt12),
  AssAmt: amt12,
  GstRt: rate,
  IgstAmt: opt(amt12),
  CgstAmt: opt(amt12),
  SgstAmt: opt(amt12),
  CesRt: opt(rate),
  CesAmt: opt(amt12),
  CesNonAdvlAmt: opt(amt12),
  StateCesRt: opt(rate),
  StateCesAmt: opt(amt12),
  StateCesNonAdvlAmt: opt(amt12),
  OthChrg: opt(amt12),
  TotItemVal: amt12,
  OrdLineRef: opt(text(1, 50)),
  OrgCntry: opt(pattern(/^([A-Z|a-z]{2})$/, 'must be a 2-letter country code')),
  PrdSlNo: opt(text(1, 20)),
  BchDtls: opt(BchDtlsSchema),
  AttribDtls: opt(z.array(AttribDtlsSchema)),
});

export const ValDtlsSchema = z.object({
  AssVal: amt14,
  CgstVal: opt(amt14),
  SgstVal: opt(amt14),
  IgstVal: opt(amt14),
  CesVal: opt(amt14),
  StCesVal: opt(amt14),
  Discount: opt(amt14),
  OthChrg: opt(amt14),
  RndOffAmt: opt(amount(99.99, 2, -99.99)),
  TotInvVal: amt14,
  TotInvValFc: opt(amt14),
});

export const PayDtlsSchema = z.object({
  Nm: opt(text(1, 100)),
  AccDet: opt(text(1, 18)),
  Mode: opt(text(1, 18)),
  FinInsBr: opt(text(1, 11)),
  PayTerm: opt(text(1, 100)),
  PayInstr: opt(text(1, 100)),
  CrTrn: opt(text(1, 100)),
  DirDr: opt(text(1, 100)),
  CrDay: opt(amount(9999, 0)),
  PaidAmt: opt(amt14),
  PaymtDue: opt(amt14),
});

export const PrecDocSchema = z.object({
  InvNo: text(1, 16, /^[1-9a-zA-Z]{1}[0-9a-zA-Z/-]{1,15}$/),
  InvDt: date,
  OthRefNo: opt(text(1, 20)),
});

export const ContrDtlsSchema = z.object({
  RecAdvRefr: opt(text(1, 20)),
  RecAdvDt: opt(date),
  TendRefr: opt(text(1, 20)),
  ContrRefr: opt(text(1, 20)),
  ExtRefr: opt(text(1, 20)),
  ProjRefr: opt(text(1, 20)),
  PORefr: opt(text(1, 16)),
  PORefDt: opt(date),
});

export const RefDtlsSchema = z.object({
  InvRm: opt(text(3, 100)),
  DocPerdDtls: opt(z.object({ InvStDt: date, InvEndDt: date })),
  PrecDocDtls: opt(z.array(PrecDocSchema)),
  ContrDtls: opt(z.array(ContrDtlsSchema)),
});

export const AddlDocSchema = z.object({
  Url: opt(text(3, 100)),
  Docs: opt(text(3, 1000)),
  Info: opt(text(3, 1000)),
});

export const ExpDtlsSchema = z.object({
  ShipBNo: opt(text(1, 20)),
  ShipBDt: opt(date),
  Port: opt(pattern(/^[0-9|A-Z|a-z]{2,10}$/, 'must be 2 to 10 letters or digits')),
  RefClm: opt(yesNo),
  ForCur: opt(pattern(/^[A-Z|a-z]{3,16}$/, 'must be a 3-letter currency code')),
  CntCode: opt(pattern(/^([A-Z]{2})$/, 'must be a 2-letter country code')),
  ExpDuty: opt(amt12),
});

export const EwbDtlsSchema = z.object({
  TransId: opt(pattern(/^([0-9]{2}[0-9A-Z]{13})$/, 'must be a 15-character transporter id')),
  TransName: opt(text(3, 100)),
  TransMode: opt(z.enum(['1', '2', '3', '4'], { error: 'must be 1 (road), 2 (rail), 3 (air) or 4 (ship)' })),
  Distance: amount(4000, 0),
  TransDocNo: opt(text(1, 15, /^([a-zA-Z0-9/-]{1,15})$/)),
  TransDocDt: opt(date),
  VehNo: opt(text(4, 20, /^([A-Z|a-z|0-9]{4,20})$/)),
  VehType: opt(z.enum(['O', 'R'], { error: 'must be R (regular) or O (over-dimensional cargo)' })),
});

export const MAX_ITEMS = 1000;

export const InvoiceSchema = z.object({
  Version: z.literal('1.1', { error: 'must be "1.1"' }),
  TranDtls: TranDtlsSchema,
  DocDtls: DocDtlsSchema,
  SellerDtls: SellerDtlsSchema,
  BuyerDtls: BuyerDtlsSchema,
  DispDtls: opt(DispDtlsSchema),
  ShipDtls: opt(ShipDtlsSchema),
  ItemList: z
    .array(ItemSchema, { error: 'must be a list of items' })
    .min(1, { error: 'must have at least one item' })
    .max(MAX_ITEMS, { error: `must have at most ${MAX_ITEMS} items` }),
  ValDtls: ValDtlsSchema,
  PayDtls: opt(PayDtlsSchema),
  RefDtls: opt(RefDtlsSchema),
  AddlDocDtls: opt(z.array(AddlDocSchema)),
  ExpDtls: opt(ExpDtlsSchema),
  EwbDtls: opt(EwbDtlsSchema),
});

export type Invoice = z.infer<typeof InvoiceSchema>;
export type TranDtls = z.infer<typeof TranDtlsSchema>;
export type DocDtls = z.infer<typeof DocDtlsSchema>;
export type SellerDtls = z.infer<typeof SellerDtlsSchema>;
export type BuyerDtls = z.infer<typeof BuyerDtlsSchema>;
export type DispDtls = z.infer<typeof DispDtlsSchema>;
export type ShipDtls = z.infer<typeof ShipDtlsSchema>;
export type Item = z.infer<typeof ItemSchema>;
export type ValDtls = z.infer<typeof ValDtlsSchema>;
export type PayDtls = z.infer<typeof PayDtlsSchema>;
export type RefDtls = z.infer<typeof RefDtlsSchema>;
export type ExpDtls = z.infer<typeof ExpDtlsSchema>;
export type EwbDtls = z.infer<typeof EwbDtlsSchema>;
export type SupplyType = 'B2B' | 'SEZWP' | 'SEZWOP' | 'EXPWP' | 'EXPWOP' | 'DEXP';
export type DocType = 'INV' | 'CRN' | 'DBN';

/** NIC's member order, used when re-serialising a payload (SignedInvoice, exports). */
export const ROOT_ORDER = [
  'Version', 'TranDtls', 'DocDtls', 'SellerDtls', 'BuyerDtls', 'DispDtls', 'ShipDtls', 'ItemList',
  'ValDtls', 'PayDtls', 'RefDtls', 'AddlDocDtls', 'ExpDtls', 'EwbDtls',
] as const;
