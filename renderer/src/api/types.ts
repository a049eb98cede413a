/** Contract types the screens use, re-exported in one place. */
export type {
  BusinessView, GspPresetView, InvoiceListItem, InvoiceView, JournalEntryView, PartyView, ProfileView, RegistrationView, Req, Res,
} from '../../../shared/ipc/contract';
export type { Violation } from '../../../shared/einvoice/violations';
