/**
 * A minimal NIC e-invoice API client for tests of the practice IRP, written from
 * irp-protocol.md §2-§3 with Node's crypto only (no project client code): v1.04/v1.03 auth with
 * RSA PKCS#1 v1.5 *encryption* (Node still allows it with the public key), AES-ECB/PKCS#7 for the
 * SEK and payloads, raw HTTP with NIC's header names. The harness at the end starts a practice IRP
 * in a temp directory (the only place this file touches the simulator's code).
 */
import { constants, createCipheriv, createDecipheriv, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPracticeIrp, type PracticeIrp, type PracticeIrpOptions } from '../../electron/sandbox/index';

export interface TestAccount {
  gstin: string;
  clientId: string;
  clientSecret: string;
  userName: string;
  password: string;
  legalName: string;
  stateCode: string;
}

export interface NicError {
  ErrorCode: string;
  ErrorMessage: string;
}

export interface Envelope {
  Status: number;
  Data: unknown;
  ErrorDetails: NicError[] | null;
  InfoDtls: Array<{ InfCd: string; Desc: unknown }> | null;
}

export interface CallResult<T = Record<string, unknown>> {
  httpStatus: number;
  /** Raw body text (non-JSON on gateway errors). */
  text: string;
  env?: Envelope;
  /** Decrypted and parsed Data on success. */
  data?: T;
  /** Decrypted Data text, exactly as sent. */
  dataText?: string;
  codes: string[];
}

function ecb(key: Buffer): string {
  return `aes-${key.length * 8}-ecb`;
}

export function aesEncrypt(key: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv(ecb(key), key, null);
  return Buffer.concat([c.update(plain), c.final()]);
}

export function aesDecrypt(key: Buffer, data: Buffer): Buffer {
  const d = createDecipheriv(ecb(key), key, null);
  return Buffer.concat([d.update(data), d.final()]);
}

export function rsaEncrypt(publicKeyPem: string, data: Buffer): Buffer {
  return publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, data);
}

export type HeaderStyle = 'underscore' | 'hyphen' | 'upper';

export interface AuthOptions {
  force?: boolean;
  version?: '1.03' | '1.04';
  appKey?: Buffer;
  userName?: string;
  password?: string;
  /** Header overrides (undefined removes a header). */
  headers?: Record<string, string | undefined>;
  /** Replace the whole encrypted Data (to test decryption failures). */
  rawData?: string;
}

