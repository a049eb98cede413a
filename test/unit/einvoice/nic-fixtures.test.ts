/**
 * Every invoice NIC's sandbox accepted (test/fixtures/nic-accepted-invoices.json, copied from the
 * team kit's capture) validates in the sandbox profile with "today" at its document date.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocDate } from '../../../shared/dates';
import type { Invoice } from '../../../shared/einvoice/schema';
import { validateInvoice } from '../../../shared/einvoice/validate';
import { loadHsnMaster } from '../../../electron/app/masters';

interface Entry { accepted_by_nic: boolean; notes: string[]; invoice: Invoice }
const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/nic-accepted-invoices.json', import.meta.url), 'utf8')) as { invoices: Record<string, Entry> };
const entries = Object.entries(fixtures.invoices);

describe('NIC-accepted sandbox invoices', () => {
  it('has the captured invoices', () => {
    expect(entries.map(([k]) => k).sort()).toEqual(['debit_invoice', 'duplicate_irn', 'foreign_transaction', 'goods_item_with_ewaybill', 'nil_exempted_item', 'return_invoice', 'service_item']);
  });

  it.each(entries)('%s is valid in the sandbox profile', (_name, entry) => {
    const today = parseDocDate(entry.invoice.DocDtls.Dt)!;
    const report = validateInvoice(entry.invoice, { profile: 'sandbox', today, hsn: loadHsnMaster() });
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
    // NIC's test GSTINs fail the check digit: accepted, but said so
    expect(report.warnings.some((w) => w.code === '3028')).toBe(true);
  });

  it.each(entries)('%s is rejected in the production profile only for the test GSTINs', (_name, entry) => {
    const today = parseDocDate(entry.invoice.DocDtls.Dt)!;
    const report = validateInvoice(entry.invoice, { profile: 'production', today, hsn: loadHsnMaster() });
    expect(new Set(report.errors.map((e) => e.code))).toEqual(new Set(['3028']));
  });
});
