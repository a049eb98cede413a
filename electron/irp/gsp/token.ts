/**
 * Signing in to a GSP (its own token: Adaequare's OAuth-like call, TaxPro's /dec auth, MasterGST,
 * Vayana's login, Masters India's OAuth) with the description's auth step. A failure names what
 * to fix: NIC's codes (1017: this API user was not made for this GSP) pass through unchanged, the
 * GSP's refusals of its own keys become GSP_CREDENTIALS.
 */
import { parseIstDateTime } from '../../../shared/dates';
import { errorFromDetails } from '../error-codes';
import { CLIENT_CODES, IrpError } from '../errors';
import { Session } from '../session';
import { httpRequest, httpStatusError, type Agents, type HttpRequest } from '../transport';
import { gspError, readAnswer } from './answer';
import type { GspConfig, GspResponse, GspTokenAuth } from './config';
import { getPath, renderRecord, renderValue, textAt, type Vars } from './template';

/** A GSP's token; `tokenType` fills {tokenType} ("Bearer"). sek is unused: the GSP does NIC's crypto. */
export class GspSession extends Session {
  constructor(token: string, readonly tokenType: string, expiry: Date, obtainedAt: Date) {
    super(token, Buffer.alloc(0), expiry, obtainedAt);
  }
}

/** When the GSP says nothing about its token's life: NIC's sandbox hour, the shorter of NIC's two. */
const FALLBACK_TTL_MS = 60 * 60_000;

function expiryOf(spec: GspTokenAuth, json: unknown, now: Date): Date {
  const e = spec.expiry;
  if ('minutes' in e) return new Date(now.getTime() + e.minutes * 60_000);
  const raw = textAt(json, e.path);
  if (e.unit === 'seconds' && /^\d+$/.test(raw)) return new Date(now.getTime() + Number(raw) * 1000);
  if (e.unit === 'ist') {
    const d = parseIstDateTime(raw);
    if (d) return d;
  }
  return new Date(now.getTime() + FALLBACK_TTL_MS);
}

/** The answer description for the sign-in: its own, over the API's, over "anything with a token". */
function authResponse(config: GspConfig, spec: GspTokenAuth): GspResponse {
  const base: GspResponse = config.response ?? { success: { path: spec.token, equals: ['__never__'] }, data: '', errors: { path: 'ErrorDetails', format: 'list', codeKey: 'ErrorCode', messageKey: 'ErrorMessage' } };
  return { ...base, ...spec.response, errors: { ...base.errors, ...spec.response?.errors } };
}

export interface TokenAuthInput {
  config: GspConfig;
  spec: GspTokenAuth;
  url: URL;
  vars: Vars;
  now: Date;
  agents: Agents;
  timeouts: { connectMs: number; readMs: number };
}

export async function gspSignIn(input: TokenAuthInput): Promise<GspSession> {
  const { spec, config, vars, url } = input;
  for (const [k, v] of Object.entries(renderRecord(spec.query, vars))) url.searchParams.set(k, v);
  const headers = renderRecord(spec.headers, vars);
  let body: string | undefined;
  if (spec.body?.kind === 'json') body = JSON.stringify(renderValue(spec.body.value, vars));
  if (spec.body?.kind === 'form') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(Object.entries(renderValue(spec.body.value, vars) as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v as string)])).toString();
  }
  const req: HttpRequest = { method: spec.method, url, headers, ...(body !== undefined ? { body } : {}), mutating: false, ...input.timeouts };
  const res = await httpRequest(req, input.agents);
  let json: unknown;
  try {
    json = JSON.parse(res.body) as unknown;
  } catch {
    json = undefined;
  }
  const token = json === undefined ? undefined : getPath(json, spec.token);
  if (res.status >= 200 && res.status < 300 && typeof token === 'string' && token !== '') {
    return new GspSession(token, textAt(json, spec.tokenType) || 'Bearer', expiryOf(spec, json, input.now), input.now);
  }
  const answer = readAnswer(config, authResponse(config, spec), res.status, res.body);
  if (answer && !answer.ok && answer.errors.length > 0 && !answer.gsp) throw errorFromDetails(answer.errors);
  if (answer?.gsp) {
    // a "sign in again" at the sign-in itself means the GSP's keys are wrong
    const meaning = answer.gsp.meaning === 'reauth' ? 'credentials' : answer.gsp.meaning;
    throw gspError(config, { ...answer.gsp, ...(meaning ? { meaning } : {}) }, false);
  }
  if (res.status === 401 || res.status === 403) throw gspError(config, { meaning: 'credentials', code: `HTTP ${res.status}`, message: '' }, false);
  if (res.status < 200 || res.status >= 300) throw httpStatusError(res, req);
  throw new IrpError({ kind: 'protocol', code: CLIENT_CODES.badResponse, message: `${config.name}'s sign-in answer carries no token where its description says (${spec.token}).`, hint: 'Check the endpoint address; for a custom GSP, the auth.token path.' });
}
