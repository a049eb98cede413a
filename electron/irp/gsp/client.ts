/**
 * A connection to the IRP through a GSP, driven by its description (config.ts: a preset or the
 * user's own file). Plain-JSON GSPs get the invoice as JSON and do NIC's crypto themselves;
 * pass-through GSPs get NIC's encrypted protocol from this app. Either way the signed invoice and
 * QR that come back are verified against NIC's signing certificate exactly as on the direct road:
 * a GSP is never trusted to have signed anything.
 */
import { randomBytes } from 'node:crypto';
import { authenticate } from '../auth';
import { unsupported, type ConnectionOperation, type IrpConnection } from '../connection';
import { decryptToText, encryptJson } from '../crypto';
import { decodeEwbData, parseEwbEnvelope } from '../ewb-cancel';
import { duplicateFrom, parseEnvelope, type Envelope, type InfoEntry } from '../envelope';
import { errorFromDetails } from '../error-codes';
import { CLIENT_CODES, IrpError, isIrpError } from '../errors';
import { DEFAULT_TIMEOUTS } from '../profiles';
import { readCancel, readEwb, readEwbCancel, readEwbDetails, readGstin, readIrn } from '../results';
import { SessionCache, sessionKey, type Session } from '../session';
import { importSigningCertificate, verifyIrnTokens, type VerifyKey } from '../signature';
import { httpRequest, httpStatusError, sharedAgents, type Agents, type HttpRequest } from '../transport';
import type {
  CallOptions, CancelReason, CancelResult, DocDetailsQuery, EwbByIrnRequest, EwbCancelRequest, EwbCancelResult,
  EwbDetails, EwbResult, GstinDetails, IrnResult,
} from '../types';
import { gspError, readAnswer, ruleFor, unreadable } from './answer';
import { irnCandidates, withDuplicate } from './document-irn';
import type { GspConfig, GspOperation, GspOperationSpec, GspResponse } from './config';
import { toMastersIndia, MappingError } from './mastersindia-map';
import { renderRecord, renderString, renderValue, type Vars } from './template';
import type { GspSession } from './token';
import { gspSignIn } from './token';

export interface GspSecrets {
  clientSecret?: string;
  password?: string;
  /** Secret fields by key (EINVOICE_GSP_<KEY> or the keychain). */
  extra: Readonly<Record<string, string>>;
}

export interface GspClientOptions {
  /** The profile's name, for messages. */
  name: string;
  config: GspConfig;
  baseUrl: string;
  /** Where the GSP sign-in goes when not at baseUrl + its path (Adaequare, Vayana). */
  authUrl?: string;
  gstin: string;
  clientId: string;
  userName: string;
  fields: Readonly<Record<string, string>>;
  /** Called per request; nothing it returns is kept. */
  secrets: () => Promise<GspSecrets>;
  signingCertificatePem: string;
  /** Pass-through GSPs: the key NIC's auth payload is encrypted with (the GSP's or NIC's). */
  encryptionPublicKeyPem?: string;
  sessions?: SessionCache;
  now?: () => Date;
  agents?: Agents;
  timeouts?: { connectMs?: number; readMs?: number };
}

const IRN_RE = /^[0-9a-f]{64}$/i;

/** A template variable that holds text (secrets are strings; anything else counts as absent). */
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function checkIrn(irn: string): string {
  if (typeof irn !== 'string' || !IRN_RE.test(irn)) throw new IrpError({ kind: 'business', code: '2145', message: 'The IRN must be 64 hexadecimal characters.', path: 'Irn' });
  return irn.toLowerCase();
}

interface Called {
  data: unknown;
  info: InfoEntry[];
}

export class GspClient implements IrpConnection {
  readonly gstin: string;
  private readonly config: GspConfig;
  private readonly sessions: SessionCache;
  private readonly now: () => Date;
  private readonly agents: Agents;
  private readonly timeouts: { connectMs: number; readMs: number };
  private readonly base: string;
  private signingKey?: Promise<VerifyKey>;

  constructor(private readonly o: GspClientOptions) {
    this.config = o.config;
    this.gstin = o.gstin.toUpperCase();
    this.now = o.now ?? (() => new Date());
    this.sessions = o.sessions ?? new SessionCache({ now: this.now });
    this.agents = o.agents ?? sharedAgents();
    this.timeouts = { connectMs: o.timeouts?.connectMs ?? DEFAULT_TIMEOUTS.connectMs, readMs: o.timeouts?.readMs ?? DEFAULT_TIMEOUTS.readMs };
    this.base = o.baseUrl.replace(/\/+$/, '');
  }

