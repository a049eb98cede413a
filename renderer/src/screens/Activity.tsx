/** Activity: the journal (newest first, filterable by outcome) and the IRP's health. */
import { useEffect, useState } from 'react';
import { invoke, onEvent } from '../api/client';
import type { JournalEntryView } from '../api/types';
import { istDisplay } from '../format';
import { useApp } from '../stores/app.store';
import { summary } from '../components/journal-summary';

export function Activity() {
  const [entries, setEntries] = useState<JournalEntryView[]>([]);
  const [outcome, setOutcome] = useState<'all' | 'ok' | 'error' | 'info'>('all');
  const health = useApp((a) => a.health);
  useEffect(() => {
    const load = () => void invoke('activity:list', { limit: 500 }).then((r) => setEntries(r.entries), () => undefined);
    load();
    return onEvent((e) => e.type === 'ledger:changed' && load());
  }, []);
  const shown = outcome === 'all' ? entries : entries.filter((e) => e.outcome === outcome);
  return (
    <section className="activity">
      <h1>Activity</h1>
      <dl className="facts">
        <dt>Queued</dt><dd data-testid="health-queued">{health ? health.queued + health.inFlight : '…'}</dd>
        <dt>Last success</dt><dd>{health?.lastSuccess ? `${istDisplay(health.lastSuccess.at)} (${health.lastSuccess.kind})` : '—'}</dd>
        <dt>Last failure</dt><dd>{health?.lastFailure ? `${istDisplay(health.lastFailure.at)} (${health.lastFailure.kind} ${health.lastFailure.codes.join(', ')})` : '—'}</dd>
      </dl>
      <div className="chips">
        {(['all', 'ok', 'error', 'info'] as const).map((o) => (
          <button key={o} className={outcome === o ? 'filter active' : 'filter'} onClick={() => setOutcome(o)}>{o}</button>
        ))}
      </div>
      <ol className="journal">
        {shown.map((j) => (
          <li key={j.seq} className={`outcome-${j.outcome}`}>
            <time>{istDisplay(j.at)}</time> <b>{j.kind}</b> {j.invoiceId !== null && <span className="muted">invoice {j.invoiceId}</span>} <small className="muted">{summary(j.details)}</small>
          </li>
        ))}
      </ol>
    </section>
  );
}
