/**
 * Tolerant reading of the IRP's response envelope (irp-protocol.md §3, §14): Status as number or
 * string, keys in either case, ErrorDetails as a JSON array or a Base64 string of one, InfoDtls whose
 * Desc is an object (DUPIRN), an array (EWBERR) or a string (EWBPPD). Anything that is not an
 * envelope becomes an IrpError of kind 'protocol'.
 */
import type { DuplicateInfo, IrpErrorDetail } from './errors';
import { CLIENT_CODES, IrpError } from './errors';

export interface InfoEntry {
  InfCd: string;
  Desc: unknown;
}

export interface Envelope {
  ok: boolean;
  /** The raw Data member: Base64 ciphertext, a plain object (auth), or null. */
  data: unknown;
  errors: IrpErrorDetail[];
  info: InfoEntry[];
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A member by name, ignoring case (NIC samples mix `Status`/`status`, `Data`/`data`). */
export function member(obj: Json, name: string): unknown {
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A value that may be JSON, a JSON string, or Base64 of JSON; undefined when it is none of them. */
function unwrapJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const direct = parseJsonText(value);
  if (direct !== undefined) return direct;
  if (/^[A-Za-z0-9+/=\s]+$/.test(value)) return parseJsonText(Buffer.from(value, 'base64').toString('utf8'));
  return undefined;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

export function parseErrorDetails(raw: unknown): IrpErrorDetail[] {
  if (raw === null || raw === undefined || raw === '') return [];
  const value = unwrapJson(raw);
  const list = Array.isArray(value) ? value : isObject(value) ? [value] : undefined;
  if (list === undefined) {
    // Not decodable: keep the text so nobody loses what the IRP said.
    return [{ code: CLIENT_CODES.badResponse, message: `Unreadable error details from the IRP: ${text(raw).slice(0, 200)}` }];
  }
  return list.filter(isObject).map((e) => ({
    code: text(member(e, 'ErrorCode')).trim() || 'UNKNOWN',
    message: text(member(e, 'ErrorMessage')).trim(),
  }));
}

export function parseInfo(raw: unknown): InfoEntry[] {
  const value = unwrapJson(raw);
  const list = Array.isArray(value) ? value : isObject(value) ? [value] : [];
  return list.filter(isObject).map((e) => {
    const code = text(member(e, 'InfCd'));
    let desc = member(e, 'Desc');
    // A DUPIRN or EWBERR Desc serialised as a string is still structured data.
    if (typeof desc === 'string' && (code === 'DUPIRN' || code === 'EWBERR')) desc = parseJsonText(desc) ?? desc;
    return { InfCd: code, Desc: desc ?? null };
  });
}

export function parseStatus(raw: unknown): boolean | undefined {
  if (raw === 1 || raw === '1') return true;
  if (raw === 0 || raw === '0') return false;
  return undefined;
}

/**
 * Parses a response body that must be an IRP envelope. `ambiguous`: the request may have changed
 * state on the IRP, so an unreadable answer must not be taken as "nothing happened".
 */
export function parseEnvelope(body: string, ambiguous = false): Envelope {
  const json = parseJsonText(body);
  if (!isObject(json)) throw notAnEnvelope(body, ambiguous);
  const ok = parseStatus(member(json, 'Status'));
  if (ok === undefined) throw notAnEnvelope(body, ambiguous);
  return {
    ok,
    data: member(json, 'Data') ?? null,
    errors: parseErrorDetails(member(json, 'ErrorDetails')),
    info: parseInfo(member(json, 'InfoDtls')),
  };
}

function notAnEnvelope(body: string, ambiguous: boolean): IrpError {
  const shown = body.trim().slice(0, 120).replace(/\s+/g, ' ');
  return new IrpError({
    kind: 'protocol',
    code: CLIENT_CODES.badResponse,
    ambiguous,
    message: `The IRP answered with something that is not an e-invoice response${shown ? `: "${shown}"` : ' (empty body)'}.`,
    hint: 'Check the endpoint URL of this profile.',
  });
}

/** The already-registered IRN named by a DUPIRN entry, when its shape is usable. */
export function duplicateFrom(info: InfoEntry[]): DuplicateInfo | undefined {
  const entry = info.find((i) => i.InfCd === 'DUPIRN');
  if (!entry || !isObject(entry.Desc)) return undefined;
  const irn = text(member(entry.Desc, 'Irn'));
  const ackNo = Number(member(entry.Desc, 'AckNo'));
  const ackDt = text(member(entry.Desc, 'AckDt'));
  if (!/^[0-9a-f]{64}$/i.test(irn) || !Number.isFinite(ackNo)) return undefined;
  return { irn: irn.toLowerCase(), ackNo, ackDt };
}
