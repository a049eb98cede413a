/**
 * The `data` texts of SignedInvoice and SignedQRCode (irp-protocol.md §7.2, §7.3): AckNo, AckDt and
 * Irn first, then the invoice in NIC's member order with null/absent members omitted, "ItemNo":0
 * injected first in each item, and every number written as the client sent it (100.0 stays 100.0).
 */
import { buildQrPayload, QR_KEYS } from '../../shared/einvoice/qr';
import type { Invoice } from '../../shared/einvoice/schema';
import { INVOICE_MODEL, ITEM_MODEL, type Model } from './fields';
import { member, writeNode, type JNode } from './lexjson';

function writeModel(node: JNode, m: Model, inject?: string): string {
  const parts: string[] = inject ? [inject] : [];
  for (const [name, sub, isList] of m.members) {
    if (inject && name === 'ItemNo') continue;
    const v = member(node, name);
    if (v === undefined || v.t === 'null') continue;
    parts.push(`${JSON.stringify(name)}:${writeMember(v, sub, isList, sub === ITEM_MODEL)}`);
  }
  return parts.join(',');
}

function writeMember(v: JNode, sub: Model | undefined, isList: boolean, isItem: boolean): string {
  if (sub === undefined) return writeNode(v);
  if (isList && v.t === 'arr') {
    return `[${v.items.map((it) => (it.t === 'obj' ? `{${writeModel(it, sub, isItem ? '"ItemNo":0' : undefined)}}` : writeNode(it))).join(',')}]`;
  }
  return v.t === 'obj' ? `{${writeModel(v, sub)}}` : writeNode(v);
}

/** The SignedInvoice data text for a (validated, canonicalised) invoice node. */
export function signedInvoiceData(invoice: JNode, ackNo: number, ackDt: string, irn: string): string {
  const head = `"AckNo":${ackNo},"AckDt":${JSON.stringify(ackDt)},"Irn":${JSON.stringify(irn)}`;
  const body = writeModel(invoice, INVOICE_MODEL);
  return `{${head}${body === '' ? '' : `,${body}`}}`;
}

/** The SignedQRCode data text: the ten keys of §7.3, TotInvVal at the client's scale. */
export function signedQrData(invoice: JNode, plain: Invoice, irn: string, ackDt: string): string {
  const qr = buildQrPayload(plain, irn, ackDt);
  const total = member(member(invoice, 'ValDtls'), 'TotInvVal');
  return `{${QR_KEYS.map((k) => {
    const text = k === 'TotInvVal' && total?.t === 'num' ? total.text : JSON.stringify(qr[k]);
    return `${JSON.stringify(k)}:${text}`;
  }).join(',')}}`;
}
