/**
 * The handler table as the desktop binds it: the shared table, with IRP channels counted by the
 * activity tracker, plus the few channels whose desktop behaviour needs the OS (a native save or
 * print dialog). Those override the shared handler only when the contract has the channel, so the
 * request is still validated by the contract schema first; the browser host keeps its own.
 */
import { isChannel } from '../../shared/ipc/contract';
import type { HandlerTable } from '../app/handlers';
import { trackedTable, type ActivityTracker } from './activity';

/** Desktop-only behaviour by channel name; requests arrive already parsed by the contract. */
export type DesktopOverrides = Record<string, (request: { id?: unknown; invoiceId?: unknown }) => Promise<unknown>>;

export interface PdfActions {
  save(invoiceId: number): Promise<string | undefined>;
  print(invoiceId: number): Promise<void>;
}

function idOf(request: { id?: unknown; invoiceId?: unknown }): number {
  const id = request.invoiceId ?? request.id;
  if (typeof id !== 'number') throw new TypeError('no invoice id');
  return id;
}

/** `pdf:save` -> native save dialog, `pdf:print` -> native print dialog (when the contract has them). */
export function pdfOverrides(pdf: PdfActions): DesktopOverrides {
  return {
    'pdf:save': async (req) => {
      const path = await pdf.save(idOf(req));
      return path === undefined ? { saved: false } : { saved: true, path };
    },
    'pdf:print': async (req) => {
      await pdf.print(idOf(req));
      return { printed: true };
    },
  };
}

export function desktopTable(table: HandlerTable, tracker: ActivityTracker, overrides: DesktopOverrides): HandlerTable {
  const out: Record<string, unknown> = { ...trackedTable(table, tracker) };
  for (const [channel, handler] of Object.entries(overrides)) {
    if (isChannel(channel)) out[channel] = (req: { id?: unknown; invoiceId?: unknown }) => handler(req);
  }
  return out as HandlerTable;
}
