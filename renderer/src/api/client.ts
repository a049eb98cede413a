/**
 * The renderer's only way to the app core: invoke(channel, request) and onEvent(listener). In the
 * browser host both go over HTTP with the per-launch token (taken once from the URL fragment and
 * kept in sessionStorage, so a reload keeps working and the address bar no longer shows it). In
 * the desktop app the preload offers the same two functions as window.api (IPC, no token).
 */
import type { AppEvent, Channel, IpcError, Req, Res, Result } from '../../../shared/ipc/contract';

const TOKEN_KEY = 'einvoice.token';

/** What electron/preload exposes: the same Result wrapper as the browser host's HTTP answers. */
interface DesktopBridge {
  invoke(channel: string, request?: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

const desktop: DesktopBridge | undefined = (window as unknown as { api?: DesktopBridge }).api;

export class ApiError extends Error {
  readonly code: string;
  readonly details: unknown;
  constructor(error: IpcError) {
    super(error.message);
    this.code = error.code;
    this.details = error.details;
  }
}

function takeToken(): string {
  const match = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = desktop ? '' : takeToken();

/** Inside the desktop app (the preload's bridge), where PDFs go through the native dialogs. */
export function isDesktop(): boolean {
  return desktop !== undefined;
}

/** Whether the page can reach the app core: through the desktop bridge, or with the host's token. */
export function hasToken(): boolean {
  return desktop !== undefined || token !== '';
}

/** `keepalive`: the request outlives the page (a last autosave while the window closes; browser host only). */
export async function invoke<C extends Channel>(channel: C, request: Req<C>, options: { keepalive?: boolean } = {}): Promise<Res<C>> {
  if (desktop) {
    const answer = (await desktop.invoke(channel, request)) as Result<Res<C>>;
    if (!answer.ok) throw new ApiError(answer.error);
    return answer.value;
  }
  let res: Response;
  try {
    res = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch {
    throw new ApiError({ code: 'OFFLINE', message: 'e-Invoice Desk is not answering. Is it still running?' });
  }
  let body: Result<Res<C>>;
  try {
    body = (await res.json()) as Result<Res<C>>;
  } catch {
    throw new ApiError({ code: 'BAD_ANSWER', message: `Unexpected answer (HTTP ${res.status}).` });
  }
  if (!body.ok) throw new ApiError(body.error);
  return body.value;
}

type Listener = (event: AppEvent) => void;
const listeners = new Set<Listener>();
let streaming = false;

/** A fetch-based event stream (EventSource cannot send the token header); reconnects after a drop. */
async function stream(): Promise<void> {
  for (;;) {
    try {
      const res = await fetch('/api/events', { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      connection.set(true);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of frame.split('\n')) {
            if (!line.startsWith('data: ')) continue;
            const event = JSON.parse(line.slice(6)) as AppEvent;
            for (const l of listeners) l(event);
          }
        }
      }
    } catch {
      // fall through to the reconnect below
    }
    connection.set(false);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Whether the event stream to the host is up (drives the "not connected" banner). */
export const connection = {
  up: true,
  watchers: new Set<(up: boolean) => void>(),
  set(up: boolean) {
    if (this.up === up) return;
    this.up = up;
    for (const w of this.watchers) w(up);
  },
};

export function onEvent(listener: Listener): () => void {
  if (desktop) return desktop.onEvent(listener);
  listeners.add(listener);
  if (!streaming) {
    streaming = true;
    void stream();
  }
  return () => listeners.delete(listener);
}
