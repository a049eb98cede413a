/**
 * The editor's draft (shared/einvoice/compute.ts DraftInvoice) as it crosses the boundary. The
 * structure and the integer money/quantity fields are checked here; the address blocks are only
 * required to be objects, because a draft may be half-typed: their field rules are the IRP's, and
 * validateInvoice reports them with the IRP's codes at their fields instead of refusing the save.
 */
import { z } from 'zod';
import type { DraftInvoice } from '../einvoice/compute';
import type { BuyerDtls, DispDtls, EwbDtls, ExpDtls, PayDtls, SellerDtls, ShipDtls } from '../einvoice/schema';

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const block = <T>() => z.custom<T>(isObject, { message: 'must be an object' });

/** Paise and thousandths: whole numbers within the range doubles hold exactly. */
const Int = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const NonNeg = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Rate = z.number().min(0).max(1000);

export const DraftLineSchema = z.object({
  description: z.string().max(300),
  hsn: z.string().max(8),
  isService: z.boolean(),
  qtyMilli: NonNeg,
  unit: z.string().max(8).optional(),
  unitPricePaise: NonNeg,
  discountPaise: NonNeg.optional(),
  gstRate: Rate,
  cessRate: Rate.optional(),
  cessNonAdvolPerUnitPaise: NonNeg.optional(),
  stateCessRate: Rate.optional(),
  otherChargesPaise: Int.optional(),
  freeQtyMilli: NonNeg.optional(),
  barcode: z.string().max(30).optional(),
});

export const DraftInvoiceSchema = z.object({
  docType: z.enum(['INV', 'CRN', 'DBN']),
  docNo: z.string().max(16),
  docDate: z.string().max(10),
  supplyType: z.enum(['B2B', 'SEZWP', 'SEZWOP', 'EXPWP', 'EXPWOP', 'DEXP']),
  reverseCharge: z.boolean().optional(),
  igstOnIntra: z.boolean().optional(),
  ecmGstin: z.string().max(15).optional(),
  seller: block<SellerDtls>(),
  buyer: block<BuyerDtls>(),
  dispatch: block<DispDtls>().optional(),
  shipTo: block<ShipDtls>().optional(),
  lines: z.array(DraftLineSchema).max(1000),
  invoiceDiscountPaise: NonNeg.optional(),
  invoiceOtherChargesPaise: Int.optional(),
  rounding: z.enum(['rupee', 'none']).optional(),
  precedingDocs: z.array(z.object({ InvNo: z.string().max(16), InvDt: z.string().max(10) })).max(100).optional(),
  payment: block<PayDtls>().optional(),
  exportDetails: block<ExpDtls>().optional(),
  ewb: block<EwbDtls>().optional(),
});

// A compile-time check that the wire shape is exactly the editor's model.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _draftMatches: Same<z.output<typeof DraftInvoiceSchema>, DraftInvoice> = true;
void _draftMatches;
