/**
 * No secret of a non-practice profile in any trace, CLI output, ledger, journal or report (issue 15).
 * A "NIC sandbox" profile reaches the practice IRP through an HTTPS proxy on 127.0.0.1 (a NIC
 * profile must be https); the proxy records the real traffic, so the test knows every secret that
 * crossed the wire (client secret, password, AppKey, the RSA blob and its Base64 text, AuthToken,
 * Sek, SEK) and greps every output for each, in every encoding a trace uses.
 */
import { createDecipheriv } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppCore, type AppCore } from '../../electron/app/app-core';
import { dispatch, HANDLERS, type HandlerContext } from '../../electron/app/handlers';
import { runCli } from '../../electron/cli/main';
import { fetchPracticeKeys } from '../../electron/irp';
import { startPracticeIrp, type PracticeIrp } from '../../electron/sandbox';
import { MemorySecretStore } from '../../electron/vault';
import { PRACTICE_ACCOUNTS } from '../../electron/sandbox/accounts';
import type { Channel, Req } from '../../shared/ipc/contract';
import { rsaPair, selfSignedPem } from '../support/certs';

const APPKEY = Buffer.from(Array.from({ length: 32 }, (_, i) => 0xa0 + i));
// not practice_ka, the catalogue's user: the practice catalogue shows its own published credentials by design
const account = PRACTICE_ACCOUNTS.find((a) => a.userName === 'practice_mh')!;

function selfSignedFor127(): { key: string; cert: string } {
  const pair = rsaPair();
  return { key: pair.privateKey, cert: selfSignedPem(pair, { commonName: '127.0.0.1', ip: '127.0.0.1' }) };
}

interface Captured { path: string; request: string; response: string }

let irp: PracticeIrp;
let proxy: https.Server;
let core: AppCore;
let ctx: HandlerContext;
let data: string;
const captured: Captured[] = [];
const outputs: string[] = [];
const tlsBefore = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

async function call<C extends Channel>(channel: C, req: Req<C>): Promise<unknown> {
  const r = await dispatch(HANDLERS, channel, req, ctx);
  outputs.push(JSON.stringify(r));
  return r;
}

beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'einvoice-pg-secrets-'));
  irp = await startPracticeIrp({ dataDir: join(data, 'nic-irp'), port: 0 });
  const target = new URL(irp.url);
  proxy = https.createServer(selfSignedFor127(), (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const fwd = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (up) => {
        const back: Buffer[] = [];
        up.on('data', (c: Buffer) => back.push(c));
        up.on('end', () => {
          const answer = Buffer.concat(back);
          captured.push({ path: req.url ?? '', request: body.toString('utf8'), response: answer.toString('utf8') });
          res.writeHead(up.statusCode ?? 502, { 'content-type': up.headers['content-type'] ?? 'application/json' }).end(answer);
        });
      });
      fwd.end(body);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  // the proxy's certificate is self-signed; the client trusts it only for this test
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  const env = { EINVOICE_CLIENT_SECRET: account.clientSecret, EINVOICE_PASSWORD: account.password };
  core = await openAppCore({ dataDir: data, env, vault: new MemorySecretStore() });
  const keys = await fetchPracticeKeys(irp.url);
  const base = { gstin: account.gstin, clientId: account.clientId, userName: account.userName, encryptionKeyPem: keys.encryptionPublicKeyPem, signingCertPem: keys.signingCertificatePem };
  core.ledger.profiles.save({ ...base, name: 'nic', kind: 'nic-sandbox', baseUrl: `https://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
  core.ledger.profiles.save({ ...base, name: 'prod', kind: 'nic-production', baseUrl: `https://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
  ctx = { core, practice: false, version: 'test', emit: () => undefined };
}, 60_000);

afterAll(async () => {
  if (tlsBefore === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tlsBefore;
  await core.close();
  await new Promise<void>((r) => proxy.close(() => r()));
  await irp.close();
});

describe('a NIC sandbox profile: traces withhold every secret', () => {
  it('traces auth, generate, get and cancel through the channel, the secrets masked and the rest shown', async () => {
    const auth = (await call('playground:trace', { profileName: 'nic', operation: 'auth', appKey: APPKEY.toString('base64') })) as { ok: boolean; value: { revealed: boolean; outcome: { ok: boolean }; steps: Array<{ id: string; values: Array<{ label: string; value: string; masked?: boolean; note?: string }> }> } };
    expect(auth.ok).toBe(true);
    expect(auth.value).toMatchObject({ revealed: false, outcome: { ok: true } });
    const byId = (id: string) => auth.value.steps.find((s) => s.id.endsWith(`-${id}`))!;
    expect(byId('appkey').values[0]).toMatchObject({ masked: true, value: '', note: expect.stringContaining('32 bytes') as unknown });
    expect(byId('sek').values.filter((v) => v.masked).map((v) => v.label)).toEqual(['Sek as received', 'SEK decrypted with the AppKey', 'AuthToken']);
    expect(JSON.parse(byId('auth-json').values[0]!.value)).toEqual({ UserName: 'practice_mh', Password: '[masked]', AppKey: '[masked]', ForceRefreshAccessToken: false });
    expect(JSON.parse(byId('auth-request').values.find((v) => v.label === 'Headers')!.value)).toMatchObject({ client_id: account.clientId, client_secret: '[masked]', Gstin: account.gstin });

    const sample = (await call('playground:sample', { profileName: 'nic' })) as { value: { invoiceJson: string } };
    const gen = (await call('playground:trace', { profileName: 'nic', operation: 'generate', invoiceJson: sample.value.invoiceJson })) as { value: { outcome: { ok: boolean; irn: string } } };
    expect(gen.value.outcome.ok).toBe(true);
    const irn = gen.value.outcome.irn;
    expect(((await call('playground:trace', { profileName: 'nic', operation: 'get', irn })) as { value: { outcome: { ok: boolean } } }).value.outcome.ok).toBe(true);
    expect(((await call('playground:trace', { profileName: 'nic', operation: 'cancel', irn })) as { value: { outcome: { ok: boolean } } }).value.outcome.ok).toBe(true);
  }, 60_000);

  it('a production profile traces auth (masked) and refuses generate and cancel, which would bypass the ledger', async () => {
    const auth = (await call('playground:trace', { profileName: 'prod', operation: 'auth' })) as { ok: boolean; value: { revealed: boolean } };
    expect(auth).toMatchObject({ ok: true, value: { revealed: false } });
    const refused = (await call('playground:trace', { profileName: 'prod', operation: 'generate', invoiceJson: '{"Version":"1.1"}' })) as { ok: boolean; error: { code: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: 'TRACE_LIVE_REFUSED' } });
  });

  it('the CLI\'s trace output, text and --json, withholds them too', async () => {
    const env = { EINVOICE_CLIENT_SECRET: account.clientSecret, EINVOICE_PASSWORD: account.password };
    for (const args of [['trace', 'auth', '--profile', 'nic', '--json'], ['trace', 'auth', '--profile', 'nic', '--hex'], ['trace', 'get', 'f'.repeat(64), '--profile', 'nic']]) {
      const out: string[] = [];
      await runCli([...args, '--data', data], { out: (s) => out.push(s), err: (s) => out.push(s), stdin: new PassThrough(), env, now: () => new Date() });
      outputs.push(out.join('\n'));
    }
    expect(outputs.at(-3)).toContain('"revealed":false');
    expect(outputs.at(-2)).toContain('[masked]');
  }, 60_000);

  it('no secret that crossed the wire appears in any output, the ledger, the journal or a report', async () => {
    const run = (await call('playground:run', { ids: ['auth-ok'] })) as { value: { runId: string } };
    for (const format of ['pdf', 'xlsx'] as const) {
      const r = (await dispatch(HANDLERS, 'playground:report', { runId: run.value.runId, format }, ctx)) as { ok: true; value: { base64: string } };
      outputs.push(Buffer.from(r.value.base64, 'base64').toString('latin1'));
    }
    outputs.push(JSON.stringify(await dispatch(HANDLERS, 'activity:list', { limit: 1000 }, ctx)));
    for (const f of readdirSync(data).filter((x) => x.startsWith('ledger.sqlite'))) outputs.push(readFileSync(join(data, f)).toString('latin1'));

    const auths = captured.filter((c) => c.path === '/eivital/v1.04/auth');
    expect(auths.length).toBeGreaterThanOrEqual(5);
    const answers = auths.map((a) => JSON.parse(a.response) as { Data: { AuthToken: string; Sek: string } });
    // a repeated sign-in returns the same token and SEK (§2.4): the SEK opened with the known AppKey is every trace's SEK
    const tokens = new Set(answers.map((a) => a.Data.AuthToken));
    const first = answers[0]!.Data.Sek;
    const d = createDecipheriv('aes-256-ecb', APPKEY, null);
    const sek = Buffer.concat([d.update(Buffer.from(first, 'base64')), d.final()]);
    expect(sek).toHaveLength(32);
    const authJson = JSON.stringify({ UserName: account.userName, Password: account.password, AppKey: APPKEY.toString('base64'), ForceRefreshAccessToken: false });
    const secrets: Array<[string, string]> = [
      ['client secret', account.clientSecret], ['password', account.password],
      ['AppKey (Base64)', APPKEY.toString('base64')], ['AppKey (hex)', APPKEY.toString('hex')], ['AppKey (HEX)', APPKEY.toString('hex').toUpperCase()],
      ['auth JSON Base64 text', Buffer.from(authJson).toString('base64')],
      ['SEK (Base64)', sek.toString('base64')], ['SEK (hex)', sek.toString('hex')],
      ...[...tokens].map((t): [string, string] => ['AuthToken', t]),
      ...answers.map((a): [string, string] => ['Sek field', a.Data.Sek]),
      ...auths.map((a): [string, string] => ['RSA blob', (JSON.parse(a.request) as { Data: string }).Data]),
    ];
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(10_000);
    for (const [what, s] of secrets) expect(outputs.findIndex((o) => o.includes(s)), `${what} leaked`).toBe(-1);
    // and the test can see a leak: the generate trace's encrypted payload is public and is in the output
    const generate = captured.find((c) => c.path === '/eicore/v1.03/Invoice')!;
    expect(all).toContain((JSON.parse(generate.request) as { Data: string }).Data);
  }, 60_000);
});
