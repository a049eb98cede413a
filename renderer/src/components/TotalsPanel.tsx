/**
 * Live totals: taxable value, CGST/SGST or IGST, cess (ad-valorem plus specific, as ValDtls.CesVal
 * has it), state cess, round-off, total and amount in words. Cess lines show only when non-zero.
 */
import type { InvoiceTotals } from '../../../shared/einvoice/compute';
import { amountInWords, formatInr } from '../../../shared/money';

export function TotalsPanel({ t }: { t: InvoiceTotals }) {
  const row = (label: string, paise: number, testId?: string) => (
    <div className="totals-row">
      <span>{label}</span>
      <span className="num" data-testid={testId}>{formatInr(paise)}</span>
    </div>
  );
  return (
    <aside className="totals-panel" aria-label="Invoice totals">
      {row('Taxable value', t.taxablePaise, 'total-taxable')}
      {t.heads === 'intra' ? (
        <>
          {row('CGST', t.cgstPaise, 'total-cgst')}
          {row('SGST', t.sgstPaise, 'total-sgst')}
        </>
      ) : (
        row('IGST', t.igstPaise, 'total-igst')
      )}
      {t.cessPaise > 0 && row('Cess', t.cessPaise, 'total-cess')}
      {t.stateCessPaise > 0 && row('State cess', t.stateCessPaise, 'total-state-cess')}
      {t.roundOffPaise !== 0 && row('Round-off', t.roundOffPaise, 'total-round-off')}
      <div className="totals-row grand">
        <span>Total</span>
        <span className="num" data-testid="total-invoice">{formatInr(t.totalPaise)}</span>
      </div>
      <p className="words" data-testid="total-words">{amountInWords(t.totalPaise)}</p>
    </aside>
  );
}
