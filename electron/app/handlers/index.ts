/** The whole handler table: one entry per contract channel (the type makes a missing one an error). */
import { appHandlers } from './app.handlers';
import { dataHandlers } from './data.handlers';
import { deskHandlers } from './desk.handlers';
import { invoiceHandlers } from './invoices.handlers';
import { masterHandlers } from './masters.handlers';
import { partyHandlers } from './parties.handlers';
import { pdfHandlers } from './pdf.handlers';
import { settingsHandlers } from './settings.handlers';
import type { HandlerTable } from './table';

export const HANDLERS: HandlerTable = { ...appHandlers, ...settingsHandlers, ...invoiceHandlers, ...partyHandlers, ...pdfHandlers, ...dataHandlers, ...deskHandlers, ...masterHandlers };

export { AppError, dispatch, toIpcError, UNEXPECTED_MESSAGE, type Handler, type HandlerContext, type HandlerTable } from './table';
