/** The one mapping from SQLite failures to plain messages, and its use at the hosts' boundary. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toIpcError, UNEXPECTED_MESSAGE } from '../../electron/app/handlers';
import { explainLedgerFailure } from '../../electron/ledger';

const dir = mkdtempSync(join(tmpdir(), 'ledger-failures-'));
const file = join(dir, 'ledger.sqlite');
writeFileSync(file, '');
mkdirSync(join(dir, 'backups'));
writeFileSync(join(dir, 'backups', 'ledger-20261101-090000.sqlite'), 'a');
writeFileSync(join(dir, 'backups', 'ledger-20261120-090000.sqlite'), 'b');
utimesSync(join(dir, 'backups', 'ledger-20261101-090000.sqlite'), new Date('2026-11-01'), new Date('2026-11-01'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sqlite = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('explainLedgerFailure', () => {
  it('maps each SQLite failure to a code and a message naming the file, the cause and what to do', () => {
    const cases: Array<[string, string, string, RegExp]> = [
      ['SQLITE_CORRUPT', 'database disk image is malformed', 'LEDGER_CORRUPT', /is damaged: part of it cannot be read\. .*Restore the latest backup, ledger-20261120-090000\.sqlite: in the app, Settings → Data → Restore; on the command line, einvoice ledger restore ".*ledger-20261120-090000\.sqlite"/],
      ['SQLITE_CORRUPT_INDEX', 'database disk image is malformed', 'LEDGER_CORRUPT', /is damaged/],
      ['SQLITE_NOTADB', 'file is not a database', 'LEDGER_NOT_SQLITE', /is not an e-Invoice Desk ledger .*Restore the latest backup/],
      ['SQLITE_FULL', 'database or disk is full', 'LEDGER_DISK_FULL', /^The disk holding .* is full \([\d.]+ MB free\), so this change was not saved; what was saved before is intact\. Free some disk space, then try again\./],
      ['SQLITE_BUSY', 'database is locked', 'LEDGER_BUSY', /is locked by another program/],
      ['SQLITE_IOERR_WRITE', 'disk I/O error', 'LEDGER_IO', /could not be read or written \(the disk reported an error\)/],
    ];
    for (const [code, said, expected, message] of cases) {
      const f = explainLedgerFailure(sqlite(code, said), file);
      expect(f?.code, code).toBe(expected);
      expect(f?.message, code).toMatch(message);
      expect(f?.message, code).toContain(file);
      expect(f?.message, code).toMatch(new RegExp(`\\(SQLite: ${said.replace(/[()/]/g, '\\$&')}\\)$`));
    }
    expect(explainLedgerFailure(new Error('something else'), file)).toBeUndefined();
    expect(explainLedgerFailure(sqlite('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'), file)).toBeUndefined();
  });

  it('without a backup, says to keep the file and how it may be recovered', () => {
    const lone = join(mkdtempSync(join(tmpdir(), 'ledger-failures-')), 'ledger.sqlite');
    expect(explainLedgerFailure(sqlite('SQLITE_CORRUPT', 'malformed'), lone)?.message).toMatch(/There is no backup in .*backups: keep this file as it is \(do not delete it\)/);
  });
});

describe('at the hosts\' boundary', () => {
  it('toIpcError explains a SQLite failure on the ledger the request ran on; the unexpected message promises nothing', () => {
    const e = toIpcError(sqlite('SQLITE_READONLY', 'attempt to write a readonly database'), file);
    expect(e.code).toBe('LEDGER_READ_ONLY');
    expect(e.details).toMatchObject({ file });
    expect(toIpcError(new TypeError('x is undefined'), file)).toEqual({ code: 'INTERNAL', message: UNEXPECTED_MESSAGE });
    expect(UNEXPECTED_MESSAGE).not.toMatch(/safe/i);
  });
});
