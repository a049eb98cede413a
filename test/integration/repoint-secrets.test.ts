/**
 * Credentials are bound to their endpoint (issue 16 item 1): a profile repointed through any API
 * path (the UI contract's handlers, the browser host over HTTP, the CLI) at an endpoint that
 * records every header and body (and decrypts what is RSA-encrypted for it) never receives a
 * secret stored for the old endpoint. Each repoint needs an explicit yes when secrets are stored,
 * and removes them. As a control, secrets entered for the new endpoint do reach it: the recorder
 * would catch a leak.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppCore } from '../../electron/app/app-core';
import { bindingOf, boundAccount, writeBound } from '../../electron/app/credential-binding';
import { runCli } from '../../electron/cli/main';
import { launchBrowserHost, type Launched } from '../../electron/host/launch';
import { MemorySecretStore, openSecretStore } from '../../electron/vault';
import { draft, goodsLine } from '../support/invoices';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness';
import { PRACTICE_BUYER, practiceInvoice, SELLER_GSTIN, todayDocDate } from '../support/practice';
import { startRecordingEndpoint, type RecordingEndpoint } from '../support/recording-endpoint';

const unique = (what: string) => `${what}-${randomUUID()}`;

let fake: RecordingEndpoint;
beforeAll(async () => {
  fake = await startRecordingEndpoint();
});
afterAll(async () => {
  await fake.close();
});

describe('through the UI contract (handler table)', () => {
  let h: HandlerHarness;
  beforeAll(async () => {
    h = await openHandlerHarness('einvoice-repoint-');
  });
  afterAll(async () => {
    await h.close();
  });

  it('asks before a practice profile is pointed elsewhere, removes its secrets, and sends the new endpoint none of them', async () => {
    const secret = unique('client-secret');
    const password = unique('Pw');
    await h.call('credentials:set', { profileName: 'practice', clientSecret: secret, password });
    const before = h.core.ledger.profiles.get('practice')!;
    const fields = { name: 'practice', kind: 'practice' as const, baseUrl: fake.url, gstin: before.gstin, clientId: before.clientId, userName: before.userName };

    const asked = await h.refused('profiles:save', fields);
    expect(asked.code).toBe('CONFIRM_CREDENTIAL_REMOVAL');
    expect(asked.message).toBe('Changing the address removes the saved password and client secret for profile "practice"; you will be asked for them again.');
    expect(h.core.ledger.profiles.get('practice')!.baseUrl).toBe(before.baseUrl);
    expect(await h.core.vault.get(boundAccount('practice', bindingOf(before), 'password'))).toBe(password);

    const saved = await h.call('profiles:save', { ...fields, confirmCredentialRemoval: true });
    expect(saved).toMatchObject({ baseUrl: fake.url, credentialsSet: false, credentialsRemoved: true });
    expect(await h.core.vault.get(boundAccount('practice', bindingOf(before), 'password'))).toBeUndefined();
    expect(await h.core.vault.get(boundAccount('practice', bindingOf(before), 'client-secret'))).toBeUndefined();

    const businessId = (await h.call('businesses:list', {})).businesses[0]!.id;
    const doc = await h.call('invoices:save', { businessId, draft: draft({ docNo: 'RP/0001', docDate: todayDocDate(), buyer: PRACTICE_BUYER, lines: [goodsLine()] }) });
    const { outcomes } = await h.call('invoices:register', { ids: [doc.invoice.id] });
    expect(outcomes[0]!.errors[0]!.code).toBe('CREDENTIALS');
    expect(fake.everything()).not.toContain(secret);
    expect(fake.everything()).not.toContain(password);

    // control: what is entered for the new endpoint does go there, and the recorder sees it
    const fresh = unique('Pw');
    await h.call('credentials:set', { profileName: 'practice', clientSecret: unique('cs'), password: fresh });
    await h.call('invoices:register', { ids: [doc.invoice.id] });
    expect(fake.everything()).toContain(fresh);
    expect(fake.everything()).not.toContain(password);
  });

  it('asks before a GSP profile changes GSP or address, and its GSP key never reaches the new one', async () => {
    await h.call('profiles:save', { name: 'gsp', kind: 'gsp', baseUrl: 'practice-gsp', gstin: SELLER_GSTIN, clientId: 'PRACTICE_ADQ_APPID', userName: 'API_ADQ_practice_ka', gsp: { preset: 'adaequare' } });
    const appSecret = unique('gspappsecret');
    const password = unique('Pw');
    await h.call('credentials:set', { profileName: 'gsp', clientSecret: appSecret, password });
    const base = { name: 'gsp', kind: 'gsp' as const, gstin: SELLER_GSTIN, clientId: 'PRACTICE_ADQ_APPID', userName: 'API_ADQ_practice_ka' };
    // another GSP at the same address is another endpoint for the secrets
    expect((await h.refused('profiles:save', { ...base, baseUrl: 'practice-gsp', gsp: { preset: 'taxpro' } })).message).toMatch(/^Changing the GSP settings removes/);
    expect((await h.refused('profiles:save', { ...base, baseUrl: `${fake.url}/gsp/adaequare`, gsp: { preset: 'adaequare' } })).code).toBe('CONFIRM_CREDENTIAL_REMOVAL');
    // a plain-http address off this computer is refused outright
    expect((await h.refused('profiles:save', { ...base, baseUrl: 'http://192.0.2.10/gsp', gsp: { preset: 'adaequare' }, confirmCredentialRemoval: true })).code).toBe('PROFILE_URL_INSECURE');
    await h.call('profiles:save', { ...base, baseUrl: `${fake.url}/gsp/adaequare`, gsp: { preset: 'adaequare' }, confirmCredentialRemoval: true });
    const test = await h.call('profiles:test', { name: 'gsp' });
    expect(test.ok).toBe(false);
    expect(test.code).toBe('CREDENTIALS');
    expect(fake.everything()).not.toContain(appSecret);
    expect(fake.everything()).not.toContain(password);
  });

  it('asks before new keys go into a production profile, even with nothing stored, and clears what is', async () => {
    await h.call('profiles:save', { name: 'prod', kind: 'nic-production', baseUrl: 'https://api.einvoice1.gst.gov.in', gstin: SELLER_GSTIN, clientId: 'AAACL09TXPMZSZC', userName: 'shop_api' });
    const keys = await (await fetch(`${fake.url}/sandbox/keys`)).json() as { encryptionPublicKeyPem: string; signingCertificatePem: string };
    const first = await h.call('profiles:importKeys', { name: 'prod', encryptionKeyPem: keys.encryptionPublicKeyPem });
    expect(first.production).toBe(true);
    await h.call('credentials:set', { profileName: 'prod', clientSecret: unique('cs'), password: unique('pw') });
    const other = (await import('node:crypto')).generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const asked = await h.refused('profiles:importKeys', { name: 'prod', encryptionKeyPem: other });
    expect(asked.message).toMatch(/^Importing new public keys removes the saved password and client secret/);
    const done = await h.call('profiles:importKeys', { name: 'prod', encryptionKeyPem: other, confirmCredentialRemoval: true });
    expect(done).toMatchObject({ credentialsRemoved: true, credentialsSet: false });
  });
});

describe('through the browser host over HTTP', () => {
  let dir: string;
  let app: Launched;
  const api = (channel: string, body: unknown) =>
    new Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }>((resolve, reject) => {
      const text = JSON.stringify(body);
      const req = request({ host: '127.0.0.1', port: app.host.port, method: 'POST', path: `/api/${channel}`, headers: { host: `127.0.0.1:${app.host.port}`, 'content-type': 'application/json', authorization: `Bearer ${app.host.token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as never));
      });
      req.on('error', reject);
      req.end(text);
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'einvoice-repoint-host-'));
    app = await launchBrowserHost({ dataDir: join(dir, 'data'), staticDir: dir, vault: new MemorySecretStore(), env: {}, retryIntervalMs: 0 });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the repoint without a yes, removes the secrets with one, and the new endpoint gets none', async () => {
    const password = unique('Pw');
    const secret = unique('cs');
    expect((await api('credentials:set', { profileName: 'practice', clientSecret: secret, password })).ok).toBe(true);
    const p = app.core.ledger.profiles.get('practice')!;
    const fields = { name: 'practice', kind: 'practice', baseUrl: fake.url, gstin: p.gstin, clientId: p.clientId, userName: p.userName };
    const asked = await api('profiles:save', fields);
    expect(asked).toMatchObject({ ok: false, error: { code: 'CONFIRM_CREDENTIAL_REMOVAL' } });
    expect(await api('profiles:save', { ...fields, confirmCredentialRemoval: true })).toMatchObject({ ok: true, value: { credentialsRemoved: true, credentialsSet: false } });
    const businessId = app.practice!.businessId;
    const saved = await api('invoices:save', { businessId, draft: draft({ docNo: 'RPH/0001', docDate: todayDocDate(), buyer: PRACTICE_BUYER, lines: [goodsLine()] }) });
    await api('invoices:register', { ids: [(saved.value as { invoice: { id: number } }).invoice.id] });
    expect(fake.everything()).not.toContain(password);
    expect(fake.everything()).not.toContain(secret);
  });
});

describe('through the CLI, with the OS keychain', () => {
  it('says what a repoint would remove, does it only with --yes, and register sends the new endpoint no stored secret', async () => {
    const vault = await openSecretStore();
    if (vault.kind !== 'keychain') {
      // without a Secret Service each CLI run has its own memory vault: nothing to carry over, nothing to test
      expect(vault.warning).toBeTruthy();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'einvoice-repoint-cli-'));
    const core = await openAppCore({ dataDir: dir, env: {}, vault });
    const profile = core.ledger.profiles.save({ name: 'cli-repoint', kind: 'nic-sandbox', baseUrl: 'https://einv-apisandbox.nic.in', gstin: SELLER_GSTIN, clientId: 'AAACL09TXPMZSZC', userName: 'shop_api' });
    const secret = unique('cs');
    const password = unique('Pw');
    await writeBound(vault, profile, 'client-secret', secret);
    await writeBound(vault, profile, 'password', password);
    await core.close();
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([...args, '--data', dir], { out: (t) => out.push(t), err: (t) => err.push(t), stdin: new PassThrough(), env: {}, now: () => new Date() });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const add = ['profile', 'add', 'cli-repoint', '--kind', 'practice', '--endpoint', fake.url, '--gstin', SELLER_GSTIN, '--client-id', 'AAACL09TXPMZSZC', '--user', 'shop_api'];
    const asked = await run(...add);
    expect(asked.code).toBe(1);
    expect(asked.err).toContain('removes the saved password and client secret for profile "cli-repoint"; you will be asked for them again. Nothing was saved; run again with --yes');
    expect(await vault.get(boundAccount('cli-repoint', bindingOf(profile), 'password'))).toBe(password);
    const done = await run(...add, '--yes');
    expect(done.code).toBe(0);
    expect(done.err).toContain('the stored secrets of cli-repoint were removed');
    expect(await vault.get(boundAccount('cli-repoint', bindingOf(profile), 'password'))).toBeUndefined();
    const file = join(dir, 'inv.json');
    writeFileSync(file, JSON.stringify(practiceInvoice('RPC/0001')));
    const reg = await run('register', file, '--profile', 'cli-repoint', '--json');
    expect(reg.out).toContain('"code":"CREDENTIALS"');
    expect(fake.everything()).not.toContain(password);
    expect(fake.everything()).not.toContain(secret);
    rmSync(dir, { recursive: true, force: true });
  });
});
