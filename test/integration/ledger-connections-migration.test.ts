/**
 * Migration "connections" (issue 12): the profiles table is rebuilt to allow the portal kind and
 * carry connection_json, and no business loses the profile it was linked to on the way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, userVersion } from '../../electron/ledger/connection';
import { openLedger } from '../../electron/ledger';
import { MIGRATIONS } from '../../electron/ledger/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-conn-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps every profile and every business link, then accepts portal profiles with connection settings', () => {
  const index = MIGRATIONS.findIndex((m) => m.name === 'connections');
  expect(index).toBeGreaterThan(0);
  const file = join(dir, 'ledger.sqlite');
  const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, index) });
  old.prepare(`INSERT INTO profiles (name, kind, base_url, gstin, client_id, user_name, extra_headers_json, created_at, updated_at)
    VALUES ('gsp-old', 'gsp', 'https://gsp.example.in', '29ABCDE1234F1ZW', 'c', 'u', '{"X-Route":"e"}', 'n', 'n')`).run();
  old.prepare(`INSERT INTO businesses (gstin, legal_name, address1, location, pin, state_code, profile_name, created_at, updated_at)
    VALUES ('29ABCDE1234F1ZW', 'Sharma Traders', '12 MG Road', 'Bengaluru', 560001, '29', 'gsp-old', 'n', 'n')`).run();
  expect(() => old.prepare(`INSERT INTO profiles (name, kind, base_url, gstin, client_id, user_name, created_at, updated_at) VALUES ('p', 'portal', 'https://einvoice1.gst.gov.in', '29ABCDE1234F1ZW', '', '', 'n', 'n')`).run()).toThrow(/CHECK constraint/);
  old.close();

  const ledger = openLedger(file);
  expect(userVersion(ledger.db)).toBe(MIGRATIONS.length);
  expect(ledger.businesses.getByGstin('29ABCDE1234F1ZW')?.profileName).toBe('gsp-old');
  expect(ledger.profiles.get('gsp-old')).toMatchObject({ kind: 'gsp', extraHeaders: { 'X-Route': 'e' }, connection: {} });
  const portal = ledger.profiles.save({ name: 'upload', kind: 'portal', baseUrl: 'https://einvoice1.gst.gov.in', gstin: '27AADCP1234M1ZD', clientId: '', userName: '' });
  expect(portal.kind).toBe('portal');
  const gsp = ledger.profiles.save({ name: 'gsp-old', kind: 'gsp', baseUrl: 'https://gsp.example.in', gstin: '29ABCDE1234F1ZW', clientId: 'c', userName: 'u', connection: { gsp: { preset: 'adaequare', fields: {} } } });
  expect(gsp.connection).toEqual({ gsp: { preset: 'adaequare', fields: {} } });
  // a token in the settings is refused: they are stored in clear
  expect(() => ledger.profiles.save({ ...gsp, connection: { gsp: { preset: 'x', fields: { note: 'Bearer abcdefghijklmnopqrstu' } } } })).toThrow(/looks like a token/);
  expect(ledger.db.pragma('foreign_key_check')).toEqual([]);
  ledger.close();
});
