/**
 * Replies in NIC's shapes: the e-invoice envelope of irp-protocol.md §3 (HTTP 200, numeric Status,
 * ErrorDetails a plain array, InfoDtls), the EWB-system envelope of §4.9, transport-level failures
 * with non-JSON bodies (§1.2), and the admin API's plain JSON.
 */
import { aesEncrypt } from './crypto';
import type { Reply } from './context';

export interface IrpError {
  code: string;
  message: string;
}

export interface InfoDetail {
  InfCd: string;
  Desc: unknown;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonReply(status: number, value: unknown): Reply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

export function textReply(status: number, text: string, contentType = 'text/html; charset=utf-8'): Reply {
  return { status, contentType, body: text };
}

/** Success with `Data` = b64(AES-ECB(SEK, json)). */
export function irpSuccess(sek: Buffer, data: unknown, info: InfoDetail[] | null = null): Reply {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  const enc = aesEncrypt(sek, Buffer.from(text, 'utf8')).toString('base64');
  return jsonReply(200, { Status: 1, Data: enc, ErrorDetails: null, InfoDtls: info });
}

/** Auth success: `Data` is a plain object (§2.2). */
export function irpPlainSuccess(data: unknown): Reply {
  return jsonReply(200, { Status: 1, Data: data, ErrorDetails: null, InfoDtls: null });
}

export function irpFailure(errors: IrpError[], info: InfoDetail[] | null = null): Reply {
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const k = `${e.code}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return jsonReply(200, {
    Status: 0,
    Data: null,
    ErrorDetails: unique.map((e) => ({ ErrorCode: e.code, ErrorMessage: e.message })),
    InfoDtls: info,
  });
}

export function err(code: string, message: string): IrpError {
  return { code, message };
}

/** EWB-system success: {"status":"1","data": b64(AES(SEK, b64(json)))} (§2.5, §4.9). */
export function ewbSuccess(sek: Buffer, data: unknown): Reply {
  const inner = Buffer.from(JSON.stringify(data), 'utf8').toString('base64');
  return jsonReply(200, { status: '1', data: aesEncrypt(sek, Buffer.from(inner, 'ascii')).toString('base64') });
}

/** EWB-system failure: {"status":"0","error": b64({"errorCodes":"312"})} (several codes comma-separated). */
export function ewbFailure(codes: string[]): Reply {
  const error = Buffer.from(JSON.stringify({ errorCodes: codes.join(',') }), 'utf8').toString('base64');
  return jsonReply(200, { status: '0', error });
}

/** The IIS/gateway pages a client meets when the IRP is down or failing (non-JSON on purpose). */
export function gatewayPage(status: number): Reply {
  const title: Record<number, string> = {
    500: '500 - Internal server error.',
    502: '502 - Web server received an invalid response while acting as a gateway or proxy server.',
    503: 'Service Unavailable',
    504: '504 - Gateway Timeout',
  };
  const t = title[status] ?? `${status} - Error`;
  return textReply(status, `<!DOCTYPE html><html><head><title>${t}</title></head><body><h1>${t}</h1></body></html>`);
}

export const NOT_FOUND_PAGE: Reply = textReply(404, '<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2></body></html>');
