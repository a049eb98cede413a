/** What every handler of the practice IRP sees, and the request/reply shapes of its HTTP layer. */
import type { HsnMaster } from '../../shared/gst/hsn';
import type { PracticeClock } from './clock';
import type { Faults } from './faults';
import type { PracticeKeys } from './keys';
import type { RequestStats } from './stats';
import type { PracticeStore } from './store';
import type { TaxpayerRecord } from './taxpayers';
import type { TokenRegistry } from './tokens';

export interface IrpRequest {
  method: string;
  /** The path as sent (without the query). */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased with "-" read as "_": client-id and Client_Id are both client_id. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  /** A binary body (the practice portal's Excel download); sent instead of `body` when set. */
  bytes?: Buffer;
  /** A registration (or cancellation) was committed: the drop-after-commit fault may apply. */
  committed?: boolean;
}

export interface IrpContext {
  store: PracticeStore;
  keys: PracticeKeys;
  clock: PracticeClock;
  tokens: TokenRegistry;
  faults: Faults;
  /** What was received, for the admin API's /sandbox/stats. */
  stats: RequestStats;
  hsn: HsnMaster;
  retrievalWindowDays: number;
  log: (line: string) => void;
  /** The GSTIN master record with any status set by "sync". */
  taxpayer(gstin: string): TaxpayerRecord | undefined;
  nextAckNo(now: Date): number;
  nextEwbNo(): number;
}

/** The issuer NIC's 2023 sandbox tokens carry (irp-protocol.md §7.1). */
export const ISSUER = 'NIC Sandbox';
export const ISSUER_NOTE = 'practice IRP: tokens are signed with its own certificate, not NIC\'s';
