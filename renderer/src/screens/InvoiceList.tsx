/**
 * Invoices: status chips, search, buyer, business and date filters, totals that say what they
 * cover, a virtualised list reachable by keyboard (one Tab stop; arrows move, Enter opens, Space
 * selects), multi-select register with progress and batch print.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { formatInr } from '../../../shared/money';
import { onEvent } from '../api/client';
import type { InvoiceListItem } from '../api/types';
import { StatusChip } from '../components/StatusChip';
import { countdown } from '../format';
import { useInvoices, type StatusFilter } from '../stores/invoices.store';
import { useNav } from '../stores/nav.store';
import { BuyerFilter } from '../components/BuyerFilter';
import { DocDateInput } from '../components/DocDateInput';
import { formatDocDate } from '../../../shared/dates';
import { ExportButton } from '../components/ExportDialog';
import { TOTALS_RULE, totalsBreakdown, totalsHeadline } from '../components/totals-text';
import { irpDateTime } from '../format';

const FILTERS: Array<{ key: StatusFilter; label: string }> = [
  { key: 'all', label: 'All' },
  { key: 'draft', label: 'Drafts' },
  { key: 'queued', label: 'Queued' },
  { key: 'registered', label: 'Registered' },
  { key: 'rejected', label: 'Rejected' },
  { key: 'cancelled', label: 'Cancelled' },
];

const ROW_HEIGHT = 44;
// the print preview (PDF.js, the modal) loads when first asked for
const PrintDialog = lazy(() => import('../components/PrintDialog').then((m) => ({ default: m.PrintDialog })));
const SELECTABLE = new Set(['draft', 'rejected', 'queued']);

function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(t);
  }, [periodMs]);
  return now;
}

function CancelWindow({ row, now }: { row: InvoiceListItem; now: number }) {
  if (row.status !== 'registered') return null;
  // an active e-way bill blocks the IRN cancel (IRP rule 2230): no countdown for what cannot be done
  if (row.ewbActive) {
    return <span className="muted" data-testid="row-ewb-active">e-way bill active{row.ewbValidTill ? ` till ${irpDateTime(row.ewbValidTill).slice(0, 16)}` : ''}: IRN cannot be cancelled</span>;
  }
  if (!row.cancelBy) return null;
  const left = Date.parse(row.cancelBy) - now;
  if (left <= 0) return <span className="muted">cancel window closed</span>;
  return <span className={left < 2 * 3600_000 ? 'warn' : 'muted'}>cancel: {countdown(left)} left</span>;
}

export function InvoiceList() {
  const s = useInvoices();
  const go = useNav((n) => n.go);
  const [search, setSearch] = useState(s.search);
  const parentRef = useRef<HTMLDivElement>(null);
  const now = useNow(30_000);

  useEffect(() => {
    void useInvoices.getState().load();
    void useInvoices.getState().loadBusinesses();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent((e) => {
      if (e.type === 'settings:changed') void useInvoices.getState().loadBusinesses();
      if (e.type !== 'ledger:changed') return;
      clearTimeout(timer);
      timer = setTimeout(() => void useInvoices.getState().load(), 250);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    const t = setTimeout(() => {
      if (search !== useInvoices.getState().search) useInvoices.getState().setSearch(search);
    }, 200);
    return () => clearTimeout(t);
  }, [search]);

  const virtualizer = useVirtualizer({ count: s.rows.length, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= s.rows.length - 20 && s.nextCursor) void s.loadMore();
  }, [last, s]);

  const open = (row: InvoiceListItem) => {
    s.setLastOpened(row.id);
    go(row.status === 'draft' || row.status === 'rejected' ? { name: 'editor', id: row.id } : { name: 'detail', id: row.id });
  };

  // Keyboard: the grid is one Tab stop; the focused row moves with the arrows and is scrolled into view.
  const [focusIndex, setFocusIndex] = useState(0);
  const focusRow = useCallback((index: number) => {
    const i = Math.max(0, Math.min(index, useInvoices.getState().rows.length - 1));
    setFocusIndex(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
    // the row may only exist after the virtualiser renders it
    requestAnimationFrame(() => requestAnimationFrame(() => parentRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus()));
  }, [virtualizer]);
  // Coming back from an invoice: its row has the focus again.
  const returned = useRef(false);
  useEffect(() => {
    if (returned.current || s.lastOpenedId === undefined) return;
    const i = s.rows.findIndex((r) => r.id === s.lastOpenedId);
    if (i >= 0) {
      returned.current = true;
      focusRow(i);
    }
  }, [s.rows, s.lastOpenedId, focusRow]);
  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const row = s.rows[focusIndex];
    const page = Math.max(1, Math.floor((parentRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: focusIndex + 1, ArrowUp: focusIndex - 1, PageDown: focusIndex + page, PageUp: focusIndex - page, Home: 0, End: s.rows.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(moves[e.key]!);
    } else if (e.key === 'Enter' && row) {
      e.preventDefault();
      open(row);
    } else if (e.key === ' ' && row) {
      e.preventDefault();
      s.toggle(row.id);
    }
  };

  const [printing, setPrinting] = useState<number[]>();
  const selectedRows = s.rows.filter((r) => s.selected.has(r.id));
  const registerable = selectedRows.filter((r) => SELECTABLE.has(r.status)).map((r) => r.id);

  return (
    <section className="list-screen">
      <div className="toolbar">
        {/* one choice out of six: a radio group (one Tab stop, arrows move between the chips) */}
        <ToggleButtonGroup
          className="chips"
          aria-label="Status filter"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[s.status]}
          onSelectionChange={(keys) => {
            const [key] = [...keys];
            if (key !== undefined) s.setStatus(key as StatusFilter);
          }}
        >
          {FILTERS.map((f) => (
            <ToggleButton key={f.key} id={f.key} className={({ isSelected }) => (isSelected ? 'filter active' : 'filter')}>
              {f.label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <input className="search" type="search" placeholder="Search number, buyer, GSTIN, IRN" aria-label="Search invoices" value={search} onChange={(e) => setSearch(e.target.value)} />
        <BuyerFilter value={s.buyer} onChange={s.setBuyer} />
        {s.businesses.length > 1 && (
          <select className="business-filter" aria-label="Business" value={s.businessId ?? ''} onChange={(e) => s.setBusiness(e.target.value ? Number(e.target.value) : undefined)}>
            <option value="">All businesses</option>
            {s.businesses.map((b) => <option key={b.id} value={b.id}>{b.tradeName ?? b.legalName} · {b.gstin}</option>)}
          </select>
        )}
        {/* spans, not labels: a label would pass a click on its text to the field's clear button */}
        <span className="dates">
          From <DocDateInput label="From date" clearable value={s.from} onChange={(from) => s.setDates(from, s.to)} />
        </span>
        <span className="dates">
          to <DocDateInput label="To date" clearable value={s.to} onChange={(to) => s.setDates(s.from, to)} />
        </span>
        <button className="primary" onClick={() => go({ name: 'editor' })}>New invoice</button>
      </div>
      {s.special && (
        <div className="toolbar">
          <span className="special-filter" data-testid="special-filter">
            Showing: {s.special.label}
            <button className="icon" aria-label={`Stop showing only: ${s.special.label}`} onClick={() => s.clearSpecial()}>×</button>
          </span>
        </div>
      )}
      <div className="toolbar">
        <span className="totals" data-testid="list-totals" title={TOTALS_RULE}>
          {s.totals ? totalsHeadline(s.totals) : ' '}
        </span>
        {s.totals && totalsBreakdown(s.totals) && <small className="muted totals-covers" data-testid="list-totals-covers">{totalsBreakdown(s.totals)}</small>}
        {registerable.length > 0 && (
          <button className="primary" disabled={Boolean(s.progress)} onClick={() => void s.registerSelected(registerable)}>
            Register {registerable.length} selected
          </button>
        )}
        {s.selected.size > 0 && (
          <button className="secondary" onClick={() => setPrinting(selectedRows.map((r) => r.id))} aria-haspopup="dialog">
            Print {selectedRows.length} selected
          </button>
        )}
        {s.progress && (
          <span className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={s.progress.total} aria-valuenow={s.progress.done}>
            <span style={{ width: `${(100 * s.progress.done) / Math.max(1, s.progress.total)}%` }} />
            <em>{s.progress.done} / {s.progress.total}</em>
          </span>
        )}
        {s.notice && <span className={s.notice.ok ? 'ok-text' : 'error-text'} role="status">{s.notice.text}</span>}
        {s.error && <span className="error-text">{s.error}</span>}
        <ExportButton />
      </div>
      <div className="grid-head" role="row">
        <span />
        <button onClick={() => s.setSort('number')}>Number</button>
        <button onClick={() => s.setSort('date')}>Date</button>
        <span>Buyer</span>
        <button className="num" onClick={() => s.setSort('total')}>Total</button>
        <button onClick={() => s.setSort('status')}>Status</button>
        <span>IRN / cancel window</span>
      </div>
      <div
        ref={parentRef}
        className="grid-body"
        data-testid="invoice-rows"
        role="grid"
        aria-label="Invoices: arrow keys move, Enter opens, Space selects"
        aria-rowcount={s.totals?.count ?? s.rows.length}
        onKeyDown={onGridKey}
      >
        {s.rows.length === 0 && !s.loading && <p className="empty">No invoices here yet. Press “New invoice” to draft one.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = s.rows[v.index]!;
            return (
              <div
                key={row.id}
                className="grid-row"
                role="row"
                aria-rowindex={v.index + 1}
                aria-selected={s.selected.has(row.id)}
                data-index={v.index}
                tabIndex={v.index === Math.min(focusIndex, s.rows.length - 1) ? 0 : -1}
                onFocus={() => v.index !== focusIndex && setFocusIndex(v.index)}
                style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                onClick={() => open(row)}
              >
                <span onClick={(e) => e.stopPropagation()}>
                  <input type="checkbox" tabIndex={-1} aria-label={`Select ${row.docNo ?? row.id}`} checked={s.selected.has(row.id)} onChange={() => s.toggle(row.id)} />
                </span>
                <span className="mono">{row.docType !== 'INV' ? `${row.docType} ` : ''}{row.docNo ?? '(no number)'}</span>
                <span>{formatDocDate(row.docDate)}</span>
                <span className="ellipsis" title={row.buyerGstin}>{row.buyerName ?? '—'}<small className="muted"> {row.buyerGstin}</small></span>
                <span className="num">{formatInr(row.totalPaise)}</span>
                <span><StatusChip status={row.status} /></span>
                <span className="ellipsis">
                  {row.irn ? <small className="mono muted">{row.irn.slice(0, 12)}… </small> : null}
                  <CancelWindow row={row} now={now} />
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {printing && (
        <Suspense fallback={null}>
          <PrintDialog ids={printing} title={`Print ${printing.length} selected document${printing.length === 1 ? '' : 's'}`} onClose={() => setPrinting(undefined)} />
        </Suspense>
      )}
    </section>
  );
}
