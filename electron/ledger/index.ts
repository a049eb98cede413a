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
export type { InvoiceListItem, InvoiceListQuery, InvoicePage, InvoiceSort, InvoiceTotals } from './invoice-list.repo';
export type { CancelInput, Registration, RegistrationInput } from './registrations.repo';
export type { EwayBill, EwayBillInput } from './ewaybills.repo';
export { backoffMs, type ClaimOptions, type EnqueueInput, type Holder, type OutboxItem, type OutboxOp, type OutboxOwner, type OutboxState } from './outbox.repo';
export { LEASE_MS, LEASE_RENEW_MS } from './outbox-owner';
export { GENESIS_HASH, type ChainCheck, type JournalEntry, type JournalInput } from './journal.repo';
