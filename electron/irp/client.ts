/**
 * The IRP client: one method per endpoint of irp-protocol.md §1.2, for one (endpoint profile,
 * GSTIN). It authenticates through the shared SessionCache, encrypts payloads with the SEK,
 * re-authenticates once on 1005, verifies both JWS on receipt, and turns every failure into an
 * IrpError. Credentials are fetched from the provider per request and never kept.
 */
import { decryptToText, encryptJson } from './crypto';
import { duplicateFrom, parseEnvelope, type Envelope } from './envelope';
import { errorFromDetails } from './error-codes';
import { CLIENT_CODES, IrpError } from './errors';
import { authenticate } from './auth';
import { decodeEwbData, parseEwbEnvelope } from './ewb-cancel';
import { DEFAULT_TIMEOUTS, checkProfile, type EndpointProfile } from './profiles';
import { readCancel, readEwb, readEwbCancel, readEwbDetails, readEwbPartB, readGstin, readIrn, readRejected } from './results';
import { SessionCache, sessionKey, type AuthReason, type Session } from './session';
import { importSigningCertificate, verifyIrnTokens, type VerifyKey } from './signature';
import type { IrpTracer } from './trace';
import { createAgents, httpRequest, httpStatusError, sharedAgents, type Agents, type HttpRequest } from './transport';
import type {
  CallOptions, CancelReason, CancelResult, Credentials, CredentialsProvider, DocDetailsQuery, EwbByIrnRequest,
  EwbCancelRequest, EwbCancelResult, EwbDetails, EwbResult, GstinDetails, HealthResult, IrnResult, IrpEvent,
} from './types';
import type { EwbPartBRequest, EwbPartBResult } from './types';

export interface IrpClientOptions {
  profile: EndpointProfile;
  gstin: string;
  credentials: CredentialsProvider;
  /** Share one cache across clients so a (endpoint, GSTIN, user) has one token app-wide. */
  sessions?: SessionCache;
  now?: () => Date;
  observer?: (event: IrpEvent) => void;
  /** Connection pools; default: the process-wide shared pool (see sharedAgents). */
  agents?: Agents;
  /** Give this client private pools that close() destroys (tests, one-off tools). */
  ownAgents?: boolean;
  /** Sees every intermediate value, secrets included (the Playground's trace); absent in normal use. */
  tracer?: IrpTracer;
}

export interface CallSpec {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  /** Plain JSON body; encrypted into {"Data": ...} with the SEK. */
  body?: unknown;
  mutating: boolean;
  options?: CallOptions;
  /** 'ewb': the EWB-system envelope of cancel e-way bill ({action, data} / {status, data, error}). */
  style?: 'irp' | 'ewb';
  /** The EWB-system `action` member. */
  action?: string;
}

const IRN_RE = /^[0-9a-f]{64}$/i;
const DOC_DATE_RE = /^\d{2}\/\d{2}\/\d{4}$/;

function inputError(code: string, message: string, path?: string): IrpError {
  return new IrpError({ kind: 'business', code, message, ...(path ? { path } : {}) });
}

/** Imported signing keys by certificate text: clients made per operation do not re-parse the certificate. */
const signingKeys = new Map<string, Promise<VerifyKey>>();

function signingKeyFor(pem: string): Promise<VerifyKey> {
  let key = signingKeys.get(pem);
  if (!key) {
    key = importSigningCertificate(pem);
    signingKeys.set(pem, key);
    key.catch(() => signingKeys.delete(pem));
  }
  return key;
}

function checkIrn(irn: string): string {
  if (typeof irn !== 'string' || !IRN_RE.test(irn)) throw inputError('2145', 'The IRN must be 64 hexadecimal characters.', 'Irn');
  return irn.toLowerCase();
}

export class IrpClient {
  readonly profile: EndpointProfile;
  readonly gstin: string;
  private readonly credentials: CredentialsProvider;
  private readonly sessions: SessionCache;
  private readonly now: () => Date;
  private readonly observer: (event: IrpEvent) => void;
  private readonly agents: Agents;
  private readonly ownsAgents: boolean;
  private readonly tracer?: IrpTracer;
  private signingKey?: Promise<VerifyKey>;

