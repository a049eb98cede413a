/**
 * New documents from the one on screen (issue 17 item 6): a copy (same buyer, places and lines; a
 * new number and today's date) and, for a registered tax invoice, a credit or debit note with its
 * lines copied to edit and the invoice named as the original. Each opens in the editor, unsaved;
 * the editor asks first if it holds other unsaved work.
 */
import type { InvoiceView } from '../api/types';
import { useNav } from '../stores/nav.store';

export function DocumentActions({ invoice }: { invoice: InvoiceView }) {
  const go = useNav((n) => n.go);
  if (!invoice.draft) return null;
  // a note adjusts a registered tax invoice (a cancelled one no longer exists for GST)
  const noteable = invoice.docType === 'INV' && invoice.status === 'registered';
  return (
    <span className="document-actions" role="group" aria-label="New document from this one">
      <button className="secondary" onClick={() => go({ name: 'editor', from: { id: invoice.id, as: 'copy' } })}>Duplicate</button>
      {noteable && (
        <>
          <button className="secondary" onClick={() => go({ name: 'editor', from: { id: invoice.id, as: 'CRN' } })}>Credit note</button>
          <button className="secondary" onClick={() => go({ name: 'editor', from: { id: invoice.id, as: 'DBN' } })}>Debit note</button>
        </>
      )}
    </span>
  );
}
