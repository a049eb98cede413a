/**
 * What the invoice says, on the detail screen: the parties (bill to, ship to and dispatch from when
 * they differ), the original invoices a note adjusts, the lines and the totals — computed from the
 * saved draft with the same shared functions the editor and the payload use, so the figures here
 * are the ones the IRP received.
 */
import { useMemo, useState } from 'react';
import { computeTotals, type DraftInvoice } from '../../../shared/einvoice/compute';
import { stateName } from '../../../shared/gst/states';
import { formatInr } from '../../../shared/money';
import { scaledToText } from '../format';
import { SUPPLY_TYPE_LABELS } from '../supply-types';
import { TotalsPanel } from './TotalsPanel';

/** Lines shown before "Show all": a 1000-line invoice should not make the detail slow to open. */
const FIRST_LINES = 50;

const state = (code: string | undefined) => (code ? `${code} ${stateName(code) ?? ''}`.trim() : '');

function Party({ title, name, gstin, lines, testId }: { title: string; name?: string; gstin?: string | null; lines: Array<string | null | undefined>; testId: string }) {
  return (
    <div className="party" data-testid={testId}>
      <h3>{title}</h3>
      <p>
        <b>{name ?? '—'}</b>
        {gstin && <> · <span className="mono">{gstin}</span></>}
      </p>
      <p className="muted">{lines.filter(Boolean).join(', ')}</p>
    </div>
  );
}

export function InvoiceSummary({ draft }: { draft: DraftInvoice }) {
  const totals = useMemo(() => computeTotals(draft), [draft]);
  const [all, setAll] = useState(false);
  const { buyer, shipTo, dispatch } = draft;
  const lines = all ? draft.lines : draft.lines.slice(0, FIRST_LINES);
  return (
    <section className="invoice-summary" aria-label="Invoice contents">
      <p className="muted">
        {SUPPLY_TYPE_LABELS[draft.supplyType]} · place of supply {state(buyer.Pos)}
        {draft.reverseCharge ? ' · reverse charge' : ''}
      </p>
      <div className="parties">
        <Party title="Bill to" testId="bill-to" name={buyer.LglNm} gstin={buyer.Gstin} lines={[buyer.Addr1, buyer.Addr2, buyer.Loc, buyer.Pin ? String(buyer.Pin) : undefined, state(buyer.Stcd)]} />
        {shipTo && <Party title="Ship to" testId="ship-to" name={shipTo.LglNm} gstin={shipTo.Gstin} lines={[shipTo.Addr1, shipTo.Addr2, shipTo.Loc, shipTo.Pin ? String(shipTo.Pin) : undefined, state(shipTo.Stcd)]} />}
        {dispatch && <Party title="Dispatch from" testId="dispatch-from" name={dispatch.Nm} lines={[dispatch.Addr1, dispatch.Addr2, dispatch.Loc, dispatch.Pin ? String(dispatch.Pin) : undefined, state(dispatch.Stcd)]} />}
        {draft.precedingDocs && draft.precedingDocs.length > 0 && (
          <div className="party" data-testid="original-invoices">
            <h3>Original invoice{draft.precedingDocs.length > 1 ? 's' : ''}</h3>
            {draft.precedingDocs.map((d) => <p key={`${d.InvNo}|${d.InvDt}`}><span className="mono">{d.InvNo}</span> of {d.InvDt}</p>)}
          </div>
        )}
      </div>
      <table className="plain summary-lines">
        <thead>
          <tr><th>#</th><th>Description</th><th>HSN/SAC</th><th className="num">Qty</th><th>Unit</th><th className="num">Rate</th><th className="num">Taxable</th><th className="num">GST %</th><th className="num">Cess</th><th className="num">Total</th></tr>
        </thead>
        <tbody>
          {lines.map((l, i) => {
            const t = totals.lines[i];
            return (
              <tr key={i}>
                <td>{i + 1}</td><td>{l.description}</td><td className="mono">{l.hsn}</td><td className="num">{scaledToText(l.qtyMilli, 3)}</td><td>{l.unit ?? ''}</td>
                <td className="num">{formatInr(l.unitPricePaise, { symbol: false })}</td><td className="num">{formatInr(t?.taxablePaise ?? 0, { symbol: false })}</td>
                <td className="num">{l.gstRate}</td><td className="num">{t && t.cessPaise + t.cessNonAdvolPaise > 0 ? formatInr(t.cessPaise + t.cessNonAdvolPaise, { symbol: false }) : ''}</td>
                <td className="num">{formatInr(t?.totalPaise ?? 0, { symbol: false })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!all && draft.lines.length > FIRST_LINES && (
        <button className="link" onClick={() => setAll(true)}>Show all {draft.lines.length.toLocaleString('en-IN')} lines</button>
      )}
      <TotalsPanel t={totals} />
    </section>
  );
}
