/**
 * After a crash or a closed window: the documents that were being typed and never saved (their
 * working copies, written as they were typed) are offered back when the app opens again.
 */
import { useEffect, useState } from 'react';
import type { WorkingCopySummaryView } from '../../../shared/ipc/contract-desk';
import { formatInr } from '../../../shared/money';
import { invoke } from '../api/client';
import { istDisplay } from '../format';
import { EDITOR_SESSION } from '../stores/editor.store';
import { useNav } from '../stores/nav.store';

export function RecoveryBanner() {
  const [copies, setCopies] = useState<WorkingCopySummaryView[]>([]);
  useEffect(() => {
    invoke('drafts:recoverable', { owner: EDITOR_SESSION }).then((r) => setCopies(r.drafts), () => undefined);
  }, []);
  if (copies.length === 0) return null;
  const drop = (slot: string) => setCopies((c) => c.filter((x) => x.slot !== slot));
  return (
    <div className="banner banner-warn recovery" role="region" aria-label="Unsaved documents found">
      <p><b>Unsaved work was found</b> from when e-Invoice Desk last stopped (a closed window or a crash). Nothing is lost:</p>
      <ul>
        {copies.map((c) => (
          <li key={c.slot} data-testid="recovered-copy">
            {c.docType === 'CRN' ? 'Credit note' : c.docType === 'DBN' ? 'Debit note' : 'Invoice'} {c.docNo ?? '(no number yet)'}
            {c.buyerName ? ` for ${c.buyerName}` : ''} · {c.lines} line{c.lines === 1 ? '' : 's'} · {formatInr(c.totalPaise)} · last typed {istDisplay(c.updatedAt)}{' '}
            <button className="secondary" onClick={() => (drop(c.slot), useNav.getState().go({ name: 'editor', recover: c.slot }))}>Open it</button>{' '}
            <button className="link" onClick={() => void invoke('drafts:discard', { slot: c.slot }).then(() => drop(c.slot))}>Discard it</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
