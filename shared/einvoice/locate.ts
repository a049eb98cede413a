/**
 * Where an IRP refusal belongs in the invoice that was sent. The IRP answers with codes and texts,
 * not paths; a code says which field ("ItemList[].HsnCd" for 2199), and the text usually names
 * the item (its HSN, its serial number) or the GSTIN. Turning that into a concrete path
 * ("ItemList[2].HsnCd", "ShipDtls.Gstin") lets the editor show the refusal at its field.
 */
import type { Invoice } from './schema';
import type { Violation } from './violations';

const GSTIN_CODES = new Set(['3028', '3029', '3074', '3075', '3076', '3077', '3078', '3079']);

function itemIndex(message: string, inv: Invoice): number | undefined {
  const items = Array.isArray(inv.ItemList) ? inv.ItemList : [];
  if (items.length === 1) return 0;
  const sl = /S(?:l|I)\.?\s*No\.?\s*-?\s*(\d+)/i.exec(message);
  if (sl) {
    const i = items.findIndex((it) => String(Number(it.SlNo)) === String(Number(sl[1])));
    if (i >= 0) return i;
  }
  for (const m of message.matchAll(/\b(\d{4,8})\b/g)) {
    const i = items.findIndex((it) => it.HsnCd === m[1]);
    if (i >= 0) return i;
  }
  return undefined;
}

function gstinPath(message: string, inv: Invoice): string {
  const parties: Array<[string | null | undefined, string]> = [
    [inv.BuyerDtls?.Gstin, 'BuyerDtls.Gstin'],
    [inv.ShipDtls?.Gstin, 'ShipDtls.Gstin'],
    [inv.SellerDtls?.Gstin, 'SellerDtls.Gstin'],
  ];
  for (const [gstin, path] of parties) if (gstin && message.toUpperCase().includes(gstin.toUpperCase())) return path;
  return 'BuyerDtls.Gstin';
}

/**
 * A refusal at its field. `generic` is the field the code is about (error-codes.ts), with `[]`
 * for "some item"; a path that is already concrete is kept.
 */
export function locateViolation(v: Violation, generic: string | undefined, inv: Invoice): Violation {
  if (GSTIN_CODES.has(v.code) && (v.path === '' || v.path.endsWith('Gstin'))) return { ...v, path: gstinPath(v.message, inv) };
  if (v.code === '2150' || v.code === '2278') return { ...v, path: 'DocDtls.No' };
  const path = v.path && !v.path.includes('[]') ? v.path : generic ?? v.path;
  if (!path.includes('[]')) return { ...v, path };
  const i = itemIndex(v.message, inv);
  return { ...v, path: i === undefined ? 'ItemList' : path.replace('[]', `[${i}]`) };
}