  constructor(options: IrpClientOptions) {
    this.profile = checkProfile(options.profile);
    if (!/^[0-9A-Z]{15}$/i.test(options.gstin)) throw inputError('3028', `"${options.gstin}" is not a 15-character GSTIN.`, 'Gstin');
    this.gstin = options.gstin.toUpperCase();
    this.credentials = options.credentials;
    this.now = options.now ?? (() => new Date());
    this.sessions = options.sessions ?? new SessionCache({ now: this.now });
    this.observer = options.observer ?? (() => undefined);
    this.ownsAgents = options.agents === undefined && options.ownAgents === true;
    this.agents = options.agents ?? (this.ownsAgents ? createAgents() : sharedAgents());
    if (options.tracer) this.tracer = options.tracer;
  }

  /** Frees pooled connections when the client was given its own agents; the shared pool stays. */
  close(): void {
    if (!this.ownsAgents) return;
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private timeouts(): { connectMs: number; readMs: number } {
    return {
      connectMs: this.profile.timeouts?.connectMs ?? DEFAULT_TIMEOUTS.connectMs,
      readMs: this.profile.timeouts?.readMs ?? DEFAULT_TIMEOUTS.readMs,
    };
  }

  private key(): Promise<VerifyKey> {
    this.signingKey ??= signingKeyFor(this.profile.signingCertificatePem);
    return this.signingKey;
  }

  private async creds(): Promise<Credentials> {
    let c: Credentials;
    try {
      c = await this.credentials();
    } catch (e) {
      throw new IrpError({ kind: 'auth', code: CLIENT_CODES.badCredentials, cause: e, message: `No API credentials are available for ${this.gstin} on "${this.profile.name}".`, hint: `Enter the client secret and password in Settings → IRP endpoint profiles, or run "einvoice credentials set ${this.profile.name}".` });
    }
    for (const f of ['clientId', 'clientSecret', 'userName', 'password'] as const) {
      if (typeof c?.[f] !== 'string' || c[f] === '') {
        throw new IrpError({ kind: 'auth', code: CLIENT_CODES.badCredentials, message: `The API credentials for ${this.gstin} lack the ${f}.`, hint: 'Set the client ID, client secret, API user and password for this business.' });
      }
    }
    return c;
  }

  private url(path: string, query?: Record<string, string>): URL {
    const u = new URL(this.profile.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) u.searchParams.set(k, v);
    return u;
  }

  /** Sends with a session; on 1005 marks it invalid, re-authenticates once and sends again. */
  async call(spec: CallSpec): Promise<{ data: unknown; envelope: Envelope; session: Session }> {
    const c = await this.creds();
    const key = sessionKey(this.profile.baseUrl, this.gstin, c.userName);
    for (let attempt = 0; ; attempt++) {
      const session = await this.sessions.get(key, (force, reason) => this.auth(c, force, reason));
      const req = this.request(spec, session, c);
      this.tracer?.event({ type: 'request', operation: spec.operation, attempt, plainJson: spec.body === undefined ? null : JSON.stringify(spec.body), sek: session.sek, request: req });
      const res = await httpRequest(req, this.agents);
      this.tracer?.event({ type: 'response', operation: spec.operation, response: res });
      const env = this.envelope(res, req, spec.style ?? 'irp');
      if (!env.ok && attempt === 0 && env.errors.some((e) => e.code === '1005')) {
        this.sessions.invalidate(key, session);
        this.observer({ type: 'retry-after-1005', gstin: this.gstin, endpoint: this.profile.name, operation: spec.operation });
        continue;
      }
      if (!env.ok) throw errorFromDetails(env.errors, duplicateFrom(env.info));
      return { data: this.decrypt(env.data, session, req.mutating, spec.style ?? 'irp'), envelope: env, session };
    }
  }

  private async auth(c: Credentials, force: boolean, reason: AuthReason): Promise<Session> {
    try {
      const s = await authenticate({ profile: this.profile, gstin: this.gstin, credentials: c, force, now: this.now(), agents: this.agents, timeouts: this.timeouts(), ...(this.tracer ? { tracer: this.tracer } : {}) });
      this.observer({ type: 'auth', reason, gstin: this.gstin, endpoint: this.profile.name, ok: true });
      return s;
    } catch (e) {
      this.observer({ type: 'auth', reason, gstin: this.gstin, endpoint: this.profile.name, ok: false, code: e instanceof IrpError ? e.code : 'UNKNOWN' });
      throw e;
    }
  }

  private request(spec: CallSpec, s: Session, c: Credentials): HttpRequest {
    const headers: Record<string, string> = {
      ...this.profile.extraHeaders,
      client_id: c.clientId,
      client_secret: c.clientSecret,
      Gstin: this.gstin,
      user_name: c.userName,
      AuthToken: s.authToken,
    };
    if (spec.options?.supGstin) headers.sup_gstin = spec.options.supGstin;
    if (spec.options?.irp) headers.irp = spec.options.irp;
    return {
      method: spec.method,
      url: this.url(spec.path, spec.query),
      headers,
      ...(spec.body !== undefined ? { body: JSON.stringify(this.wrap(spec, encryptJson(s.sek, spec.body))) } : {}),
      mutating: spec.mutating,
      ...this.timeouts(),
    };
  }

  private wrap(spec: CallSpec, data: string): Record<string, string> {
    return spec.style === 'ewb' ? { action: spec.action ?? '', data } : { Data: data };
  }

  private envelope(res: { status: number; body: string }, req: HttpRequest, style: 'irp' | 'ewb'): Envelope {
    if (res.status !== 200) throw httpStatusError(res, req);
    return style === 'ewb' ? parseEwbEnvelope(res.body, req.mutating) : parseEnvelope(res.body, req.mutating);
  }

  private decrypt(data: unknown, s: Session, mutating: boolean, style: 'irp' | 'ewb'): unknown {
    if (data === null || data === undefined) return null;
    if (typeof data !== 'string') return data; // some answers carry plain JSON
    try {
      const text = decryptToText(s.sek, data);
      this.tracer?.event({ type: 'decrypted', text });
      return style === 'ewb' ? decodeEwbData(text) : (JSON.parse(text) as unknown);
    } catch (e) {
      throw new IrpError({ kind: 'protocol', code: CLIENT_CODES.badResponse, ambiguous: mutating, cause: e, message: 'The IRP accepted the request but its answer does not decrypt with the session key.', hint: mutating ? 'The IRP may have registered the request; look it up before sending it again.' : 'Try again; the client signs in afresh if the problem persists.' });
    }
  }

  private async irnResult(data: unknown, env: Envelope, what: string, mutating: boolean): Promise<IrnResult> {
    const raw = readIrn(data, env.info, what, mutating);
    const { invoice, qr } = await verifyIrnTokens(raw.signedInvoice, raw.signedQrCode, raw.irn, await this.key(), mutating);
    return {
      irn: raw.irn, ackNo: raw.ackNo, ackDt: raw.ackDt,
      signedInvoice: raw.signedInvoice as string, signedQrCode: raw.signedQrCode as string,
      status: raw.status, ewbNo: raw.ewbNo, ewbDt: raw.ewbDt, ewbValidTill: raw.ewbValidTill, remarks: raw.remarks,
      info: raw.info, signedInvoiceData: invoice.data, signedQrData: qr.data,
    };
  }

  /** Auth v1.04 now (normally implicit); returns the token's expiry as the IRP wrote it. */
  async authenticate(): Promise<{ tokenExpiry: Date }> {
    const c = await this.creds();
    const key = sessionKey(this.profile.baseUrl, this.gstin, c.userName);
    const s = await this.sessions.get(key, (force, reason) => this.auth(c, force, reason));
    return { tokenExpiry: s.tokenExpiry };
  }

  /** Generate IRN (§4.1). `invoice` is the INV-01 JSON exactly as it should be registered. */
  async generateIrn(invoice: unknown): Promise<IrnResult> {
    const { data, envelope } = await this.call({ operation: 'generate', method: 'POST', path: '/eicore/v1.03/Invoice', body: invoice, mutating: true });
    return this.irnResult(data, envelope, 'generate', true);
  }

  /** Get e-invoice by IRN (§4.2). */
  async getByIrn(irn: string, options?: CallOptions): Promise<IrnResult> {
    const { data, envelope } = await this.call({ operation: 'get', method: 'GET', path: `/eicore/v1.03/Invoice/irn/${checkIrn(irn)}`, mutating: false, ...(options ? { options } : {}) });
    return this.irnResult(data, envelope, 'get', false);
  }

  /** Get IRN by document details (§4.3): the lookup after a timeout or a dropped connection. */
  async getByDocDetails(q: DocDetailsQuery, options?: CallOptions): Promise<IrnResult> {
    if (!['INV', 'CRN', 'DBN'].includes(q.docType)) throw inputError('2161', 'The document type must be INV, CRN or DBN.', 'DocDtls.Typ');
    if (typeof q.docNo !== 'string' || q.docNo === '') throw inputError('2142', 'The document number is missing.', 'DocDtls.No');
    if (!DOC_DATE_RE.test(q.docDate)) throw inputError('2144', 'The document date must be written dd/mm/yyyy.', 'DocDtls.Dt');
    const { data, envelope } = await this.call({
      operation: 'irnbydocdetails', method: 'GET', path: '/eicore/v1.03/Invoice/irnbydocdetails',
      query: { doctype: q.docType, docnum: q.docNo, docdate: q.docDate }, mutating: false, ...(options ? { options } : {}),
    });
    return this.irnResult(data, envelope, 'document lookup', false);
  }

  /** Cancel IRN (§4.4). 9999 (already cancelled) surfaces as an IrpError; the caller decides. */
  async cancelIrn(irn: string, reason: CancelReason, remark: string, options?: CallOptions): Promise<CancelResult> {
    if (!['1', '2', '3', '4'].includes(reason)) throw inputError('INPUT', 'The cancel reason must be 1 (duplicate), 2 (data entry mistake), 3 (order cancelled) or 4 (other).', 'CnlRsn');
    if (typeof remark !== 'string' || remark.length > 100) throw inputError('INPUT', 'The cancel remark must be at most 100 characters.', 'CnlRem');
    const { data } = await this.call({ operation: 'cancel', method: 'POST', path: '/eicore/v1.03/Invoice/Cancel', body: { Irn: checkIrn(irn), CnlRsn: reason, CnlRem: remark }, mutating: true, ...(options ? { options } : {}) });
    return readCancel(data);
  }

  /** IRNs rejected by the central de-duplication for a date dd/mm/yyyy (§4.6). */
  async rejectedIrns(date: string): Promise<string[]> {
    if (!DOC_DATE_RE.test(date)) throw inputError('2156', 'The date must be written dd/mm/yyyy.');
    const { data } = await this.call({ operation: 'rejectedirns', method: 'GET', path: '/eicore/v1.03/Invoice/rejectedirns', query: { date }, mutating: false });
    return readRejected(data);
  }

  /** GSTIN master details (§4.5). */
  async gstinDetails(gstin: string): Promise<GstinDetails> {
    if (!/^[0-9A-Z]{15}$/i.test(gstin)) throw inputError('3028', `"${gstin}" is not a 15-character GSTIN.`);
    const { data } = await this.call({ operation: 'gstin', method: 'GET', path: `/eivital/v1.04/Master/gstin/${gstin.toUpperCase()}`, mutating: false });
    return readGstin(data);
  }

  /** Re-pull a GSTIN from the GST Common Portal (§4.5), e.g. after 3028/3029. */
  async syncGstin(gstin: string): Promise<GstinDetails> {
    if (!/^[0-9A-Z]{15}$/i.test(gstin)) throw inputError('3028', `"${gstin}" is not a 15-character GSTIN.`);
    const { data } = await this.call({ operation: 'syncgstin', method: 'GET', path: `/eivital/v1.03/Master/syncgstin/${gstin.toUpperCase()}`, mutating: false });
    return readGstin(data);
  }

  /** Generate e-way bill by IRN (§4.7). */
  async generateEwb(req: EwbByIrnRequest, options?: CallOptions): Promise<EwbResult> {
    const body = { ...req, Irn: checkIrn(req.Irn) };
    if (!Number.isInteger(req.Distance) || req.Distance < 0 || req.Distance > 4000) throw inputError('4013', 'The distance must be a whole number of km from 0 to 4000.', 'Distance');
    const { data, envelope } = await this.call({ operation: 'ewb', method: 'POST', path: '/eiewb/v1.03/ewaybill', body, mutating: true, ...(options ? { options } : {}) });
    return readEwb(data, envelope.info);
  }

  /** Get e-way bill details by IRN (§4.8). */
  async getEwbByIrn(irn: string, options?: CallOptions): Promise<EwbDetails> {
    const { data } = await this.call({ operation: 'getewb', method: 'GET', path: `/eiewb/v1.03/ewaybill/irn/${checkIrn(irn)}`, mutating: false, ...(options ? { options } : {}) });
    return readEwbDetails(data);
  }

  /** Cancel e-way bill (§4.9, IRP sandbox only): the EWB-system envelope and reason codes. */
  async cancelEwb(req: EwbCancelRequest): Promise<EwbCancelResult> {
    if (!Number.isInteger(req.ewbNo) || String(req.ewbNo).length !== 12) throw inputError('4008', 'The e-way bill number must have 12 digits.', 'ewbNo');
    if (![1, 2, 3, 4].includes(req.reasonCode)) throw inputError('INPUT', 'The e-way bill cancel reason must be 1 (duplicate), 2 (order cancelled), 3 (data entry mistake) or 4 (other).', 'cancelRsnCode');
    if (typeof req.remark !== 'string' || req.remark.length > 50) throw inputError('INPUT', 'The e-way bill cancel remark must be at most 50 characters.', 'cancelRmrk');
    const { data } = await this.call({
      operation: 'cancelewb', method: 'POST', path: '/ewaybillapi/v1.03/ewayapi', style: 'ewb', action: 'CANEWB',
      body: { ewbNo: req.ewbNo, cancelRsnCode: req.reasonCode, cancelRmrk: req.remark }, mutating: true,
    });
    return readEwbCancel(data);
  }

  /** Update Part-B (vehicle or transport document) of an e-way bill: the EWB system's VEHEWB, like cancel. */
  async updateEwbPartB(req: EwbPartBRequest): Promise<EwbPartBResult> {
    if (!Number.isInteger(req.ewbNo) || String(req.ewbNo).length !== 12) throw inputError('4008', 'The e-way bill number must have 12 digits.', 'ewbNo');
    if (!['1', '2', '3', '4'].includes(req.transMode)) throw inputError('INPUT', 'The transport mode must be 1 (road), 2 (rail), 3 (air) or 4 (ship).', 'transMode');
    if (req.transMode === '1' && !req.vehicleNo) throw inputError('4011', 'A vehicle number is needed for road transport.', 'vehicleNo');
    if (req.vehicleNo !== undefined && !/^[A-Z0-9]{4,20}$/.test(req.vehicleNo)) throw inputError('4014', 'The vehicle number must be 4 to 20 capital letters or digits, e.g. KA01AB1234.', 'vehicleNo');
    if (req.transMode !== '1' && !req.transDocNo && !req.vehicleNo) throw inputError('4012', 'A transport document number is needed for rail, air and ship.', 'transDocNo');
    if (req.transDocDate !== undefined && !DOC_DATE_RE.test(req.transDocDate)) throw inputError('4017', 'The transport document date must be written dd/mm/yyyy.', 'transDocDate');
    if (typeof req.fromPlace !== 'string' || req.fromPlace.trim().length < 3 || req.fromPlace.length > 50) throw inputError('INPUT', 'The place the goods are at must be 3 to 50 characters.', 'fromPlace');
    if (!Number.isInteger(req.fromState) || req.fromState < 1 || req.fromState > 99) throw inputError('INPUT', 'The state must be a 2-digit state code.', 'fromState');
    if (![1, 2, 3, 4].includes(req.reasonCode)) throw inputError('INPUT', 'The reason must be 1 (break down), 2 (transhipment), 3 (others) or 4 (first time).', 'reasonCode');
    if (typeof req.reasonRem !== 'string' || req.reasonRem.length > 50) throw inputError('INPUT', 'The remark must be at most 50 characters.', 'reasonRem');
    const { data } = await this.call({
      operation: 'ewbpartb', method: 'POST', path: '/ewaybillapi/v1.03/ewayapi', style: 'ewb', action: 'VEHEWB',
      body: {
        ewbNo: req.ewbNo, vehicleNo: req.vehicleNo ?? '', fromPlace: req.fromPlace, fromState: req.fromState, reasonCode: String(req.reasonCode), reasonRem: req.reasonRem,
        transDocNo: req.transDocNo ?? '', transDocDate: req.transDocDate ?? '', transMode: req.transMode, vehicleType: req.vehicleType ?? 'R',
      },
      mutating: true,
    });
    return readEwbPartB(data);
  }

  /** Heartbeat (§1.2 #12): plain text, no session needed. */
  async health(): Promise<HealthResult> {
    const started = performance.now();
    const req: HttpRequest = { method: 'GET', url: this.url('/eivital/v1.04/heartbeat/ping'), headers: { ...this.profile.extraHeaders }, mutating: false, ...this.timeouts() };
    const res = await httpRequest(req, this.agents);
    if (res.status !== 200) throw httpStatusError(res, req);
    return { up: true, text: res.body.trim().slice(0, 200), ms: Math.round(performance.now() - started) };
  }
}
