/**
 * A damaged ledger explained (issue 16 item 6): a corrupt page, a truncated file, a read-only file,
 * a read-only folder and a full disk each give their plain message (which file, what is wrong,
 * what to do) through the CLI or the handler table, and leave the ledger file as it was.
 * Read-only media and a full disk are real: as root the test mounts a small tmpfs (and bind-mounts
 * a file read-only); as another user it uses file permissions, and skips what needs a mount.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppCore } from '../../electron/app/app-core';
import { dispatch, HANDLERS, type HandlerContext } from '../../electron/app/handlers';
import { runCli } from '../../electron/cli/main';
import { openLedger } from '../../electron/ledger';
import { MemorySecretStore } from '../../electron/vault';

const base = mkdtempSync(join(tmpdir(), 'einvoice-damage-'));
const mounts: string[] = [];
const root = process.getuid?.() === 0;

function tryMount(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
    return true;
  } catch {
    return false;
  }
}
const canMount = root && (() => {
  const probe = join(base, 'probe');
  mkdirSync(probe);
  return tryMount(probe, '1m');
})();

afterAll(() => {
  for (const m of mounts.reverse()) {
    try {
      execFileSync('umount', ['-l', m], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
  rmSync(base, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), stdin: new PassThrough(), env: {}, now: () => new Date() });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A data folder whose ledger holds `n` drafts (closed, WAL folded in), and one backup. */