  supports(op: ConnectionOperation): boolean {
    if (op === 'rejectedIrns') return false;
    if (op === 'getByDocDetails') return Boolean(this.config.operations.getByDocDetails ?? this.config.operations.getByIrn);
    return Boolean(this.config.operations[op]);
  }

  refusal(op: ConnectionOperation): IrpError {
    return unsupported(op, `${this.config.name} does not offer it in its API`, 'Do it on the e-invoice or e-way bill portal, or use a connection that offers it.');
  }

  private spec(op: GspOperation): GspOperationSpec {
    const s = this.config.operations[op];
    if (!s) throw this.refusal(op);
    return s;
  }

  private key(): Promise<VerifyKey> {
    this.signingKey ??= importSigningCertificate(this.o.signingCertificatePem);
    return this.signingKey;
  }

  /** Everything a template may name; secrets are fetched per call and only live in this object. */
  private async vars(extra: Vars = {}): Promise<Record<string, unknown>> {
    let s: GspSecrets;
    try {
      s = await this.o.secrets();
    } catch (e) {
      if (isIrpError(e)) throw e;
      throw new IrpError({ kind: 'auth', code: CLIENT_CODES.badCredentials, cause: e, message: `No GSP credentials are available for "${this.o.name}".`, hint: `Enter them in Settings → How do you connect to the IRP?, or run "einvoice credentials set ${this.o.name}".` });
    }
    const c = this.config.credentials;
    const missing: string[] = [];
    if (c.clientId?.required && !this.o.clientId) missing.push(`the client id (${c.clientId.means})`);
    if (c.clientSecret?.required && !s.clientSecret) missing.push(`the client secret (${c.clientSecret.means})`);
    if (c.user?.required && !this.o.userName) missing.push(`the API user (${c.user.means})`);
    if (c.password?.required && !s.password) missing.push(`the password (${c.password.means})`);
    const v: Record<string, unknown> = { gstin: this.gstin, user: this.o.userName, clientId: this.o.clientId, clientSecret: s.clientSecret ?? '', password: s.password ?? '', requestId: randomBytes(12).toString('base64url'), ...extra };
    for (const f of this.config.fields) {
      const value = f.secret ? s.extra[f.key] : (this.o.fields[f.key] ?? f.default);
      if (f.required && !value) missing.push(`${f.label} (${f.secret ? `EINVOICE_GSP_${f.key.toUpperCase().replace(/-/g, '_')} or the keychain` : `--field ${f.key}=…`})`);
      v[`${f.secret ? 'secret' : 'field'}.${f.key}`] = value ?? '';
    }
    if (missing.length > 0) {
      throw new IrpError({ kind: 'auth', code: CLIENT_CODES.badCredentials, message: `Profile "${this.o.name}" (${this.config.name}) lacks ${missing.join(', ')}.`, hint: `Set them in Settings, or with "einvoice profile add" / "einvoice credentials set ${this.o.name}".` });
    }
    return v;
  }

  private sessionKey(suffix = ''): string {
    return sessionKey(`gsp:${this.config.id}:${this.base}${suffix}`, this.gstin, this.o.userName);
  }

  /** The sign-in address: the profile's explicit one, else the base URL plus the path. */
  private authUrl(path: string, vars: Vars): URL {
    return new URL(this.o.authUrl ?? this.base + renderString(path, vars, true));
  }

  private async gspToken(vars: Vars): Promise<GspSession | undefined> {
    const a = this.config.auth;
    const spec = a.kind === 'token' ? a : a.kind === 'nic' ? a.gspLogin : undefined;
    if (!spec) return undefined;
    const s = await this.sessions.get(this.sessionKey('#gsp'), () => gspSignIn({ config: this.config, spec, url: this.authUrl(spec.path, vars), vars, now: this.now(), agents: this.agents, timeouts: this.timeouts }));
    return s as GspSession;
  }

