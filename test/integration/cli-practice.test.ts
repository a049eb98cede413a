/**
 * The zero-setup path: a profile on the embedded practice IRP ("--endpoint practice") registers
 * with no credentials stored anywhere (the published practice API user stands in), and the
 * practice IRP's data lives in <data>/practice-irp.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { openLedger } from '../../electron/ledger';
import { practiceInvoice } from '../support/practice';

const io = (out: string[]) => ({ out: (s: string) => out.push(s), err: (s: string) => out.push(s), stdin: new PassThrough(), env: {}, now: () => new Date() });

describe('embedded practice IRP through the CLI', () => {
  it('adds a practice profile and registers with no credentials set', async () => {
    const data = mkdtempSync(join(tmpdir(), 'einvoice-cli-practice-'));
    const out: string[] = [];
    expect(await runCli(['profile', 'add', 'practice', '--endpoint', 'practice', '--gstin', '29ABCDE1234F1ZW', '--client-id', 'AAPRC02TXPABCDE', '--user', 'practice_ka', '--data', data], io(out))).toBe(0);
    const file = join(data, 'invoice.json');
    const inv = practiceInvoice(`EMB/${process.pid % 1000}/1`);
    writeFileSync(file, JSON.stringify(inv));
    const reg: string[] = [];
    expect(await runCli(['register', file, '--profile', 'practice', '--json', '--data', data], io(reg))).toBe(0);
    const rows = JSON.parse(reg.find((l) => l.startsWith('['))!) as Array<{ status: string; irn: string }>;
    expect(rows[0]).toMatchObject({ status: 'registered' });
    expect(rows[0]!.irn).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(data, 'practice-irp', 'practice-irp.sqlite'))).toBe(true);

    const list: string[] = [];
    expect(await runCli(['ledger', 'list', '--json', '--data', data], io(list))).toBe(0);
    expect((JSON.parse(list.find((l) => l.startsWith('['))!) as Array<{ irn: string; status: string }>)[0]).toMatchObject({ irn: rows[0]!.irn, status: 'registered' });
  });

  it('the ledger takes "practice" only as the endpoint of a practice profile', () => {
    const ledger = openLedger(join(mkdtempSync(join(tmpdir(), 'einvoice-cli-practice-')), 'ledger.sqlite'));
    try {
      const base = { gstin: '29ABCDE1234F1ZW', clientId: 'X', userName: 'u' };
      expect(ledger.profiles.save({ ...base, name: 'p', kind: 'practice', baseUrl: 'practice' }).baseUrl).toBe('practice');
      expect(() => ledger.profiles.save({ ...base, name: 'n', kind: 'nic-sandbox', baseUrl: 'practice' })).toThrow(/only for practice profiles/);
    } finally {
      ledger.close();
    }
  });
});
