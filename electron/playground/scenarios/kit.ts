/**
 * What a scenario works with: a practice IRP (URL, keys, published accounts, admin API), IrpClients
 * whose every exchange is recorded (the exact request, the answer, the plain JSON on both sides),
 * raw requests for what the client would never send (no token, missing headers), and valid
 * invoices dated by the IRP's own clock.
 */
import { istDateOf } from '../../../shared/dates';
import type { Invoice } from '../../../shared/einvoice/schema';
import type { Exchange } from '../../../shared/ipc/playground.schema';
import { httpRequest, IrpClient, SessionCache, sessionKey, sharedAgents, type Credentials, type EndpointProfile, type HttpResponse, type IrpTraceEvent } from '../../irp';
import type { PracticeAccount } from '../../sandbox/accounts';
import { sampleInvoice, uniqueDocNo } from '../sample';

/** An e-way bill by road, 100 km (a valid vehicle number format, §12.6). */
export const ROAD = { Distance: 100, TransMode: '1' as const, VehNo: 'KA01AB1234', VehType: 'R' as const };

export interface ClientOptions {
  account?: PracticeAccount;
  /** Overrides of the account's credentials (wrong secret, wrong password). */
  credentials?: Partial<Credentials>;
  /** The Gstin header, when not the account's. */
  gstin?: string;
  encryptionPublicKeyPem?: string;
  /** A session cache of its own, so this client signs in (default: the kit's shared one). */
  fresh?: boolean;
}

export interface RawRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

function headersOf(req: { headers: Record<string, string> }): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
}

export class ScenarioKit {
  exchanges: Exchange[] = [];
  private label = '';
  private readonly sessions: SessionCache;

  constructor(
    readonly url: string,
    readonly keys: { encryptionPublicKeyPem: string; signingCertificatePem: string },
    readonly accounts: PracticeAccount[],
    readonly seller: PracticeAccount,
  ) {
    this.sessions = new SessionCache();
  }

  account(userName: string): PracticeAccount {
    const a = this.accounts.find((x) => x.userName === userName);
    if (!a) throw new Error(`the practice IRP has no API user ${userName}`);
    return a;
  }

  endpoint(encryptionPublicKeyPem = this.keys.encryptionPublicKeyPem): EndpointProfile {
    return { name: 'practice IRP (scenario catalogue)', kind: 'practice', baseUrl: this.url, encryptionPublicKeyPem, signingCertificatePem: this.keys.signingCertificatePem };
  }

  /** Exchanges made inside `fn` are labelled as preparation, not as the scenario's own call. */
  async setup<T>(fn: () => Promise<T>): Promise<T> {
    this.label = 'setup: ';
    try {
      return await fn();
    } finally {
      this.label = '';
    }
  }

  private record(): (e: IrpTraceEvent) => void {
    return (e) => {
      if (e.type === 'auth-request') {
        this.exchanges.push({ label: `${this.label}auth`, request: { method: e.request.method, url: e.request.url.toString(), headers: headersOf(e.request), ...(e.request.body ? { body: e.request.body } : {}), plainBody: e.authJson } });
      } else if (e.type === 'request') {
        this.exchanges.push({
          label: `${this.label}${e.operation}${e.attempt > 0 ? ' (sent again)' : ''}`,
          request: { method: e.request.method, url: e.request.url.toString(), headers: headersOf(e.request), ...(e.request.body ? { body: e.request.body } : {}), ...(e.plainJson ? { plainBody: e.plainJson } : {}) },
        });
      } else if (e.type === 'auth-response' || e.type === 'response') {
        const last = this.exchanges.at(-1);
        if (last) last.response = { status: e.response.status, body: e.response.body };
      } else if (e.type === 'decrypted') {
        const last = this.exchanges.at(-1);
        if (last?.response) last.response.plainData = e.text;
      }
    };
  }

  client(o: ClientOptions = {}): IrpClient {
    const a = o.account ?? this.seller;
    const creds: Credentials = { clientId: a.clientId, clientSecret: a.clientSecret, userName: a.userName, password: a.password, ...o.credentials };
    return new IrpClient({
      profile: this.endpoint(o.encryptionPublicKeyPem),
      gstin: o.gstin ?? a.gstin,
      credentials: () => Promise.resolve(creds),
      sessions: o.fresh ? new SessionCache() : this.sessions,
      agents: sharedAgents(),
      tracer: { event: this.record() },
    });
  }

  /** The seller's current token and SEK (signing in first when needed), for hand-made requests. */
  async session(): Promise<{ authToken: string; sek: Buffer }> {
    await this.setup(() => this.client().authenticate());
    const s = this.sessions.peek(sessionKey(this.url, this.seller.gstin, this.seller.userName));
    if (!s) throw new Error('no session after sign-in');
    return { authToken: s.authToken, sek: s.sek };
  }

  /** The headers of an API call for `a` (§1.3), without the token unless given. */
  apiHeaders(a: PracticeAccount = this.seller, authToken?: string): Record<string, string> {
    return { client_id: a.clientId, client_secret: a.clientSecret, Gstin: a.gstin, user_name: a.userName, ...(authToken ? { AuthToken: authToken } : {}) };
  }

  /** A request exactly as given, recorded like the client's. */
  async raw(label: string, r: RawRequest): Promise<HttpResponse> {
    const req = { method: r.method, url: new URL(this.url + r.path), headers: r.headers ?? {}, ...(r.body !== undefined ? { body: r.body } : {}), mutating: false, connectMs: 10_000, readMs: 30_000 };
    const ex: Exchange = { label: `${this.label}${label}`, request: { method: r.method, url: req.url.toString(), headers: req.headers, ...(r.body !== undefined ? { body: r.body } : {}) } };
    this.exchanges.push(ex);
    const res = await httpRequest(req, sharedAgents());
    ex.response = { status: res.status, body: res.body };
    return res;
  }

  async admin(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}/sandbox/${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!res.ok) throw new Error(`practice admin ${method} /sandbox/${path}: HTTP ${res.status}`);
    return res.json();
  }

  /** The IRP's "today" (IST, ISO date): its clock may have been moved. */
  async today(): Promise<string> {
    const { now } = (await this.admin('GET', 'clock')) as { now: string };
    return istDateOf(new Date(now));
  }

  async invoice(docNo = uniqueDocNo()): Promise<Invoice> {
    return sampleInvoice({ gstin: this.seller.gstin, legalName: this.seller.legalName }, docNo, await this.today());
  }

  /** A registered invoice to work on (made as setup). */
  async registered(inv?: Invoice): Promise<{ invoice: Invoice; irn: string; ackNo: number; ackDt: string }> {
    const invoice = inv ?? (await this.invoice());
    const r = await this.setup(() => this.client().generateIrn(invoice));
    return { invoice, irn: r.irn, ackNo: r.ackNo, ackDt: r.ackDt };
  }

  /** A registered invoice with an e-way bill by road (made as setup). */
  async withEwayBill(): Promise<{ irn: string; ewbNo: number }> {
    const { irn } = await this.registered();
    const made = await this.setup(() => this.client().generateEwb({ Irn: irn, ...ROAD }));
    return { irn, ewbNo: made.ewbNo };
  }

  /** Puts the IRP's clock back to real time and clears faults: every scenario starts from there. */
  async reset(): Promise<void> {
    await this.admin('POST', 'clock', { set: new Date().toISOString() });
    await this.admin('DELETE', 'faults');
    this.exchanges = [];
  }
}
