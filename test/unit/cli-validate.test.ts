import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { CliIo } from '../../electron/cli/io';
import { computeIrn } from '../../shared/einvoice/irn';
import { validInvoice } from '../support/invoices';

function capture(now = new Date('2026-11-21T06:00:00Z')): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t), stdin: new PassThrough(), env: {}, now: () => now }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'einvoice-cli-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('einvoice validate', () => {
  it('exit 0 and one JSON object for a valid invoice', async () => {
    const { io, out } = capture();
    const code = await runCli(['validate', file('ok.json', JSON.stringify(validInvoice())), '--json'], io);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const parsed = JSON.parse(out[0]!) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['valid', 'irn', 'errors', 'warnings']);
    expect(parsed.valid).toBe(true);
    expect(parsed.irn).toBe(computeIrn({ sellerGstin: '29ABCDE1234F1ZW', docDate: '14/11/2026', docType: 'INV', docNo: 'ST/25-26/0042' }));
  });

  it('exit 1 with every error as {code, path, message}', async () => {
    const inv = validInvoice();
    inv.ItemList[0]!.HsnCd = '12345678';
    inv.BuyerDtls.Pin = 110001;
    const { io, out } = capture();
    const code = await runCli(['validate', file('bad.json', JSON.stringify(inv)), '--json'], io);
    expect(code).toBe(1);
    const parsed = JSON.parse(out[0]!) as { valid: boolean; errors: Array<Record<string, string>> };
    expect(parsed.valid).toBe(false);
    expect(parsed.errors.map((e) => [e.code, e.path])).toEqual([['3039', 'BuyerDtls.Pin'], ['2176', 'ItemList[0].HsnCd']]);
    expect(Object.keys(parsed.errors[0]!)).toEqual(['code', 'path', 'message']);
  });

  it('prints a readable report grouped by section, with fix hints', async () => {
    const inv = validInvoice();
    inv.ItemList[0]!.HsnCd = '12345678';
    const { io, out } = capture();
    expect(await runCli(['validate', file('bad2.json', JSON.stringify(inv))], io)).toBe(1);
    const text = out.join('\n');
    expect(text).toContain('NOT VALID - 1 error(s)');
    expect(text).toMatch(/Items\n {2}x \[2176\] ItemList\[0\]\.HsnCd: Invalid HSN code\(s\)-12345678/);
    expect(text).toContain('fix: Pick the HSN/SAC code from the master list');
  });

  it('honours --today, --profile and --aato-crore', async () => {
    const inv = validInvoice();
    const p = file('old.json', JSON.stringify(inv));
    expect(await runCli(['validate', p, '--today', '2026-12-20', '--aato-crore', '12'], capture().io)).toBe(1);
    expect(await runCli(['validate', p, '--today', '2026-12-20', '--aato-crore', '9'], capture().io)).toBe(0);
    expect(await runCli(['validate', p, '--today', '2026-11-13'], capture().io)).toBe(1);
  });

  it('exit 2 when the file is missing or not JSON; usage errors exit 2', async () => {
    const missing = capture();
    expect(await runCli(['validate', join(dir, 'nope.json')], missing.io)).toBe(2);
    expect(missing.err.join('')).toContain('ENOENT');
    const notJson = capture();
    expect(await runCli(['validate', file('x.json', '{"Version": ')], notJson.io)).toBe(2);
    expect(notJson.err.join('')).toContain('is not JSON');
    expect(await runCli(['validate', file('arr.json', '[]')], capture().io)).toBe(2);
    expect(await runCli(['validate'], capture().io)).toBe(2);
    expect(await runCli(['validate', 'a.json', '--profile', 'staging'], capture().io)).toBe(2);
    expect(await runCli(['validate', 'a.json', '--today', '21/11/2026'], capture().io)).toBe(2);
  });
});

describe('einvoice irn', () => {
  it('prints the IRN', async () => {
    const { io, out } = capture();
    expect(await runCli(['irn', file('irn.json', JSON.stringify(validInvoice()))], io)).toBe(0);
    expect(out).toEqual([computeIrn({ sellerGstin: '29ABCDE1234F1ZW', docDate: '14/11/2026', docType: 'INV', docNo: 'ST/25-26/0042' })]);
  });

  it('explains what is missing', async () => {
    const { io, err } = capture();
    expect(await runCli(['irn', file('partial.json', '{"DocDtls":{}}')], io)).toBe(1);
    expect(err.join('')).toContain('needs SellerDtls.Gstin');
  });
});
