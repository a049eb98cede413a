/**
 * What a total covers, in words (issue 17 item 3): the net value of a set of documents is
 * invoices + debit notes − credit notes, cancelled documents left out; the words say so whenever
 * the set holds anything but plain invoices.
 */
import { formatInr } from '../../../shared/money';
import type { TotalsView } from '../../../shared/ipc/contract';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-IN')} ${n === 1 ? one : many}`;

/** "12 invoices · ₹1,20,000.00" (or "documents" when the set mixes types). */
export function totalsHeadline(t: TotalsView): string {
  if (t.cancelled && t.count > 0 && t.cancelled.count === t.count) {
    return `${plural(t.count, 'cancelled document', 'cancelled documents')} · ${formatInr(t.cancelled.totalPaise)}, not counted in any total`;
  }
  const onlyInvoices = !t.byType || (t.byType.CRN.count === 0 && t.byType.DBN.count === 0);
  return `${plural(t.count, onlyInvoices ? 'invoice' : 'document', onlyInvoices ? 'invoices' : 'documents')} · ${formatInr(t.totalPaise)}`;
}

/** The breakdown behind the net value, or '' when the set is plain invoices with nothing cancelled. */
export function totalsBreakdown(t: TotalsView): string {
  if (!t.byType) return '';
  const { INV, CRN, DBN } = t.byType;
  const cancelled = t.cancelled ?? { count: 0, totalPaise: 0 };
  if ((CRN.count === 0 && DBN.count === 0 && cancelled.count === 0) || cancelled.count === t.count) return '';
  const parts = [`${plural(INV.count, 'invoice', 'invoices')} ${formatInr(INV.totalPaise)}`];
  if (DBN.count > 0) parts.push(`+ ${plural(DBN.count, 'debit note', 'debit notes')} ${formatInr(DBN.totalPaise)}`);
  if (CRN.count > 0) parts.push(`− ${plural(CRN.count, 'credit note', 'credit notes')} ${formatInr(CRN.totalPaise)}`);
  const net = `net value = ${parts.join(' ')}`;
  return cancelled.count > 0 ? `${net}; ${plural(cancelled.count, 'cancelled document', 'cancelled documents')} (${formatInr(cancelled.totalPaise)}) not counted` : net;
}

export const TOTALS_RULE = 'Net value: invoices and debit notes add, credit notes subtract, cancelled documents are not counted.';
