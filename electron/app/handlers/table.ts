/**
 * The handler table (architecture.md §1): `channel -> (validatedRequest, ctx) -> result`, the same
 * for every host. dispatch() is the one wrapper of §4.2: parse with the contract schema, run the
 * handler, answer `{ ok, value } | { ok: false, error: { code, message, details } }`. Errors become
 * codes and plain sentences; stacks, causes and anything secret-shaped never leave.
 */
import { ZodError } from 'zod';
import { CONTRACT, isChannel, type AppEvent, type Channel, type IpcError, type ParsedReq, type Res, type Result } from '../../../shared/ipc/contract';
import { isIrpError } from '../../irp';
import { explainLedgerFailure, LedgerError, maskSecretText } from '../../ledger';
import { VaultError } from '../../vault';
import type { AppCore } from '../app-core';
import { ProfileSetupError } from '../credentials';
import { OperationError } from '../engine/irn-operations';

export interface HandlerContext {
  core: AppCore;
  /** Pushes an event to every connected UI. */
  emit: (event: AppEvent) => void;
  /** True when this install talks to the practice IRP only (npm start, tests). */
  practice: boolean;
  version: string;
}

export type Handler<C extends Channel> = (request: ParsedReq<C>, ctx: HandlerContext) => Promise<Res<C>> | Res<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };

/** An error a handler raises on purpose, with a code the UI can branch on. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Nothing is promised about the data: an unexpected failure may have happened anywhere. */
export const UNEXPECTED_MESSAGE = 'Something went wrong inside e-Invoice Desk and this request did not complete. Try again; if it repeats, look at the Activity screen and make a backup (Settings → Data).';

/** Only the first line, secrets masked, bounded: our own messages are written to be shown. */
function plain(message: string): string {
  return maskSecretText((message.split('\n')[0] ?? '').slice(0, 500));
}

/** `ledgerFile`: the ledger the request ran on, so a SQLite failure is explained with its name. */
export function toIpcError(e: unknown, ledgerFile?: string): IpcError {
  if (e instanceof ZodError) {
    return {
      code: 'BAD_REQUEST',
      message: e.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).slice(0, 5).join('; '),
      details: e.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  }
  if (e instanceof AppError) return { code: e.code, message: plain(e.message), ...(e.details === undefined ? {} : { details: e.details }) };
  if (e instanceof LedgerError) return { code: e.code, message: plain(e.message), ...(e.path ? { details: { path: e.path } } : {}) };
  if (e instanceof OperationError) return { code: e.code, message: plain(e.message) };
  if (e instanceof VaultError) return { code: e.code, message: plain(e.message) };
  if (e instanceof ProfileSetupError) return { code: e.code, message: plain(e.message) };
  if (isIrpError(e)) {
    const message = e.hint && !e.message.includes(e.hint) ? `${e.message} ${e.hint}` : e.message;
    return { code: e.code, message: plain(message), details: { kind: e.kind, path: e.path ?? '', retriable: e.retriable } };
  }
  const failure = ledgerFile === undefined ? undefined : explainLedgerFailure(e, ledgerFile);
  if (failure) return { code: failure.code, message: plain(failure.message), details: { cause: failure.cause, file: failure.file, ...(failure.latestBackup ? { latestBackup: failure.latestBackup } : {}) } };
  return { code: 'INTERNAL', message: UNEXPECTED_MESSAGE };
}

function ledgerFileOf(ctx: HandlerContext): string | undefined {
  try {
    return ctx.core?.paths?.ledger;
  } catch {
    return undefined;
  }
}

/** Validates, runs and wraps one call. Never throws. */
export async function dispatch(table: HandlerTable, channel: string, request: unknown, ctx: HandlerContext): Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel "${channel.slice(0, 60)}".` } };
  try {
    const parsed: unknown = CONTRACT[channel].request.parse(request ?? {});
    const handler = table[channel] as (req: unknown, ctx: HandlerContext) => Promise<unknown>;
    return { ok: true, value: await handler(parsed, ctx) };
  } catch (e) {
    return { ok: false, error: toIpcError(e, ledgerFileOf(ctx)) };
  }
}