export class NicTestClient {
  token: string | undefined;
  sek: Buffer | undefined;
  tokenExpiry: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly account: TestAccount,
    readonly publicKeyPem: string,
    readonly style: HeaderStyle = 'underscore',
  ) {}

  private name(n: 'client_id' | 'client_secret' | 'gstin' | 'user_name' | 'authtoken'): string {
    const spelled = { client_id: 'client_id', client_secret: 'client_secret', gstin: 'Gstin', user_name: 'user_name', authtoken: 'AuthToken' }[n];
    if (this.style === 'hyphen') return spelled.replace('_', '-').toLowerCase();
    if (this.style === 'upper') return spelled.toUpperCase();
    return spelled;
  }

  clientHeaders(): Record<string, string> {
    return {
      [this.name('client_id')]: this.account.clientId,
      [this.name('client_secret')]: this.account.clientSecret,
      [this.name('gstin')]: this.account.gstin,
    };
  }

  sessionHeaders(): Record<string, string> {
    return { ...this.clientHeaders(), [this.name('user_name')]: this.account.userName, [this.name('authtoken')]: this.token ?? '' };
  }

  async auth(opts: AuthOptions = {}): Promise<CallResult> {
    const appKey = opts.appKey ?? randomBytes(32);
    const userName = opts.userName ?? this.account.userName;
    const password = opts.password ?? this.account.password;
    let body: unknown;
    if (opts.version === '1.03') {
      body = {
        data: {
          UserName: userName,
          Password: rsaEncrypt(this.publicKeyPem, Buffer.from(password, 'utf8')).toString('base64'),
          AppKey: rsaEncrypt(this.publicKeyPem, appKey).toString('base64'),
          ForceRefreshAccessToken: opts.force ?? false,
        },
      };
    } else {
      const json = JSON.stringify({ UserName: userName, Password: password, AppKey: appKey.toString('base64'), ForceRefreshAccessToken: opts.force ?? false });
      const b64 = Buffer.from(json, 'utf8').toString('base64');
      body = { Data: opts.rawData ?? rsaEncrypt(this.publicKeyPem, Buffer.from(b64, 'ascii')).toString('base64') };
    }
    const headers = { ...this.clientHeaders(), ...opts.headers };
    const res = await this.send('POST', `/eivital/v${opts.version ?? '1.04'}/auth`, headers, JSON.stringify(body));
    if (res.env?.Status === 1) {
      const d = res.env.Data as { AuthToken: string; Sek: string; TokenExpiry: string };
      this.token = d.AuthToken;
      this.sek = aesDecrypt(appKey, Buffer.from(d.Sek, 'base64'));
      this.tokenExpiry = d.TokenExpiry;
      res.data = d;
    }
    return res;
  }

  encrypt(plain: string): string {
    if (!this.sek) throw new Error('authenticate first');
    return aesEncrypt(this.sek, Buffer.from(plain, 'utf8')).toString('base64');
  }

  /** POST {"Data": enc(json)} with the session headers. */
  async post<T = Record<string, unknown>>(path: string, json: string | object, extra: Record<string, string | undefined> = {}): Promise<CallResult<T>> {
    const text = typeof json === 'string' ? json : JSON.stringify(json);
    return this.send<T>('POST', path, { ...this.sessionHeaders(), ...extra }, JSON.stringify({ Data: this.encrypt(text) }));
  }

  async get<T = Record<string, unknown>>(path: string, extra: Record<string, string | undefined> = {}): Promise<CallResult<T>> {
    return this.send<T>('GET', path, { ...this.sessionHeaders(), ...extra });
  }

  generate(invoice: string | object) {
    return this.post('/eicore/v1.03/Invoice', invoice);
  }

  cancel(irn: string, reason = '2', remark = 'Data entry mistake') {
    return this.post('/eicore/v1.03/Invoice/Cancel', { Irn: irn, CnlRsn: reason, CnlRem: remark });
  }

  async send<T = Record<string, unknown>>(method: string, path: string, headers: Record<string, string | undefined>, body?: string): Promise<CallResult<T>> {
    const h: Record<string, string> = { 'Content-Type': 'application/json' };
    for (const [k, v] of Object.entries(headers)) if (v !== undefined) h[k] = v;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: h, body });
    const text = await res.text();
    const out: CallResult<T> = { httpStatus: res.status, text, codes: [] };
    try {
      out.env = JSON.parse(text) as Envelope;
    } catch {
      return out;
    }
    out.codes = (out.env.ErrorDetails ?? []).map((e) => e.ErrorCode);
    if (out.env.Status === 1 && typeof out.env.Data === 'string' && this.sek) {
      out.dataText = aesDecrypt(this.sek, Buffer.from(out.env.Data, 'base64')).toString('utf8');
      out.data = JSON.parse(out.dataText) as T;
    }
    return out;
  }
}

/** The practice admin API (plain JSON). */
export async function admin<T = unknown>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/sandbox/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const value = (await res.json()) as T;
  if (!res.ok) throw new Error(`admin ${method} ${path}: HTTP ${res.status} ${JSON.stringify(value)}`);
  return value;
}

export interface Party {
  gstin: string;
  name: string;
  stateCode: string;
  pin: number;
  loc: string;
}

export const MUMBAI_PIN = 400001;

