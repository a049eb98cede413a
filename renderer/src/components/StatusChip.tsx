import type { InvoiceListItem } from '../api/types';

const LABELS: Record<InvoiceListItem['status'], string> = {
  draft: 'Draft',
  queued: 'Queued',
  in_flight: 'Sending',
  registered: 'Registered',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
};

export function StatusChip({ status }: { status: InvoiceListItem['status'] }) {
  return <span className={`chip chip-${status}`}>{LABELS[status]}</span>;
}
