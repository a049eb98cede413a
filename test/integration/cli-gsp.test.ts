/**
 * The GSP road from the command line (issue 12 item 7), scriptable without prompts: a preset
 * profile on the embedded practice IRP's front door, a custom GSP described by a JSON file (with a
 * secret field from EINVOICE_GSP_<KEY>), `profile test`, `register` through them, `--help` listing
 * what each preset's credentials mean; afterwards no secret is anywhere in the data folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { TAXPRO } from '../../electron/irp/gsp/presets-nic-shaped';
import { PUBLISHED } from '../../electron/sandbox/gsp/published';
import { practiceInvoice, SELLER_GSTIN, startPractice, type Practice } from '../support/practice';

let dir: string;
let practice: Practice;

async function run(args: string[], env: NodeJS.ProcessEnv = {}, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  input.end(stdin);
  const code = await runCli([...args, '--data', dir], { out: (t) => out.push(t), err: (t) => err.push(t), stdin: input, env, now: () => new Date() });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const p = join(root, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'einvoice-cli-gsp-'));
  practice = await startPractice();
});
afterAll(async () => {
  await practice.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('einvoice profile add --kind gsp', () => {
  const adq = PUBLISHED.adaequare;
  const password = 'Practice@229';

  it('lists per preset what the four credentials and the fields carry', async () => {
    const help = await run(['profile', 'add', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('adaequare: Adaequare (enriched API)');
    expect(help.out).toMatch(/--client-id\s+gspappid \(issued by Adaequare\)/);
    expect(help.out).toMatch(/client secret \(EINVOICE_CLIENT_SECRET\)\s+X-CT-Auth-Token/);
    expect(help.out).toMatch(/--field email=…\s+MasterGST account e-mail/);
    expect(help.out).toContain('sandbox-co-in: no preset.');
  });

  it('registers through a preset on the practice front door, tests the connection, and keeps no secret on disk', async () => {
    const added = await run(['profile', 'add', 'adq', '--kind', 'gsp', '--gsp', 'adaequare', '--endpoint', 'practice-gsp', '--gstin', SELLER_GSTIN, '--user', 'API_ADQ_practice_ka', '--client-id', adq.clientId]);
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toContain('profile adq saved (gsp adaequare, practice-gsp');
    const env = { EINVOICE_CLIENT_SECRET: adq.clientSecret, EINVOICE_PASSWORD: password };
    const tested = await run(['profile', 'test', 'adq', '--json'], env);
    expect(tested.code).toBe(0);
    const result = JSON.parse(tested.out) as { profile: string; ok: boolean; sentence: string };
    expect(result).toMatchObject({ profile: 'adq', ok: true });
    expect(result.sentence).toMatch(/^Connected through Adaequare \(enriched API\): signed in as API_ADQ_practice_ka and looked up 29ABCDE1234F1ZW/);
    const wrong = await run(['profile', 'test', 'adq'], { ...env, EINVOICE_PASSWORD: 'Wrong@1' });
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/^FAILED: The password of API user "API_ADQ_practice_ka" is wrong \(NIC 1019\)/);
    const file = join(dir, 'adq.json');
    writeFileSync(file, JSON.stringify(practiceInvoice(`CLG/${process.pid % 1000}/1`)));
    const reg = await run(['register', file, '--profile', 'adq', '--json'], env);
    expect(reg.code).toBe(0);
    const [row] = JSON.parse(reg.out) as Array<{ status: string; irn: string }>;
    expect(row?.status).toBe('registered');
    expect(row?.irn).toMatch(/^[0-9a-f]{64}$/);
    for (const f of filesUnder(dir)) {
      const bytes = readFileSync(f);
      expect(bytes.includes(adq.clientSecret), f).toBe(false);
      expect(bytes.includes(password), f).toBe(false);
    }
  });

  it('refuses a secret passed as a field, an unknown preset, and names sandbox-co-in\'s reason', async () => {
    const base = ['profile', 'add', 'x', '--kind', 'gsp', '--endpoint', 'https://gsp.example.in', '--gstin', SELLER_GSTIN, '--user', 'u', '--client-id', 'c'];
    expect((await run([...base, '--gsp', 'vayana-eas', '--field', 'org-id=1', '--field', 'pin=4'])).err).toContain('Vayana Enriched API Service (EAS) has no field "pin"');
    expect((await run([...base, '--gsp', 'sandbox-co-in'])).err).toContain('Sandbox.co.in has no preset: its generate and cancel paths were not published');
    expect((await run([...base, '--gsp', 'mastergst', '--field', 'email=a@b.in'])).err).toContain('MasterGST / WhiteBooks needs Your public IP address (--field ip-address=…)');
    expect((await run([...base, '--gsp', 'adaequare', '--endpoint', 'http://gsp.example.in'])).err).toContain('only a practice IRP on this computer');
  });

  it('registers through a custom GSP described by a JSON file, its secret field coming from EINVOICE_GSP_<KEY>', async () => {
    // TaxPro's API written as a user would write it, the ASP password as a declared secret field
    const custom = {
      ...TAXPRO, id: 'my-gsp', name: 'My GSP', environments: {},
      credentials: { ...TAXPRO.credentials, clientSecret: null },
      fields: [{ key: 'asp-password', label: 'ASP password', secret: true, required: true }],
      auth: { ...TAXPRO.auth, headers: { ...(TAXPRO.auth as { headers: Record<string, string> }).headers, password: '{secret.asp-password}' } },
      headers: { ...TAXPRO.headers, password: '{secret.asp-password}' },
    };
    const file = join(dir, 'my-gsp.json');
    writeFileSync(file, JSON.stringify(custom));
    const endpoint = `${practice.irp.url}/gsp/taxpro`;
    const added = await run(['profile', 'add', 'mine', '--kind', 'gsp', '--gsp-config', file, '--endpoint', endpoint, '--gstin', SELLER_GSTIN, '--user', 'API_TXP_practice_ka', '--client-id', PUBLISHED.taxpro.clientId]);
    expect(added.code).toBe(0);
    expect(added.out).toContain('gsp custom');
    const env = { EINVOICE_GSP_ASP_PASSWORD: PUBLISHED.taxpro.clientSecret, EINVOICE_PASSWORD: password };
    const missing = await run(['profile', 'test', 'mine'], { EINVOICE_PASSWORD: password });
    expect(missing.out).toContain('lacks ASP password (EINVOICE_GSP_ASP_PASSWORD or the keychain)');
    expect((await run(['profile', 'test', 'mine'], env)).code).toBe(0);
    const inv = join(dir, 'mine.json');
    writeFileSync(inv, JSON.stringify(practiceInvoice(`CLG/${process.pid % 1000}/2`)));
    const reg = await run(['register', inv, '--profile', 'mine', '--json'], env);
    expect((JSON.parse(reg.out) as Array<{ status: string }>)[0]?.status).toBe('registered');
    // a fixed secret in the description itself is refused: it would sit in the ledger
    writeFileSync(file, JSON.stringify({ ...custom, headers: { ...custom.headers, password: 'hunter2-fixed' } }));
    const refused = await run(['profile', 'add', 'mine2', '--kind', 'gsp', '--gsp-config', file, '--endpoint', endpoint, '--gstin', SELLER_GSTIN, '--user', 'u', '--client-id', 'c']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('sets "password" to a fixed value: a secret belongs in the keychain');
  });

  it('adds a portal profile that needs no secrets, and says what to do instead of registering', async () => {
    expect((await run(['profile', 'add', 'upload', '--kind', 'portal', '--gstin', SELLER_GSTIN])).code).toBe(0);
    expect((await run(['credentials', 'status', 'upload'])).out).toContain('this profile needs no secrets');
    const file = join(dir, 'portal.json');
    writeFileSync(file, JSON.stringify(practiceInvoice('PRT/1')));
    const reg = await run(['register', file, '--profile', 'upload', '--json']);
    const [row] = JSON.parse(reg.out) as Array<{ status: string; errors: Array<{ code: string; message: string }> }>;
    expect(row?.errors[0]?.code).toBe('NOT_SUPPORTED');
    expect(row?.errors[0]?.message).toContain('use Prepare portal upload');
    expect((await run(['profile', 'test', 'upload'])).out).toContain('ok: This business uploads files on the e-invoice portal');
  });
});
