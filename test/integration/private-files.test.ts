/**
 * Private by default (issue 16 item 2): after a full flow run from a shell whose umask is 022
 * (register on the practice IRP, print one PDF, print a range to a folder, back up), every file
 * the app wrote is 0600 and every folder 0700, in the data folder and out of it; files an older
 * version left world-readable are tightened when the data folder is opened.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tightenDataDir } from '../../electron/support/private-files';
import { istDateOf } from '../../shared/dates';
import { practiceInvoice } from '../support/practice';

const posix = process.platform !== 'win32';
const root = join(import.meta.dirname, '..', '..');
const base = mkdtempSync(join(tmpdir(), 'einvoice-private-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Every path under dir with its permission bits. */
function modes(dir: string): Array<[string, number, 'dir' | 'file']> {
  const out: Array<[string, number, 'dir' | 'file']> = [];
  const walk = (p: string) => {
    const st = lstatSync(p);
    out.push([p, st.mode & 0o777, st.isDirectory() ? 'dir' : 'file']);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
  };
  walk(dir);
  return out;
}

/** Runs the einvoice CLI steps in one child process started with umask 022. */
function runWithUmask022(steps: string[][]): { status: number | null; stdout: string; stderr: string } {
  const script = `
    import { register } from 'tsx/esm/api';
    register();
    const { runCli } = await import(${JSON.stringify(join(root, 'electron/cli/main.ts'))});
    for (const argv of ${JSON.stringify(steps)}) {
      const code = await runCli(argv);
      if (code !== 0) { console.error('step failed: ' + argv.join(' ') + ' -> ' + code); process.exit(10); }
    }`;
  const r = spawnSync('sh', ['-c', `umask 022 && exec "${process.execPath}" --input-type=module -e "$SCRIPT"`], {
    cwd: root,
    env: { ...process.env, SCRIPT: script, EINVOICE_HOME: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!posix)('files the app writes are private whatever the umask', () => {
  it('after register, print, print --all and backup under umask 022: files 0600, folders 0700', () => {
    const data = join(base, 'data');
    // An older version's folder: world-readable, with a world-readable file in it.
    mkdirSync(join(data, 'backups'), { recursive: true, mode: 0o755 });
    chmodSync(data, 0o755);
    writeFileSync(join(data, 'backups', 'old.sqlite'), 'old', { mode: 0o644 });
    chmodSync(join(data, 'backups', 'old.sqlite'), 0o644);
    const invoice = join(base, 'invoice.json');
    const docNo = `PRV/${process.pid % 1000}/1`;
    writeFileSync(invoice, JSON.stringify(practiceInvoice(docNo)));
    const pdf = join(base, 'out', 'one.pdf');
    mkdirSync(join(base, 'out'));
    const range = join(base, 'out', 'range');
    // the invoice is dated today in IST, which is tomorrow in UTC after 18:30 UTC
    const today = istDateOf(new Date());
    const r = runWithUmask022([
      ['profile', 'add', 'practice', '--endpoint', 'practice', '--gstin', '29ABCDE1234F1ZW', '--client-id', 'AAPRC02TXPABCDE', '--user', 'practice_ka', '--data', data],
      ['register', invoice, '--profile', 'practice', '--data', data],
      ['print', docNo, '-o', pdf, '--data', data],
      ['print', '--all', '--from', '2020-01-01', '--to', today, '-o', range, '--data', data],
      ['ledger', 'backup', '--data', data],
    ]);
    expect(r.stderr).not.toContain('step failed');
    expect(r.status).toBe(0);

    const inData = modes(data);
    const names = inData.map(([p]) => p.slice(data.length + 1));
    // the flow really wrote what we check
    expect(names).toEqual(expect.arrayContaining(['ledger.sqlite', 'practice-irp', 'backups', 'backups/old.sqlite']));
    expect(names.some((n) => /^practice-irp\/.*key.*\.pem$/i.test(n)), names.join(', ')).toBe(true);
    expect(names.some((n) => /^backups\/ledger-.*\.sqlite$/.test(n)), names.join(', ')).toBe(true);
    for (const [path, mode, kind] of [...inData, ...modes(pdf), ...modes(range)]) {
      expect(mode.toString(8), path).toBe(kind === 'dir' ? '700' : '600');
    }
    expect(readdirSync(range).length).toBeGreaterThan(0);
  }, 180_000);

  it('tightens what exists, keeps a read-only file read-only, never follows a symbolic link', () => {
    const dir = join(base, 'tighten');
    const outside = join(base, 'outside.txt');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(outside, 'not ours');
    chmodSync(outside, 0o644);
    writeFileSync(join(dir, 'ledger.sqlite'), 'x');
    chmodSync(join(dir, 'ledger.sqlite'), 0o664);
    writeFileSync(join(dir, 'sub', 'readonly.sqlite'), 'y');
    chmodSync(join(dir, 'sub', 'readonly.sqlite'), 0o444);
    chmodSync(join(dir, 'sub'), 0o775);
    symlinkSync(outside, join(dir, 'link'));
    const report = tightenDataDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'ledger.sqlite')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'sub')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'sub', 'readonly.sqlite')).mode & 0o777).toBe(0o400);
    expect(statSync(outside).mode & 0o777).toBe(0o644);
    expect(report.changed.length).toBe(4);
    expect(report.failed).toEqual([]);
    // a second pass has nothing left to do
    expect(tightenDataDir(dir).changed).toEqual([]);
  });
});
