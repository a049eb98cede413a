/** Cancel-window reminders, queued-success notices and the native PDF save, without Electron. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { validInvoice } from '../support/invoices';

vi.mock('electron', async () => (await import('./desktop-fake-electron')).fake);

const { DesktopNotifier, REMINDER_LEAD_MS } = await import('../../electron/main/notifications');
const { pdfFileName, saveInvoicePdf } = await import('../../electron/main/pdf-export');
const { desktopTable, pdfOverrides } = await import('../../electron/main/desktop-table');
const { ActivityTracker } = await import('../../electron/main/activity');
const { dispatch } = await import('../../electron/app/handlers');

// 11:30 IST on 21 Nov 2026.
const NOW = new Date('2026-11-21T06:00:00Z');
const IRN = 'a'.repeat(64);
const HOUR = 3600_000;

function notifier(now = NOW) {
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const notices: Array<{ title: string; body: string; invoiceId?: number }> = [];
  let clock = now;
  const n = new DesktopNotifier({
    notify: (x) => notices.push(x),
    now: () => clock,
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => ((t as { cleared: boolean }).cleared = true),
  });
  return { n, timers, notices, advance: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
}

const progress = (outcome: Record<string, unknown>) => ({ type: 'register:progress' as const, done: 1, total: 1, outcome: { errors: [], docNo: 'INV/7', invoiceId: 4, ...outcome } as never });

describe('cancel-window reminders', () => {
  it('fires one hour before the 24-hour window closes', () => {
    const { n, timers, notices, advance } = notifier();
    // AckDt 10:30 IST today: the window closes 10:30 IST tomorrow, 23 hours from now; remind at 22.
    n.remind({ invoiceId: 4, docNo: 'INV/7', irn: IRN, ackDt: '2026-11-21 10:30:00' });
    expect(REMINDER_LEAD_MS).toBe(HOUR);
    expect(timers.map((t) => t.ms)).toEqual([22 * HOUR]);
    n.remind({ invoiceId: 4, docNo: 'INV/7', irn: IRN, ackDt: '2026-11-21 10:30:00' });
    expect(timers).toHaveLength(1);
    expect(notices).toEqual([]);
    advance(22 * HOUR);
    timers[0]!.fn();
    expect(notices).toEqual([
      { title: 'Cancel window closing: INV/7', body: 'IRN of INV/7 can be cancelled for 60 more minutes. After that only a credit note can correct it.', invoiceId: 4 },
    ]);
    expect(n.pending()).toBe(0);
  });

  it('reminds at once inside the last hour and never after the window closed', () => {
    const { n, timers } = notifier();
    n.remind({ invoiceId: 1, docNo: 'A', irn: 'b'.repeat(64), ackDt: '2026-11-20 12:00:00' }); // closes in 30 min
    n.remind({ invoiceId: 2, docNo: 'B', irn: 'c'.repeat(64), ackDt: '2026-11-20 11:30:01' }); // closes in 1 s
    n.remind({ invoiceId: 3, docNo: 'C', irn: 'd'.repeat(64), ackDt: '2026-11-20 11:30:00' }); // closed now
    n.remind({ invoiceId: 5, docNo: 'D', irn: 'e'.repeat(64), ackDt: 'yesterday' }); // unreadable
    expect(timers.map((t) => t.ms)).toEqual([0, 0]);
    n.stop();
    expect(timers.every((t) => t.cleared)).toBe(true);
  });

  it('loads open windows and the queue from the ledger at start', () => {
    const { n, timers, notices } = notifier();
    const pages: unknown[] = [];
    const ledger = {
      invoiceList: {
        page: (q: { status: string; cursor?: string }) => {
          pages.push(q);
          if (q.status === 'registered') {
            return q.cursor
              ? { rows: [{ id: 9, docNo: 'INV/9', irn: 'f'.repeat(64), ackDt: '2026-11-21 09:00:00' }] }
              : { rows: [{ id: 8, docNo: 'INV/8', irn: IRN, ackDt: '2026-11-21 10:30:00' }, { id: 7, irn: 'b'.repeat(64), ackDt: '2026-11-19 10:00:00' }], nextCursor: 'next' };
          }
          return { rows: q.status === 'queued' ? [{ id: 12 }] : [] };
        },
      },
    };
    n.loadFromLedger(ledger as never);
    expect(timers.map((t) => t.ms)).toEqual([22 * HOUR, 20.5 * HOUR]);
    expect(pages[0]).toMatchObject({ status: 'registered', from: '2026-10-07' });
    // Invoice 12 was queued at start: its later success is announced.
    n.onEngineEvent(progress({ invoiceId: 12, docNo: 'INV/12', status: 'registered', irn: 'c'.repeat(64), ackNo: '112010012345678', ackDt: '2026-11-21 11:29:00' }));
    expect(notices).toEqual([{ title: 'Registered: INV/12', body: 'INV/12 was waiting in the queue and is now registered with the IRP (Ack No 112010012345678).', invoiceId: 12 }]);
  });
});

describe('a reminder for an IRN cancelled meanwhile', () => {
  it('stays silent', () => {
    const notices: unknown[] = [];
    const fired: Array<() => void> = [];
    const active = new Set([IRN]);
    const n = new DesktopNotifier({ notify: (x) => notices.push(x), now: () => NOW, stillActive: (irn) => active.has(irn), setTimer: (fn) => fired.push(fn) });
    n.remind({ invoiceId: 4, docNo: 'INV/7', irn: IRN, ackDt: '2026-11-21 10:30:00' });
    n.remind({ invoiceId: 5, docNo: 'INV/8', irn: 'b'.repeat(64), ackDt: '2026-11-21 10:30:00' });
    active.delete(IRN);
    for (const f of fired) f();
    expect(notices).toHaveLength(0);
    active.add('b'.repeat(64));
    n.remind({ invoiceId: 6, docNo: 'INV/9', irn: 'c'.repeat(64), ackDt: '2026-11-21 10:30:00' });
    active.add('c'.repeat(64));
    fired[2]!();
    expect(notices).toEqual([expect.objectContaining({ invoiceId: 6 })]);
  });
});

describe('registration notices', () => {
  it('announce a success only after the invoice had been queued', () => {
    const { n, timers, notices } = notifier();
    n.onEngineEvent(progress({ status: 'registered', irn: IRN, ackNo: '1', ackDt: '2026-11-21 11:00:00' }));
    expect(notices).toEqual([]);
    expect(timers).toHaveLength(1);
    n.onEngineEvent(progress({ invoiceId: 5, docNo: 'INV/5', status: 'queued', errors: [{ code: 'IRP_DOWN', path: '', message: 'down' }] }));
    n.onEngineEvent(progress({ invoiceId: 5, docNo: 'INV/5', status: 'rejected' }));
    expect(notices).toEqual([]);
    n.onEngineEvent(progress({ invoiceId: 6, docNo: 'INV/6', status: 'queued' }));
    n.onEngineEvent({ type: 'ledger:changed', invoiceId: 6 });
    n.onEngineEvent(progress({ invoiceId: 6, docNo: 'INV/6', status: 'adopted', irn: 'b'.repeat(64), ackNo: '2', ackDt: '2026-11-21 11:10:00' }));
    expect(notices.map((x) => x.title)).toEqual(['Registered: INV/6']);
    expect(timers).toHaveLength(2);
  });
});

describe('PDF save', () => {
  const fakeLedger = (withPayload: boolean) => ({
    invoices: { get: (id: number) => (id === 3 ? { id: 3, docType: 'INV', docNo: 'KA/26-27/0001', sellerGstin: 'x', payloadJson: withPayload ? JSON.stringify(validInvoice()) : null } : undefined) },
    registrations: { forInvoice: () => undefined },
    ewaybills: { forInvoice: () => [] },
    businesses: { getByGstin: () => undefined },
  });

  it('makes file names safe on every OS', () => {
    expect(pdfFileName('INV', 'KA/26-27/0001', 3)).toBe('INV-KA-26-27-0001.pdf');
    expect(pdfFileName('CRN', 'a:b*c?"<>|\\', 4)).toBe('CRN-a-b-c------.pdf');
    expect(pdfFileName('INV', undefined, 9)).toBe('INV-9.pdf');
  });

  it('renders, asks where with the save dialog, and writes a real PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-pdf-'));
    try {
      const showSaveDialog = vi.fn((_options: unknown) => Promise.resolve({ canceled: false, filePath: join(dir, 'chosen') }));
      const path = await saveInvoicePdf({ ledger: fakeLedger(true) } as never, 3, { showSaveDialog, write: writeFile, defaultDir: '/docs' });
      expect(path).toBe(join(dir, 'chosen.pdf'));
      expect(showSaveDialog.mock.calls[0]?.[0]).toMatchObject({ defaultPath: join('/docs', 'INV-KA-26-27-0001.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      expect(readFileSync(path!).subarray(0, 5).toString()).toBe('%PDF-');
      const cancelled = vi.fn(() => Promise.resolve({ canceled: true }));
      const write = vi.fn();
      await expect(saveInvoicePdf({ ledger: fakeLedger(true) } as never, 3, { showSaveDialog: cancelled, write, defaultDir: dir })).resolves.toBeUndefined();
      expect(write).not.toHaveBeenCalled();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives coded errors for a missing or unprintable invoice', async () => {
    const deps = { showSaveDialog: vi.fn(), write: vi.fn(), defaultDir: '/d' };
    await expect(saveInvoicePdf({ ledger: fakeLedger(true) } as never, 99, deps)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveInvoicePdf({ ledger: fakeLedger(false) } as never, 3, deps)).rejects.toMatchObject({ code: 'NOT_PRINTABLE' });
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
  });

  it('binds the pdf overrides now that the contract has pdf:save and pdf:print, behind its validation', async () => {
    const save = vi.fn(() => Promise.resolve('/x.pdf'));
    const print = vi.fn(() => Promise.resolve());
    const table = desktopTable({ 'invoices:get': vi.fn(() => 'shared') } as never, new ActivityTracker(), pdfOverrides({ save, print }));
    expect(Object.hasOwn(table, 'pdf:save')).toBe(true);
    // An override reaches a handler only through dispatch, so the contract still validates first.
    await expect(dispatch(table, 'pdf:save', { id: 'three' }, {} as never)).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(save).not.toHaveBeenCalled();
    await expect(dispatch(table, 'pdf:save', { id: 3 }, {} as never)).resolves.toEqual({ ok: true, value: { saved: true, path: '/x.pdf' } });
    expect(save).toHaveBeenCalledWith(3);
    await expect(dispatch(table, 'pdf:print', { id: 4 }, {} as never)).resolves.toEqual({ ok: true, value: { printed: true } });
    expect(print).toHaveBeenCalledWith(4);
  });
});