  private async nicSession(vars: Vars, gsp: GspSession | undefined): Promise<Session> {
    const a = this.config.auth;
    if (a.kind !== 'nic') throw new Error('not a pass-through GSP');
    const pem = this.o.encryptionPublicKeyPem;
    if (!pem) throw new IrpError({ kind: 'protocol', code: CLIENT_CODES.config, message: `${this.config.name} passes NIC's protocol through: profile "${this.o.name}" needs the encryption public key to sign in.`, hint: 'Import the encryption public key this GSP tells you to use (Settings → keys).' });
    const tokenVars = { ...vars, token: gsp?.authToken ?? '', tokenType: gsp?.tokenType ?? '' };
    const injected = !a.sendsClient;
    return this.sessions.get(this.sessionKey(), (force) => this.nicAuth(() => authenticate({
      profile: { name: this.o.name, kind: 'gsp', baseUrl: this.base, encryptionPublicKeyPem: pem, signingCertificatePem: this.o.signingCertificatePem, extraHeaders: renderRecord({ ...this.config.headers, ...a.headers }, tokenVars) },
      gstin: this.gstin,
      credentials: { clientId: this.o.clientId, clientSecret: str(vars.clientSecret), userName: this.o.userName, password: str(vars.password) },
      force, now: this.now(), agents: this.agents, timeouts: this.timeouts,
      url: new URL(this.base + renderString(a.path, tokenVars, true)),
      clientHeaders: !injected,
    })));
  }

  /** NIC's sign-in through the GSP: an HTTP refusal by the GSP itself (401: its token) is the GSP's key. */
  private async nicAuth(run: () => Promise<Session>): Promise<Session> {
    try {
      return await run();
    } catch (e) {
      if (!isIrpError(e) || e.httpStatus === undefined) throw e;
      const meaning = ruleFor(this.config, e.httpStatus, '', e.message);
      if (!meaning) throw e;
      throw gspError(this.config, { meaning: meaning === 'reauth' ? 'credentials' : meaning, code: `HTTP ${e.httpStatus}`, message: '' }, false);
    }
  }

  private invalidate(): void {
    for (const k of [this.sessionKey(), this.sessionKey('#gsp')]) {
      const s = this.sessions.peek(k);
      if (s) this.sessions.invalidate(k, s);
    }
  }

  /** One operation; a token the GSP (or NIC, 1005) refuses is replaced once, then the request is sent again. */
  private async call(op: GspOperation, params: Vars, mutating: boolean): Promise<Called> {
    const spec = this.spec(op);
    for (let attempt = 0; ; attempt++) {
      const vars = await this.vars(params);
      const gsp = await this.gspToken(vars);
      const outcome = this.config.crypto === 'nic-encrypted'
        ? await this.callNic(op, spec, vars, gsp, mutating)
        : await this.callPlain(spec, { ...vars, token: gsp?.authToken ?? '', tokenType: gsp?.tokenType ?? '' }, mutating);
      if (outcome === 'reauth' && attempt === 0) {
        this.invalidate();
        continue;
      }
      if (outcome === 'reauth') throw gspError(this.config, { meaning: 'credentials', code: 'REAUTH', message: 'a fresh sign-in was refused again' }, mutating);
      return outcome;
    }
  }

  private url(spec: GspOperationSpec, vars: Vars, extraQuery: Record<string, string> = {}): URL {
    const u = new URL(this.base + renderString(spec.path, vars, true));
    for (const [k, v] of Object.entries({ ...renderRecord(this.config.query, vars), ...renderRecord(spec.query, vars), ...extraQuery })) u.searchParams.set(k, v);
    return u;
  }

  private body(spec: GspOperationSpec, vars: Vars, invoice?: unknown, ewb?: EwbByIrnRequest): unknown {
    const b = spec.body;
    if (!b) return undefined;
    let value: unknown;
    if (b.kind === 'invoice') {
      let inv: unknown = invoice;
      if (b.mapper === 'mastersindia') {
        try {
          inv = toMastersIndia(invoice);
        } catch (e) {
          if (e instanceof MappingError) throw new IrpError({ kind: 'business', code: 'GSP_MAPPING', message: e.message, hint: 'Remove that field from the invoice, or use another connection.' });
          throw e;
        }
      }
      if (b.extra) inv = { ...(inv as object), ...(renderValue(b.extra, vars) as object) };
      value = b.wrap === 'transaction-array' ? [{ transaction: inv }] : inv;
    } else if (b.kind === 'ewb') {
      value = Object.assign({}, ewb, b.extra ? renderValue(b.extra, vars) : {});
    } else {
      value = renderValue(b.value, vars);
    }
    const tokenMember = this.config.tokenPlacement.body;
    if (tokenMember && value !== null && typeof value === 'object' && !Array.isArray(value)) value = { [tokenMember]: vars.token, ...value };
    return value;
  }

  private headers(spec: GspOperationSpec, vars: Vars): Record<string, string> {
    const headers = renderRecord({ ...this.config.headers, ...spec.headers }, vars);
    const t = this.config.tokenPlacement;
    if (t.header && vars.token) headers[t.header] = `${renderString(t.prefix ?? '', vars)}${str(vars.token)}`;
    return headers;
  }

