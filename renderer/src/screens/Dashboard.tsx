/**
 * The first screen (issue 17 item 11): what needs attention today. Registered today and this month
 * (net of credit notes), drafts waiting with their age against the IRP's 30-day limit, IRNs whose
 * 24-hour cancel window is closing, registrations waiting or refused, e-way bills about to expire.
 * Every figure is a button that opens the list filtered to exactly what it counted.
 */
import { useEffect, useState } from 'react';
import { daysBetween, formatDocDate } from '../../../shared/dates';
import type { OverviewView } from '../../../shared/ipc/contract';
import { formatInr } from '../../../shared/money';
import { ApiError, hasToken, invoke, onEvent } from '../api/client';
import { totalsBreakdown } from '../components/totals-text';
import { irpDateTime, istTime } from '../format';
import { useInvoices, type ListPreset } from '../stores/invoices.store';
import { useNav } from '../stores/nav.store';

/**
 * The first screen's figures are asked for as soon as this module runs, while React is still
 * mounting: on a 100,000-invoice ledger the answer is ready in about a millisecond, so waiting for
 * the first render to start the request would only add its time to the first paint.
 */
let early: Promise<OverviewView> | undefined = hasToken() ? invoke('dashboard:summary', {}) : undefined;
early?.catch(() => undefined);

const n = (x: number) => x.toLocaleString('en-IN');
const s = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

function Figure({ testId, value, label, onOpen, tone }: { testId: string; value: string; label: string; onOpen: () => void; tone?: 'warn' | 'error' | 'ok' }) {
  return (
    <button className={`figure${tone ? ` figure-${tone}` : ''}`} data-testid={testId} onClick={onOpen}>
      <strong>{value}</strong>
      <span>{label}</span>
    </button>
  );
}

