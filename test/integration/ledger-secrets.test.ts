/**
 * The Secret test, SQLite side: secrets handed to the ledger through every door that takes free
 * data (journal details, outbox errors, invoice errors, profile headers) never reach the database
 * file or its write-ahead log.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../electron/ledger';

let dir: string;
let file: string;
let ledger: Ledger;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-secret-'));
  file = join(dir, 'ledger.sqlite');
  ledger = openLedger(file);
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

const unique = (label: string) => `${label}${randomBytes(9).toString('hex')}`;
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

function fileBytes(): { name: string; bytes: Buffer }[] {
  return ['', '-wal'].filter((s) => existsSync(file + s)).map((s) => ({ name: `ledger.sqlite${s}`, bytes: readFileSync(file + s) }));
}

describe('no secret reaches the SQLite files', () => {
  it('journal, outbox and invoice errors, and refused profile headers leave no password, client secret, AppKey, SEK or token in the file or the WAL', () => {
    const secrets = {
      password: unique('Pwd!'),
      clientSecret: unique('cs_'),
      appKey: unique('appkey'),
      sek: unique('sek'),
      authToken: unique('tok'),
      bearerJwt: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: unique('sub') })}.${unique('sig')}`,
    };
    const business = ledger.businesses.create({ gstin: '29AAGCB1286Q000', legalName: 'Bharat Tools', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' });

    ledger.journal.append({
      kind: 'auth.ok',
      outcome: 'ok',
      details: {
        request: { UserName: 'bharat_api', Password: secrets.password, AppKey: secrets.appKey, ForceRefreshAccessToken: true },
        headers: { client_id: 'AAGCB29TXPXXXX', client_secret: secrets.clientSecret, authtoken: secrets.authToken },
        response: { AuthToken: secrets.authToken, Sek: secrets.sek, TokenExpiry: '2026-03-10 18:00:00' },
        raw: `POST /eivital/v1.04/auth Authorization: Bearer ${secrets.bearerJwt}`,
      },
    });
    ledger.journal.append({ kind: 'auth.failed', outcome: 'error', details: { error: new Error(`401 for token ${secrets.bearerJwt}`) } });

    const inv = ledger.invoices.saveDraft({ businessId: business.id, docType: 'INV', docNo: 'S-1', docDate: '2026-03-09', totalPaise: 100, draft: {} });
    const item = ledger.outbox.startInFlight({ invoiceId: inv.id, op: 'register', payload: { Version: '1.1' } });
    ledger.outbox.reschedule(item.id, { errors: [{ code: '1005', message: `Invalid Token ${secrets.bearerJwt}`, path: 'header.authtoken' }] });
    const again = ledger.outbox.claimDue({ limit: 1 })[0] ?? ledger.outbox.startInFlight({ invoiceId: inv.id, op: 'register', payload: { Version: '1.1' } });
    ledger.outbox.fail(again.id, [{ code: 'X', message: `Bearer ${secrets.authToken}` }]);

    expect(() =>
      ledger.profiles.save({ name: 'gsp', kind: 'gsp', baseUrl: 'https://gsp.example', gstin: '29AAGCB1286Q000', clientId: 'c', userName: 'u', extraHeaders: { 'x-gsp-secret': secrets.clientSecret } }),
    ).toThrow(expect.objectContaining({ code: 'LEDGER_SECRET_REFUSED' }) as Error);
    expect(() => ledger.outbox.enqueue({ invoiceId: inv.id, op: 'register', payload: { AppKey: secrets.appKey } })).toThrow(expect.objectContaining({ code: 'LEDGER_SECRET_REFUSED' }) as Error);

    // The rows are there (so the test looks at real data), only the secrets are not.
    expect(ledger.journal.verifyChain()).toEqual({ ok: true, count: 6 });
    const files = fileBytes();
    expect(files.map((f) => f.name)).toEqual(['ledger.sqlite', 'ledger.sqlite-wal']);
    expect(files[1]!.bytes.includes(Buffer.from('bharat_api'))).toBe(true);
    for (const f of files) {
      for (const [name, secret] of Object.entries(secrets)) {
        expect(f.bytes.includes(Buffer.from(secret)), `${name} found in ${f.name}`).toBe(false);
      }
    }
    // And after a checkpoint folds the WAL into the main file.
    ledger.close();
    const main = readFileSync(file);
    expect(main.includes(Buffer.from('bharat_api'))).toBe(true);
    for (const [name, secret] of Object.entries(secrets)) expect(main.includes(Buffer.from(secret)), `${name} in main file`).toBe(false);
    ledger = openLedger(file);
  });
});