  private async callPlain(spec: GspOperationSpec, vars: Vars, mutating: boolean): Promise<Called | 'reauth'> {
    const body = this.body(spec, vars, vars.invoice, vars.ewbRequest as EwbByIrnRequest | undefined);
    const tq = this.config.tokenPlacement.query;
    const req: HttpRequest = {
      method: spec.method, url: this.url(spec, vars, tq && vars.token ? { [tq]: str(vars.token) } : {}), headers: this.headers(spec, vars),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}), mutating, ...this.timeouts,
    };
    const res = await httpRequest(req, this.agents);
    const response = { ...this.config.response, ...spec.response } as GspResponse;
    const answer = readAnswer(this.config, response, res.status, res.body);
    if (!answer) throw res.status >= 200 && res.status < 300 ? unreadable(this.config, res.body, mutating) : httpStatusError(res, req);
    if (answer.ok) return { data: answer.data, info: answer.info };
    if (answer.gsp?.meaning === 'reauth' || answer.errors.some((e) => e.code === '1005')) return 'reauth';
    if (answer.gsp) throw gspError(this.config, answer.gsp, mutating);
    throw errorFromDetails(answer.errors, answer.duplicate);
  }

  private async callNic(op: GspOperation, spec: GspOperationSpec, vars: Vars, gsp: GspSession | undefined, mutating: boolean): Promise<Called | 'reauth'> {
    const session = await this.nicSession(vars, gsp);
    const tokenVars = { ...vars, token: gsp?.authToken ?? '', tokenType: gsp?.tokenType ?? '' };
    const injected = this.config.auth.kind === 'nic' && !this.config.auth.sendsClient;
    const headers: Record<string, string> = {
      ...renderRecord({ ...this.config.headers, ...spec.headers }, tokenVars),
      ...(injected ? {} : { client_id: this.o.clientId, client_secret: str(vars.clientSecret) }),
      Gstin: this.gstin, user_name: this.o.userName, AuthToken: session.authToken,
    };
    const plain = this.body(spec, tokenVars, vars.invoice, vars.ewbRequest as EwbByIrnRequest | undefined);
    const ewbStyle = op === 'cancelEwb';
    const req: HttpRequest = {
      method: spec.method, url: this.url(spec, tokenVars), headers, mutating, ...this.timeouts,
      ...(plain !== undefined ? { body: JSON.stringify(ewbStyle ? { action: 'CANEWB', data: encryptJson(session.sek, plain) } : { Data: encryptJson(session.sek, plain) }) } : {}),
    };
    const res = await httpRequest(req, this.agents);
    if (res.status !== 200) {
      const answer = readAnswer(this.config, { success: { path: 'Status', equals: ['1'] }, data: 'Data', errors: { path: 'ErrorDetails', format: 'list', codeKey: 'ErrorCode', messageKey: 'ErrorMessage' } }, res.status, res.body);
      if (answer?.gsp?.meaning === 'reauth') return 'reauth';
      if (answer?.gsp?.meaning) throw gspError(this.config, answer.gsp, mutating);
      throw httpStatusError(res, req);
    }
    const env: Envelope = ewbStyle ? parseEwbEnvelope(res.body, mutating) : parseEnvelope(res.body, mutating);
    if (!env.ok && env.errors.some((e) => e.code === '1005')) return 'reauth';
    if (!env.ok) throw errorFromDetails(env.errors, duplicateFrom(env.info));
    return { data: this.decrypt(env.data, session, mutating, ewbStyle), info: env.info };
  }

  private decrypt(data: unknown, s: Session, mutating: boolean, ewbStyle: boolean): unknown {
    if (data === null || data === undefined || typeof data !== 'string') return data ?? null;
    try {
      const text = decryptToText(s.sek, data);
      return ewbStyle ? decodeEwbData(text) : (JSON.parse(text) as unknown);
    } catch (e) {
      throw new IrpError({ kind: 'protocol', code: CLIENT_CODES.badResponse, ambiguous: mutating, cause: e, message: `${this.config.name} passed on an answer that does not decrypt with the session key.`, hint: mutating ? 'The IRP may have registered the request; look it up before sending it again.' : 'Try again; the app signs in afresh if the problem persists.' });
    }
  }

  private async irnResult(c: Called, what: string, mutating: boolean): Promise<IrnResult> {
    const raw = readIrn(c.data, c.info, what, mutating);
    // NIC's signatures, checked with NIC's certificate: the GSP only carried them
    const { invoice, qr } = await verifyIrnTokens(raw.signedInvoice, raw.signedQrCode, raw.irn, await this.key(), mutating);
    return {
      irn: raw.irn, ackNo: raw.ackNo, ackDt: raw.ackDt, signedInvoice: raw.signedInvoice as string, signedQrCode: raw.signedQrCode as string,
      status: raw.status, ewbNo: raw.ewbNo, ewbDt: raw.ewbDt, ewbValidTill: raw.ewbValidTill, remarks: raw.remarks, info: raw.info,
      signedInvoiceData: invoice.data, signedQrData: qr.data,
    };
  }

  /** Signs in (to the GSP, and to NIC through it when it passes NIC's protocol through). */
  async authenticate(): Promise<{ tokenExpiry: Date }> {
    const vars = await this.vars();
    const gsp = await this.gspToken(vars);
    if (this.config.crypto === 'nic-encrypted') return { tokenExpiry: (await this.nicSession(vars, gsp)).tokenExpiry };
    return { tokenExpiry: gsp?.tokenExpiry ?? new Date(this.now().getTime() + 6 * 3_600_000) };
  }

  async generateIrn(invoice: unknown): Promise<IrnResult> {
    try {
      return await this.irnResult(await this.call('generate', { invoice }, true), 'generate', true);
    } catch (e) {
      throw withDuplicate(e, invoice, this.now());
    }
  }

  async getByIrn(irn: string, _options?: CallOptions): Promise<IrnResult> {
    return this.irnResult(await this.call('getByIrn', { irn: checkIrn(irn) }, false), 'get', false);
  }

  /**
   * By document: the GSP's own call when it has one; otherwise the IRN is computed from the document
   * (irp-protocol.md §6.4: it is a hash of GSTIN, year, type and number) and fetched by IRN.
   */
  async getByDocDetails(q: DocDetailsQuery, _options?: CallOptions): Promise<IrnResult> {
    if (this.config.operations.getByDocDetails) {
      return this.irnResult(await this.call('getByDocDetails', { docType: q.docType, docNo: q.docNo, docDate: q.docDate }, false), 'document lookup', false);
    }
    if (!this.config.operations.getByIrn) throw this.refusal('getByDocDetails');
    for (const irn of irnCandidates(this.gstin, q)) {
      try {
        return await this.getByIrn(irn);
      } catch (e) {
        if (!(isIrpError(e) && e.code === '2148')) throw e;
      }
    }
    throw new IrpError({ kind: 'business', code: '2154', message: 'The IRP has no IRN for this document.', hint: 'Register the document, or check its type, number and date.' });
  }

  async cancelIrn(irn: string, reason: CancelReason, remark: string, _options?: CallOptions): Promise<CancelResult> {
    if (!['1', '2', '3', '4'].includes(reason)) throw new IrpError({ kind: 'business', code: 'INPUT', message: 'The cancel reason must be 1, 2, 3 or 4.', path: 'CnlRsn' });
    const c = await this.call('cancel', { irn: checkIrn(irn), reason, remark }, true);
    return readCancel(c.data);
  }

  rejectedIrns(): Promise<string[]> {
    return Promise.reject(this.refusal('rejectedIrns'));
  }

  async gstinDetails(gstin: string): Promise<GstinDetails> {
    return readGstin((await this.call('gstinDetails', { lookupGstin: gstin.toUpperCase() }, false)).data);
  }

  async syncGstin(gstin: string): Promise<GstinDetails> {
    return readGstin((await this.call('syncGstin', { lookupGstin: gstin.toUpperCase() }, false)).data);
  }

  async generateEwb(req: EwbByIrnRequest, _options?: CallOptions): Promise<EwbResult> {
    const ewbRequest = { ...req, Irn: checkIrn(req.Irn) };
    const flat = Object.fromEntries(Object.entries(ewbRequest).map(([k, v]) => [`ewb.${k}`, v]));
    const c = await this.call('generateEwb', { irn: ewbRequest.Irn, ewbRequest, ...flat }, true);
    return readEwb(c.data, c.info);
  }

  async getEwbByIrn(irn: string, _options?: CallOptions): Promise<EwbDetails> {
    return readEwbDetails((await this.call('getEwbByIrn', { irn: checkIrn(irn) }, false)).data);
  }

  async cancelEwb(req: EwbCancelRequest): Promise<EwbCancelResult> {
    const c = await this.call('cancelEwb', { ewbNo: req.ewbNo, ewbReason: req.reasonCode, remark: req.remark }, true);
    return readEwbCancel(c.data);
  }
}
