/**
 * Activity: the journal, newest first, filterable by what happened (registrations, cancellations,
 * e-way bills, drafts, settings) and by outcome; and the IRP's health: queued count, last success
 * and failure, and when the next retry is due.
 */
import { useEffect, useState } from 'react';
import { invoke, onEvent } from '../api/client';
import type { JournalEntryView } from '../api/types';
import { istDisplay } from '../format';
import { useApp } from '../stores/app.store';
import { useNav } from '../stores/nav.store';
import { describeEntry, documentName, failureInWords } from '../plain';

const OUTCOMES = [['all', 'All outcomes'], ['ok', 'Succeeded'], ['error', 'Failed'], ['info', 'Noted']] as const;
type Outcome = (typeof OUTCOMES)[number][0];

/** Journal kinds by what the user thinks of: `register.ok`, `cancel_ewb.sent`, `credentials.set`, ... */
const KINDS = {
  all: { label: 'Everything', test: () => true },
  register: { label: 'Registrations', test: (k: string) => k.startsWith('register.') },
  cancel: { label: 'Cancellations', test: (k: string) => k.startsWith('cancel.') },
  ewb: { label: 'E-way bills', test: (k: string) => k.startsWith('ewb.') || k.startsWith('cancel_ewb.') || k.startsWith('ewb_partb.') },
  invoice: { label: 'Drafts', test: (k: string) => k.startsWith('invoice.') },
  portal: { label: 'Portal uploads and results', test: (k: string) => k.startsWith('portal.') },
  settings: { label: 'Settings and data', test: (k: string) => /^(credentials|profile|business|ledger)\./.test(k) },
} satisfies Record<string, { label: string; test: (kind: string) => boolean }>;
type Kind = keyof typeof KINDS;

export function Activity() {
  const [entries, setEntries] = useState<JournalEntryView[]>([]);
  const [outcome, setOutcome] = useState<Outcome>('all');
  const [kind, setKind] = useState<Kind>('all');
  const health = useApp((a) => a.health);
  const go = useNav((n) => n.go);
  useEffect(() => {
    const load = () => void invoke('activity:list', { limit: 1000 }).then((r) => setEntries(r.entries), () => undefined);
    load();
    return onEvent((e) => e.type === 'ledger:changed' && load());
  }, []);
  const shown = entries.filter((e) => (outcome === 'all' || e.outcome === outcome) && KINDS[kind].test(e.kind));
  return (
    <section className="activity">
      <h1>Activity</h1>
      <dl className="facts">
        <dt>Queued</dt><dd data-testid="health-queued">{health ? health.queued + health.inFlight : '…'}</dd>
        <dt>Next retry</dt><dd data-testid="health-next-retry">{health?.nextRetryAt ? istDisplay(health.nextRetryAt) : '—'}</dd>
        <dt>Last answer from the IRP</dt><dd>{health?.lastSuccess ? istDisplay(health.lastSuccess.at) : '—'}</dd>
        <dt>Last failure</dt><dd data-testid="health-last-failure">{health?.lastFailure ? `${istDisplay(health.lastFailure.at)}: ${failureInWords(health.lastFailure.codes, health.lastFailure.message)}` : '—'}</dd>
      </dl>
      <div className="toolbar">
        <select aria-label="What happened" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {Object.entries(KINDS).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
        </select>
        <div className="chips" role="group" aria-label="Outcome">
          {OUTCOMES.map(([o, label]) => (
            <button key={o} className={outcome === o ? 'filter active' : 'filter'} aria-pressed={outcome === o} onClick={() => setOutcome(o)}>{label}</button>
          ))}
        </div>
        <span className="muted" data-testid="activity-count">{shown.length} of {entries.length} entries</span>
      </div>
      <ol className="journal">
        {shown.map((j) => (
          <li key={j.seq} className={`outcome-${j.outcome}`} data-kind={j.kind}>
            <time>{istDisplay(j.at)}</time> <span>{describeEntry(j)}</span>{' '}
            {j.invoiceId !== null && <button className="link" onClick={() => go({ name: 'detail', id: j.invoiceId! })} aria-label={`Open ${documentName(j)}`}>Open</button>}
          </li>
        ))}
      </ol>
    </section>
  );
}