/** A valid INV-01 goods invoice with `lines` lines (inter-state IGST 18% unless same state). */
export function sampleInvoice(seller: Party, buyer: Party, docNo: string, docDate: string, lines = 1): Record<string, unknown> {
  const intra = seller.stateCode === buyer.stateCode;
  const items = Array.from({ length: lines }, (_, i) => ({
    SlNo: String(i + 1),
    PrdDesc: `Practice item ${i + 1}`,
    IsServc: 'N',
    HsnCd: '61149090',
    Qty: 10,
    Unit: 'NOS',
    UnitPrice: 100,
    TotAmt: 1000,
    Discount: 0,
    AssAmt: 1000,
    GstRt: 18,
    IgstAmt: intra ? 0 : 180,
    CgstAmt: intra ? 90 : 0,
    SgstAmt: intra ? 90 : 0,
    TotItemVal: 1180,
  }));
  return {
    Version: '1.1',
    TranDtls: { TaxSch: 'GST', SupTyp: 'B2B', RegRev: 'N' },
    DocDtls: { Typ: 'INV', No: docNo, Dt: docDate },
    SellerDtls: { Gstin: seller.gstin, LglNm: seller.name, Addr1: '12 Station Road', Loc: seller.loc, Pin: seller.pin, Stcd: seller.stateCode },
    BuyerDtls: { Gstin: buyer.gstin, LglNm: buyer.name, Pos: buyer.stateCode, Addr1: '7 Market Street', Loc: buyer.loc, Pin: buyer.pin, Stcd: buyer.stateCode },
    ItemList: items,
    ValDtls: {
      AssVal: 1000 * lines,
      CgstVal: intra ? 90 * lines : 0,
      SgstVal: intra ? 90 * lines : 0,
      IgstVal: intra ? 0 : 180 * lines,
      TotInvVal: 1180 * lines,
    },
  };
}

/** Today's date in IST as dd/mm/yyyy for an instant. */
export function istDocDate(instant: Date): string {
  const s = new Date(instant.getTime() + 330 * 60_000);
  return `${String(s.getUTCDate()).padStart(2, '0')}/${String(s.getUTCMonth() + 1).padStart(2, '0')}/${s.getUTCFullYear()}`;
}

/** A practice IRP in a temp directory with its keys and accounts, for integration tests. */
export interface Harness {
  irp: PracticeIrp;
  url: string;
  dir: string;
  keys: { encryptionPublicKeyPem: string; signingCertificatePem: string };
  accounts: TestAccount[];
  account(gstin: string): TestAccount;
  /** A client for `gstin`, already authenticated. */
  client(gstin: string, style?: HeaderStyle): Promise<NicTestClient>;
  /** The simulator's IST date as dd/mm/yyyy. */
  today(): Promise<string>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The fixed instant the harness sets the practice clock to (IST mid-morning, a weekday). */
export const HARNESS_START = '2026-05-15T10:00:00+05:30';

export async function startHarness(options: Partial<PracticeIrpOptions> = {}, dir = mkdtempSync(join(tmpdir(), 'practice-irp-'))): Promise<Harness> {
  let irp = await startPracticeIrp({ dataDir: dir, ...options });
  const h: Harness = {
    irp,
    url: irp.url,
    dir,
    keys: await admin(irp.url, 'GET', 'keys'),
    accounts: await admin(irp.url, 'GET', 'accounts'),
    account(gstin) {
      const a = h.accounts.find((x) => x.gstin === gstin);
      if (!a) throw new Error(`no practice account for ${gstin}`);
      return a;
    },
    async client(gstin, style = 'underscore') {
      const c = new NicTestClient(h.url, h.account(gstin), h.keys.encryptionPublicKeyPem, style);
      const r = await c.auth();
      if (r.env?.Status !== 1) throw new Error(`auth failed for ${gstin}: ${r.text}`);
      return c;
    },
    async today() {
      return istDocDate(new Date((await admin<{ now: string }>(h.url, 'GET', 'clock')).now));
    },
    async restart() {
      await irp.close();
      // Let the client's pooled keep-alive sockets see the server's FIN before the next request.
      await new Promise((r) => setTimeout(r, 50));
      irp = await startPracticeIrp({ dataDir: dir, ...options, port: irp.port });
      h.irp = irp;
      h.url = irp.url;
    },
    async close() {
      await irp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await admin(irp.url, 'POST', 'clock', { set: HARNESS_START });
  return h;
}