async function dataFolder(dir: string, n = 200): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const ledger = openLedger(join(dir, 'ledger.sqlite'));
  const businessId = ledger.businesses.create({ gstin: '29AAGCB1286Q000', legalName: 'Bharat Tools', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' }).id;
  for (let i = 0; i < n; i += 1) {
    ledger.invoices.saveDraft({ businessId, docType: 'INV', docNo: `BT/${i}`, docDate: '2026-03-09', buyerGstin: '27AAACR5055K1Z7', buyerName: `Buyer number ${i} with a long enough name`, totalPaise: 118000 + i, draft: { lines: [{ qty: 1000, note: 'x'.repeat(200) }] } });
  }
  ledger.close();
  expect((await cli(['ledger', 'backup', '--data', dir])).code).toBe(0);
  return join(dir, 'ledger.sqlite');
}

const LEDGER_LIST = (dir: string) => ['ledger', 'list', '--json', '--data', dir];
const WRITE = (dir: string) => ['profile', 'add', 'p2', '--endpoint', 'practice', '--gstin', '29ABCDE1234F1ZW', '--client-id', 'AAPRC02TXPABCDE', '--user', 'practice_ka', '--data', dir];

describe('a damaged ledger', () => {
  it('a corrupt page: refused on open with the file, the cause and how to restore; the file is kept as it was', async () => {
    const dir = join(base, 'corrupt');
    const file = await dataFolder(dir);
    const ledger = openLedger(file);
    const { rootpage } = ledger.db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'invoices'").get() as { rootpage: number };
    const pageSize = ledger.db.pragma('page_size', { simple: true }) as number;
    ledger.close();
    const bytes = readFileSync(file);
    bytes.fill(0xa5, (rootpage - 1) * pageSize, (rootpage - 1) * pageSize + 64);
    writeFileSync(file, bytes);
    const before = sha(file);

    const list = await cli(LEDGER_LIST(dir));
    expect(list.code).toBe(1);
    expect(list.err).toContain(`The ledger ${file} is damaged: part of it cannot be read. Nothing more was written to it.`);
    const backup = readdirSync(join(dir, 'backups')).find((n) => n.startsWith('ledger-'))!;
    expect(list.err).toContain(`Restore the latest backup, ${backup}: in the app, Settings → Data → Restore; on the command line, einvoice ledger restore "${join(dir, 'backups', backup)}".`);
    expect(list.err).not.toMatch(/data is safe/i);

    const check = await cli(['ledger', 'check', '--data', dir, '--json']);
    expect(check.code).toBe(1);
    const answer = JSON.parse(check.out) as { ok: boolean; problems: string[]; message: string };
    expect(answer.ok).toBe(false);
    expect(answer.problems.length).toBeGreaterThan(0);
    expect(answer.message).toMatch(/is damaged.*Restore the latest backup/);
    expect(sha(file)).toBe(before);
  });

  it('a truncated file: the same plain message, the file untouched', async () => {
    const dir = join(base, 'truncated');
    const file = await dataFolder(dir);
    truncateSync(file, Math.floor(statSync(file).size * 0.6));
    const before = sha(file);
    const r = await cli(LEDGER_LIST(dir));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`The ledger ${file.replaceAll('/', '\\/')} is damaged: .*Restore the latest backup, ledger-`));
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it.skipIf(root && !canMount)('a read-only file: list, check and backup work; a change says why it cannot be saved', async () => {
    const dir = join(base, 'ro-file');
    const file = await dataFolder(dir, 20);
    if (root) execFileSync('sh', ['-c', `mount --bind "${file}" "${file}" && mount -o remount,bind,ro "${file}"`]);
    else chmodSync(file, 0o400);
    if (root) mounts.push(file);
    const before = sha(file);
    const list = await cli(LEDGER_LIST(dir));
    expect(list.code, list.err).toBe(0);
    expect((JSON.parse(list.out) as unknown[]).length).toBe(20);
    expect((await cli(['ledger', 'check', '--data', dir])).out).toMatch(/passed SQLite's full integrity check .*read-only/);
    const backup = await cli(['ledger', 'backup', '--data', dir]);
    expect(backup.code, backup.err).toBe(0);
    const write = await cli(WRITE(dir));
    expect(write.code).toBe(1);
    expect(write.err).toContain(`The ledger ${file} is read-only, so this change cannot be saved. Lists, invoices, printing, QR checks and backups still work.`);
    expect(sha(file)).toBe(before);
  });

  it.skipIf(!canMount)('a read-only folder: list and check work from a private snapshot; a change says the folder cannot be written', async () => {
    const dir = join(base, 'ro-folder');
    mkdirSync(dir);
    expect(tryMount(dir, '8m')).toBe(true);
    const file = await dataFolder(dir, 20);
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const before = sha(file);
    const list = await cli(LEDGER_LIST(dir));
    expect(list.code, list.err).toBe(0);
    expect((JSON.parse(list.out) as unknown[]).length).toBe(20);
    const write = await cli(WRITE(dir));
    expect(write.code).toBe(1);
    expect(write.err).toContain(`The folder ${dir} cannot be written (a read-only disk, or no permission), so this change cannot be saved there.`);
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['backups', 'ledger.sqlite']);
  });

  it.skipIf(!canMount)('a full disk: the save is refused with "free some disk space", earlier saves intact, later saves work', async () => {
    const dir = join(base, 'full');
    mkdirSync(dir);
    expect(tryMount(dir, '3m')).toBe(true);
    const core = await openAppCore({ dataDir: dir, env: {}, vault: new MemorySecretStore() });
    const ctx: HandlerContext = { core, practice: false, version: 'test', emit: () => undefined };
    try {
      const business = await dispatch(HANDLERS, 'businesses:save', { gstin: '29AAGCB1286Q000', legalName: 'Bharat Tools', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' }, ctx);
      expect(business.ok).toBe(true);
      const businessId = (business as { value: { id: number } }).value.id;
      const save = (n: number) => dispatch(HANDLERS, 'invoices:save', { businessId, draft: { docType: 'INV', docNo: `FULL/${n}`, docDate: '01/04/2026', supplyType: 'B2B', seller: {}, buyer: {}, lines: [] } }, ctx);
      expect((await save(1)).ok).toBe(true);
      const filler = join(dir, 'filler');
      try {
        for (;;) appendFileSync(filler, Buffer.alloc(16 * 1024));
      } catch (e) {
        expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      let refused: { code: string; message: string } | undefined;
      for (let n = 2; n < 200 && !refused; n += 1) {
        const r = await save(n);
        if (!r.ok) refused = r.error;
      }
      expect(refused).toBeDefined();
      expect(refused?.code).toBe('LEDGER_DISK_FULL');
      expect(refused?.message).toMatch(new RegExp(`^The disk holding ${join(dir, 'ledger.sqlite').replaceAll('/', '\\/')} is full \\(0\\.0 MB free\\), so this change was not saved; what was saved before is intact\\. Free some disk space, then try again\\.`));
      rmSync(filler);
      expect((await save(500)).ok).toBe(true);
      const check = await dispatch(HANDLERS, 'data:check', {}, ctx);
      expect(check).toMatchObject({ ok: true, value: { ok: true, problems: [] } });
      const list = core.ledger.invoiceList.page({ limit: 1000 });
      expect(list.rows.map((r) => r.docNo)).toContain('FULL/1');
      expect(list.rows.map((r) => r.docNo)).toContain('FULL/500');
    } finally {
      await core.close();
    }
  });
});
