/**
 * The preload (bundled to one CommonJS file, runs sandboxed with contextIsolation): the page gets
 * exactly `window.api = { invoke, onEvent }` and nothing else of Electron. invoke refuses any name
 * that is not a contract channel before it reaches ipcRenderer, so the page cannot reach the event
 * channel or any handler main might register later; main checks the sender again regardless.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, type AppEvent, type Result } from '../../shared/ipc/contract';
import { EVENT_CHANNEL, type MenuEvent } from './bridge-names';

export type ShellEvent = AppEvent | MenuEvent;

export interface DesktopApi {
  invoke(channel: string, request?: unknown): Promise<Result<unknown>>;
  /** Returns the function that stops listening. */
  onEvent(listener: (event: ShellEvent) => void): () => void;
}

/** The three ipcRenderer methods the bridge uses (ipcRenderer itself in the app, a fake in tests). */
export interface IpcLike {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, data: ShellEvent) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, data: ShellEvent) => void): unknown;
}

export function createDesktopApi(ipc: IpcLike): DesktopApi {
  return {
    invoke(channel, request) {
      if (typeof channel !== 'string' || !isChannel(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel "${String(channel).slice(0, 60)}".` } });
      }
      return ipc.invoke(channel, request ?? {}) as Promise<Result<unknown>>;
    },
    onEvent(listener) {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      // The IpcRendererEvent (with its sender) never reaches the page: only the event data does.
      const wrapped = (_e: IpcRendererEvent, event: ShellEvent) => listener(event);
      ipc.on(EVENT_CHANNEL, wrapped);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, wrapped);
      };
    },
  };
}

contextBridge.exposeInMainWorld('api', createDesktopApi(ipcRenderer));
