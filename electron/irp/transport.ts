/**
 * One HTTP exchange with the IRP over node:http(s), with a connect timeout (until the TCP/TLS
 * connection is up) and a read timeout (from then until the whole answer is in). node:http rather
 * than fetch because the engine needs to know WHEN a failure happened: before the connection was
 * up the IRP cannot have seen the request; after it, a POST may have been committed (`ambiguous`).
 */
import http from 'node:http';
import https from 'node:https';
import { CLIENT_CODES, IrpError } from './errors';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  connectMs: number;
  readMs: number;
  /** True when the request changes state on the IRP (generate, cancel, e-way bill). */
  mutating: boolean;
}

export interface HttpResponse {
  status: number;
  body: string;
}

/** Larger answers are not e-invoice responses; refuse them rather than buffer without bound. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

/** Keep-alive agents: re-using connections matters for batch registration throughput. */
export function createAgents(maxSockets = 16): Agents {
  return {
    http: new http.Agent({ keepAlive: true, maxSockets }),
    https: new https.Agent({ keepAlive: true, maxSockets }),
  };
}

let shared: Agents | undefined;

/**
 * The process-wide pool clients use unless given their own, so that creating a client per
 * operation neither opens new connections nor leaves idle ones behind (Node unrefs idle sockets).
 */
export function sharedAgents(): Agents {
  shared ??= createAgents(32);
  return shared;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function host(url: URL): string {
  return url.host;
}

function networkError(err: NodeJS.ErrnoException, req: HttpRequest, connected: boolean): IrpError {
  const code = err.code ?? '';
  const where = host(req.url);
  if (code === 'ECONNREFUSED') {
    return new IrpError({
      kind: 'down', code: CLIENT_CODES.refused, retriable: true, cause: err,
      message: `The IRP at ${where} refused the connection (it is down or not listening).`,
      hint: 'The invoice stays queued and is retried; check the endpoint URL if this persists.',
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH') {
    return new IrpError({
      kind: 'transport', code: CLIENT_CODES.network, retriable: true, cause: err,
      message: `Cannot reach the IRP at ${where} (no network or unknown host).`,
      hint: 'Check the internet connection and the endpoint URL.',
    });
  }
  if (code.startsWith('CERT_') || code.includes('SELF_SIGNED') || code.startsWith('ERR_TLS') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') {
    return new IrpError({
      kind: 'transport', code: CLIENT_CODES.network, retriable: false, cause: err,
      message: `The IRP at ${where} presented a TLS certificate that cannot be trusted (${code}).`,
      hint: 'Check the endpoint URL; a proxy may be intercepting the connection.',
    });
  }
  // ECONNRESET, EPIPE, "socket hang up": the connection died. After it was up, a POST may have landed.
  const ambiguous = connected && req.mutating;
  return new IrpError({
    kind: 'transport', code: CLIENT_CODES.dropped, retriable: true, ambiguous, cause: err,
    message: connected
      ? `The connection to the IRP at ${where} dropped before its answer arrived.`
      : `The connection to the IRP at ${where} failed (${code || err.message}).`,
    ...(ambiguous ? { hint: 'The IRP may have registered the request; look it up before sending it again.' } : {}),
  });
}

export function httpRequest(req: HttpRequest, agents: Agents, isRetry = false): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    const isHttps = req.url.protocol === 'https:';
    const lib = isHttps ? https : http;
    const headers: Record<string, string | number> = { ...req.headers, Accept: 'application/json' };
    if (req.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(req.body);
    }
    let connected = false;
    let gotResponse = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const fail = (e: IrpError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
      cr.destroy();
    };
    const startRead = (): void => {
      connected = true;
      clearTimeout(timer);
      timer = setTimeout(() => {
        fail(new IrpError({
          kind: 'timeout', code: CLIENT_CODES.timeout, retriable: true, ambiguous: req.mutating,
          message: `The IRP did not answer within ${seconds(req.readMs)}.`,
          ...(req.mutating ? { hint: 'The IRP may have registered the request; look it up before sending it again.' } : {}),
        }));
      }, req.readMs);
    };
    const cr = lib.request(req.url, { method: req.method, headers, agent: isHttps ? agents.https : agents.http });
    timer = setTimeout(() => {
      fail(new IrpError({
        kind: 'timeout', code: CLIENT_CODES.connectTimeout, retriable: true,
        message: `Could not connect to the IRP at ${host(req.url)} within ${seconds(req.connectMs)}.`,
        hint: 'Check the internet connection; the request was not sent.',
      }));
    }, req.connectMs);
    cr.on('socket', (socket) => {
      if (!socket.connecting) startRead();
      else socket.once(isHttps ? 'secureConnect' : 'connect', startRead);
    });
    cr.on('error', (err: NodeJS.ErrnoException) => {
      // A pooled keep-alive socket the server had just closed: a GET cannot have done anything, so
      // it is sent once more on a fresh connection (a POST stays ambiguous: we cannot tell).
      if (!settled && !req.mutating && !isRetry && cr.reusedSocket && err.code === 'ECONNRESET' && !gotResponse) {
        settled = true;
        clearTimeout(timer);
        resolve(httpRequest(req, agents, true));
        return;
      }
      fail(networkError(err, req, connected));
    });
    cr.on('response', (res) => {
      gotResponse = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          fail(new IrpError({ kind: 'protocol', code: CLIENT_CODES.badResponse, ambiguous: req.mutating, message: 'The IRP answer is too large to be an e-invoice response.' }));
          return;
        }
        chunks.push(c);
      });
      // 'close' before the whole body: the connection died mid-answer.
      res.on('close', () => {
        if (!res.complete) fail(networkError(Object.assign(new Error('answer cut off'), { code: 'ECONNRESET' }), req, true));
      });
      res.on('error', (err: NodeJS.ErrnoException) => fail(networkError(err, req, true)));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    cr.end(req.body);
  });
}

/** A non-200 answer: gateways and outages are retriable; anything else is a wrong URL or a broken IRP. */
export function httpStatusError(res: HttpResponse, req: HttpRequest): IrpError {
  const where = host(req.url);
  const s = res.status;
  if (s >= 500 || s === 429 || s === 408) {
    // A 500/502/504 after the request reached the IRP does not prove nothing was committed; 503 and
    // 429 are refusals to take the request at all (RFC 9110 §15.6.4), so they are not ambiguous.
    return new IrpError({
      kind: 'down', code: CLIENT_CODES.http, httpStatus: s, retriable: true, ambiguous: req.mutating && s !== 429 && s !== 503 && s !== 408,
      message: s === 503 || s === 502 || s === 504
        ? `The IRP at ${where} is unavailable right now (HTTP ${s}).`
        : `The IRP at ${where} failed with HTTP ${s}.`,
      hint: 'The invoice stays queued and is retried automatically.',
    });
  }
  return new IrpError({
    kind: 'protocol', code: CLIENT_CODES.http, httpStatus: s, retriable: false,
    message: `The IRP at ${where} answered HTTP ${s} for ${req.url.pathname}.`,
    hint: s === 404 ? 'Check the endpoint URL of this profile (a GSP may need its own path prefix).' : 'Check the endpoint URL and credentials of this profile.',
  });
}