export function Dashboard() {
  const [data, setData] = useState<OverviewView>();
  const [error, setError] = useState<string>();
  const businesses = useInvoices((i) => i.businesses);
  const [businessId, setBusinessId] = useState<number>();
  const go = useNav((x) => x.go);

  useEffect(() => {
    const load = () => {
      const first = businessId === undefined ? early : undefined;
      early = undefined;
      void (first ?? invoke('dashboard:summary', businessId !== undefined ? { businessId } : {})).then(
        (d) => (setData(d), setError(undefined)),
        (e: unknown) => setError(e instanceof ApiError ? e.message : 'The figures could not be read.'),
      );
    };
    load();
    void useInvoices.getState().loadBusinesses();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent((e) => {
      if (e.type !== 'ledger:changed') return;
      clearTimeout(timer);
      timer = setTimeout(load, 300);
    });
    // the cancel windows and e-way bill validity move with the clock
    const tick = setInterval(load, 60_000);
    return () => {
      off();
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, [businessId]);

  const open = (preset: ListPreset) => {
    useInvoices.getState().applyPreset({ ...preset, ...(businessId !== undefined ? { businessId } : {}) });
    go({ name: 'invoices' });
  };

  if (!data) return <p className="muted">{error ?? 'Loading…'}</p>;
  const { drafts, cancelWindow: cw, ewaybills: ewb, queue } = data;
  const oldestAge = drafts.oldestDate ? daysBetween(drafts.oldestDate, data.today) : 0;
  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <div className="dashboard-head">
        <h1 id="dashboard-title">Today, {formatDocDate(data.today)}</h1>
        {businesses.length > 1 && (
          <select aria-label="Business" value={businessId ?? ''} onChange={(e) => setBusinessId(e.target.value ? Number(e.target.value) : undefined)}>
            <option value="">All businesses</option>
            {businesses.map((b) => <option key={b.id} value={b.id}>{b.tradeName ?? b.legalName} ({b.gstin})</option>)}
          </select>
        )}
        <button className="primary" onClick={() => go({ name: 'editor' })}>New invoice</button>
      </div>
      {error && <p className="notice notice-error" role="alert">{error}</p>}

      <div className="cards">
        <article className="card" aria-labelledby="card-today">
          <h2 id="card-today">Registered today</h2>
          <Figure testId="fig-today" value={formatInr(data.registeredToday.totalPaise)} label={`${s(data.registeredToday.count, 'document', 'documents')} dated today, registered`} onOpen={() => open({ status: 'registered', from: data.today, to: data.today })} />
          <p className="muted small" data-testid="fig-today-covers">{totalsBreakdown(data.registeredToday) || 'Net value: credit notes subtracted, cancelled documents not counted.'}</p>
        </article>

        <article className="card" aria-labelledby="card-month">
          <h2 id="card-month">This month</h2>
          <Figure testId="fig-month" value={formatInr(data.registeredMonth.totalPaise)} label={`${s(data.registeredMonth.count, 'document', 'documents')} dated ${formatDocDate(data.monthStart)} to today, registered`} onOpen={() => open({ status: 'registered', from: data.monthStart, to: data.today })} />
          <p className="muted small" data-testid="fig-month-covers">{totalsBreakdown(data.registeredMonth) || 'Net value: credit notes subtracted, cancelled documents not counted.'}</p>
        </article>

        <article className="card" aria-labelledby="card-drafts">
          <h2 id="card-drafts">Drafts waiting</h2>
          <Figure testId="fig-drafts" value={n(drafts.count)} label={drafts.oldestDate ? `oldest dated ${formatDocDate(drafts.oldestDate)}, ${s(oldestAge, 'day', 'days')} ago` : 'nothing waiting'} onOpen={() => open({ status: 'draft' })} tone={drafts.pastLimit > 0 ? 'error' : drafts.nearLimit > 0 ? 'warn' : undefined} />
          {(drafts.nearLimit > 0 || drafts.pastLimit > 0) && (
            <Figure testId="fig-drafts-old" value={n(drafts.nearLimit + drafts.pastLimit)} label={`${drafts.pastLimit > 0 ? `${n(drafts.pastLimit)} already 30 days old or more, ` : ''}${n(drafts.nearLimit)} within 5 days of the 30-day limit`} onOpen={() => open({ status: 'draft', to: drafts.warnDate })} tone={drafts.pastLimit > 0 ? 'error' : 'warn'} />
          )}
          <p className="muted small">The IRP refuses documents dated 30 days or more before the day they are registered, for businesses with a turnover of ₹10 crore or more.</p>
        </article>

        <article className="card" aria-labelledby="card-cancel">
          <h2 id="card-cancel">Cancel window</h2>
          <Figure testId="fig-cancel-open" value={n(cw.open)} label={`IRN${cw.open === 1 ? '' : 's'} can still be cancelled${cw.firstClosesAt ? `; the first window closes at ${istTime(cw.firstClosesAt).slice(0, 5)}` : ''}`} onOpen={() => open({ status: 'registered', special: { label: 'IRNs that can still be cancelled', cancelWindow: { after: cw.openAfter } } })} />
          {cw.closingSoon > 0 && (
            <Figure testId="fig-cancel-closing" value={n(cw.closingSoon)} label="close within 2 hours" tone="warn" onOpen={() => open({ status: 'registered', special: { label: 'Cancel window closing within 2 hours', cancelWindow: { after: cw.openAfter, before: cw.closingBy } } })} />
          )}
          {cw.blockedByEwb > 0 && <p className="muted small" data-testid="fig-cancel-blocked">{s(cw.blockedByEwb, 'IRN has', 'IRNs have')} an active e-way bill: cancel the e-way bill first to cancel the IRN.</p>}
        </article>

        <article className="card" aria-labelledby="card-queue">
          <h2 id="card-queue">Registrations</h2>
          <Figure testId="fig-queued" value={n(queue.waiting)} label="waiting to be sent to the IRP (sent automatically)" onOpen={() => open({ status: 'queued' })} tone={queue.waiting > 0 ? 'warn' : undefined} />
          <Figure testId="fig-failed" value={n(queue.failed)} label="refused by the IRP: open, correct and register again" onOpen={() => open({ status: 'rejected' })} tone={queue.failed > 0 ? 'error' : undefined} />
        </article>

        <article className="card" aria-labelledby="card-ewb">
          <h2 id="card-ewb">E-way bills</h2>
          <Figure testId="fig-ewb-expiring" value={n(ewb.expiringSoon)} label={`bill${ewb.expiringSoon === 1 ? '' : 's'} expiring by ${irpDateTime(ewb.soonBy).slice(0, 16)}${ewb.expired > 0 ? ` (${n(ewb.expired)} expired in the last 24 hours: extend on the e-way bill portal if the goods are still moving)` : ''}`} onOpen={() => open({ status: 'registered', special: { label: `E-way bill expiring between ${irpDateTime(ewb.expiredSince).slice(0, 16)} and ${irpDateTime(ewb.soonBy).slice(0, 16)}`, ewbValid: { from: ewb.expiredSince, to: ewb.soonBy } } })} tone={ewb.expiringSoon > 0 ? 'warn' : undefined} />
          <p className="muted small" data-testid="fig-ewb-active">{s(ewb.active, 'e-way bill valid now', 'e-way bills valid now')}{ewb.partAOnly > 0 ? `; ${n(ewb.partAOnly)} still without vehicle details (Part-B): the goods may not move until it is entered` : ''}.</p>
        </article>
      </div>
    </section>
  );
}
