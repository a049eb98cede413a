/**
 * Reading a GSP's answer with its description (config.ts): success flag, NIC's data, NIC's error
 * codes wherever the GSP put them (a list, a list serialised in a string, "CODE : text" prose),
 * InfoDtls and the duplicate IRN. NIC codes become the same IrpError as on the direct road (same
 * code, same hint: errorFromDetails); the GSP's own failures (down, quota, subscription, its keys)
 * become GSP_* errors with their own plain sentence and retry meaning.
 */
import { duplicateFrom, member, parseInfo, type InfoEntry } from '../envelope';
import { CLIENT_CODES, IrpError, type DuplicateInfo, type IrpErrorDetail } from '../errors';
import type { GspConfig, GspResponse } from './config';
import { getPath, textAt } from './template';

export type GspMeaning = GspConfig['gspErrors']['rules'][number]['meaning'];

export interface Answer {
  ok: boolean;
  data: unknown;
  errors: IrpErrorDetail[];
  info: InfoEntry[];
  duplicate?: DuplicateInfo;
  /** Set when the failure is the GSP's own (not NIC's codes). */
  gsp?: { meaning?: GspMeaning; code: string; message: string };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function detailList(raw: unknown, codeKey: string, messageKey: string): IrpErrorDetail[] {
  const value = typeof raw === 'string' ? parseJson(raw) : raw;
  const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? [value] : [];
  const out: IrpErrorDetail[] = [];
  for (const e of list) {
    if (e === null || typeof e !== 'object') continue;
    const code = member(e as Record<string, unknown>, codeKey);
    const message = member(e as Record<string, unknown>, messageKey);
    if (typeof code !== 'string' && typeof code !== 'number') continue;
    out.push({ code: String(code).trim(), message: typeof message === 'string' ? message.trim() : '' });
  }
  return out;
}

/** "2174 : For inter-state …, 3095 : Supplier GSTIN is inactive" → two details (numeric codes only). */
export function parseCodeText(text: string): IrpErrorDetail[] {
  const marks = [...text.matchAll(/(?:^|[,;]\s*|\s)(\d{3,5})\s*:\s*/g)];
  return marks.map((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < marks.length ? (marks[i + 1]!.index ?? text.length) : text.length;
    return { code: m[1] ?? '', message: text.slice(start, end).replace(/[,;\s]+$/, '').trim() };
  });
}

function extractErrors(json: unknown, spec: GspResponse['errors']): IrpErrorDetail[] {
  const raw = getPath(json, spec.path);
  if (raw === undefined || raw === null || raw === '') return [];
  if (spec.format === 'code-text') return typeof raw === 'string' ? parseCodeText(raw) : detailList(raw, spec.codeKey, spec.messageKey);
  if (spec.format === 'list-in-string' && typeof raw === 'string' && parseJson(raw) === undefined) return [];
  return detailList(raw, spec.codeKey, spec.messageKey);
}

function matches(value: unknown, equals: ReadonlyArray<string | number | boolean>): boolean {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
  const v = String(value).toLowerCase();
  return equals.some((e) => String(e).toLowerCase() === v);
}

function readDuplicate(json: unknown, path: string | undefined, info: InfoEntry[]): DuplicateInfo | undefined {
  if (path) {
    let v = getPath(json, path);
    if (Array.isArray(v)) v = v[0];
    if (v !== null && typeof v === 'object') {
      let desc: unknown = member(v as Record<string, unknown>, 'Desc') ?? v;
      if (typeof desc === 'string') desc = parseJson(desc);
      const found = desc !== null && typeof desc === 'object' ? duplicateFrom([{ InfCd: 'DUPIRN', Desc: desc }]) : undefined;
      if (found) return found;
    }
  }
  return duplicateFrom(info);
}

function unwrapData(v: unknown): unknown {
  if (typeof v === 'string' && /^\s*[[{]/.test(v)) return parseJson(v) ?? v;
  return v;
}

export function ruleFor(config: GspConfig, status: number, code: string, text: string): GspMeaning | undefined {
  for (const r of config.gspErrors.rules) {
    if (r.status !== undefined && r.status !== status) continue;
    if (r.codes && !r.codes.includes(code)) continue;
    if (r.textIncludes && !r.textIncludes.some((t) => text.includes(t))) continue;
    if (r.status === undefined && !r.codes && !r.textIncludes) continue;
    return r.meaning;
  }
  return undefined;
}

/**
 * One answer read with the API's response description (an operation may override parts of it).
 * `undefined` for a body that is not JSON and a status that says nothing: the caller reports HTTP.
 */
export function readAnswer(config: GspConfig, response: GspResponse, status: number, body: string): Answer | undefined {
  const json = parseJson(body);
  const ok2xx = status >= 200 && status < 300;
  if (json === undefined) {
    const meaning = ruleFor(config, status, '', body.slice(0, 500));
    if (meaning) return { ok: false, data: null, errors: [], info: [], gsp: { meaning, code: `HTTP ${status}`, message: body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160) } };
    return undefined;
  }
  const info = response.info ? parseInfo(getPath(json, response.info)) : [];
  if (ok2xx && matches(getPath(json, response.success.path), response.success.equals)) {
    return { ok: true, data: unwrapData(getPath(json, response.data)), errors: [], info };
  }
  const errors = extractErrors(json, response.errors);
  const lead = errors.find((e) => e.code === '2150') ?? errors[0];
  if (lead) {
    const meaning = ruleFor(config, status, lead.code, lead.message);
    if (!meaning) return { ok: false, data: null, errors, info, ...optional(readDuplicate(json, response.duplicate, info)) };
    return { ok: false, data: null, errors, info, gsp: { meaning, code: lead.code, message: lead.message } };
  }
  const code = textAt(json, config.gspErrors.codePath);
  const message = textAt(json, config.gspErrors.messagePath) || code || body.trim().slice(0, 160);
  const meaning = ruleFor(config, status, code, `${message} ${body.slice(0, 500)}`);
  if (!meaning && !ok2xx && !code) return undefined;
  return { ok: false, data: null, errors: [], info, gsp: { ...(meaning ? { meaning } : {}), code: code || (ok2xx ? 'GSP_ERROR' : `HTTP ${status}`), message } };
}

function optional(d: DuplicateInfo | undefined): { duplicate?: DuplicateInfo } {
  return d ? { duplicate: d } : {};
}

const TRY_LATER = 'The invoice stays queued and is retried automatically.';

/** The GSP's own failure as an IrpError whose kind tells the engine whether waiting can help. */
export function gspError(config: GspConfig, gsp: NonNullable<Answer['gsp']>, mutating: boolean): IrpError {
  const name = config.name;
  const said = gsp.message ? ` (${gsp.code}: ${gsp.message.slice(0, 160)})` : ` (${gsp.code})`;
  switch (gsp.meaning) {
    case 'down':
      return new IrpError({ kind: 'down', code: 'GSP_DOWN', retriable: true, ambiguous: mutating, message: `${name} cannot reach the IRP right now${said}.`, hint: TRY_LATER });
    case 'rate-limit':
      return new IrpError({ kind: 'down', code: 'GSP_RATE_LIMIT', retriable: true, message: `${name} asks to slow down: too many requests${said}.`, hint: TRY_LATER });
    case 'quota':
      return new IrpError({ kind: 'auth', code: 'GSP_QUOTA', message: `Your API credits with ${name} are used up${said}.`, hint: `Top up or renew with ${name}; queued invoices go out once it answers again.` });
    case 'subscription':
      return new IrpError({ kind: 'auth', code: 'GSP_SUBSCRIPTION', message: `Your subscription with ${name} is not active${said}.`, hint: `Renew it with ${name}; queued invoices go out once it answers again.` });
    case 'not-enabled':
      return new IrpError({ kind: 'auth', code: 'GSP_NOT_ENABLED', message: `${name} has no e-invoice API user for this GSTIN${said}.`, hint: `Give ${name} the API user created for it on the e-invoice portal.` });
    case 'credentials':
    case 'reauth':
      return new IrpError({ kind: 'auth', code: 'GSP_CREDENTIALS', message: `${name} refused its own credentials${said}.`, hint: `Check the GSP key (client id and client secret issued by ${name}) in Settings; sandbox and production keys differ.` });
    default:
      return new IrpError({ kind: 'protocol', code: 'GSP_ERROR', ambiguous: mutating, message: `${name} refused the request${said}.`, hint: mutating ? 'The IRP may have registered it: the app looks it up before sending again.' : `If this repeats, ask ${name} what "${gsp.code}" means.` });
  }
}

/** An answer that is not the GSP's envelope at all. */
export function unreadable(config: GspConfig, body: string, mutating: boolean): IrpError {
  const shown = body.trim().slice(0, 120).replace(/\s+/g, ' ');
  return new IrpError({
    kind: 'protocol', code: CLIENT_CODES.badResponse, ambiguous: mutating,
    message: `${config.name} answered with something that is not its API's answer${shown ? `: "${shown}"` : ' (empty body)'}.`,
    hint: 'Check the endpoint address of this profile.',
  });
}
