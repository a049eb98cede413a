/** The local ledger: see docs/ledger.md for the schema, the outbox states and the journal chain. */
export { openLedger, type Ledger, type LedgerOptions } from './ledger';
export { checkBackup, restoreLedgerFile, type BackupCheck } from './backup';
export { LedgerError, LedgerTooNewError, type LedgerErrorCode } from './errors';
export { SCHEMA_VERSION } from './migrations';
export { maskSecrets, maskSecretText, isSecretKey, REDACTED } from './mask-secrets';
export { canonicalJson, sha256Hex } from './canonical-json';
export type { Clock } from './support';
export type { Business, BusinessInput } from './businesses.repo';
export type { Profile, ProfileInput, ProfileKind } from './profiles.repo';
export type { Party, PartyInput, LookupInput } from './parties.repo';
export type { Product, ProductInput } from './products.repo';
export type { DocType, DraftInput, Invoice, InvoiceError, InvoiceStatus } from './invoices.repo';
export type { InvoiceListItem, InvoiceListQuery, InvoicePage, InvoiceSort, InvoiceTotals, TypeTotal } from './invoice-list.repo';
export type { CancelInput, Registration, RegistrationInput } from './registrations.repo';
export type { EwayBill, EwayBillInput, EwayBillTransport, PartBUpdate } from './ewaybills.repo';
export type { Overview, OverviewQuery } from './overview.repo';
export { backoffMs, type ClaimOptions, type EnqueueInput, type OutboxItem, type OutboxOp, type OutboxState } from './outbox.repo';
export { GENESIS_HASH, type ChainCheck, type JournalEntry, type JournalInput } from './journal.repo';
