/**
 * One connection to the IRP, whatever the road (issue 12): the practice IRP and NIC direct
 * (IrpClient), a GSP (gsp/client.ts) or the portal (files only: every API operation says why it
 * cannot be done). The registration engine, duplicate recovery, cancel, look-ups and e-way bills
 * are written against this interface, so each works unchanged on every road that can do it.
 */
import { IrpError } from './errors';
import type {
  CallOptions, CancelReason, CancelResult, DocDetailsQuery, EwbByIrnRequest, EwbCancelRequest, EwbCancelResult,
  EwbDetails, EwbResult, GstinDetails, IrnResult,
} from './types';

export type ConnectionOperation =
  | 'generate' | 'getByIrn' | 'getByDocDetails' | 'cancel' | 'gstinDetails' | 'syncGstin'
  | 'generateEwb' | 'getEwbByIrn' | 'cancelEwb' | 'rejectedIrns';

export interface IrpConnection {
  authenticate(): Promise<{ tokenExpiry: Date }>;
  generateIrn(invoice: unknown): Promise<IrnResult>;
  getByIrn(irn: string, options?: CallOptions): Promise<IrnResult>;
  getByDocDetails(q: DocDetailsQuery, options?: CallOptions): Promise<IrnResult>;
  cancelIrn(irn: string, reason: CancelReason, remark: string, options?: CallOptions): Promise<CancelResult>;
  rejectedIrns(date: string): Promise<string[]>;
  gstinDetails(gstin: string): Promise<GstinDetails>;
  syncGstin(gstin: string): Promise<GstinDetails>;
  generateEwb(req: EwbByIrnRequest, options?: CallOptions): Promise<EwbResult>;
  getEwbByIrn(irn: string, options?: CallOptions): Promise<EwbDetails>;
  cancelEwb(req: EwbCancelRequest): Promise<EwbCancelResult>;
  /** Absent: every operation (NIC's own API). */
  supports?(op: ConnectionOperation): boolean;
  /** Why an unsupported operation cannot be done, and what to do instead. */
  refusal?(op: ConnectionOperation): IrpError;
  close?(): void;
}

/** Plain words for each operation, as a sentence's object ("cannot {what} through …"). */
export const OPERATION_WORDS: Readonly<Record<ConnectionOperation, string>> = {
  generate: 'register invoices',
  getByIrn: 'fetch an e-invoice by its IRN',
  getByDocDetails: 'look an invoice up by its number and date',
  cancel: 'cancel an IRN',
  gstinDetails: 'look up GSTINs',
  syncGstin: 'refresh a GSTIN from the GST portal',
  generateEwb: 'raise e-way bills',
  getEwbByIrn: 'fetch an e-way bill by IRN',
  cancelEwb: 'cancel e-way bills',
  rejectedIrns: 'list IRNs rejected by de-duplication',
};

/** Whether a connection can do an operation (NIC's own API can do all of them). */
export function connectionSupports(c: IrpConnection, op: ConnectionOperation): boolean {
  return c.supports ? c.supports(op) : true;
}

/** The connection when it can do `op`; else its plain refusal (thrown before anything is sent or queued). */
export function requireOperation<C extends IrpConnection>(c: C, op: ConnectionOperation): C {
  if (connectionSupports(c, op)) return c;
  throw c.refusal?.(op) ?? unsupported(op, 'this road does not offer it', 'Do it on the e-invoice portal.');
}

export const NOT_SUPPORTED = 'NOT_SUPPORTED';

/** The refusal of an operation a road cannot do: a setup fact, never retried, nothing was sent. */
export function unsupported(op: ConnectionOperation, through: string, instead: string): IrpError {
  return new IrpError({
    kind: 'protocol', code: NOT_SUPPORTED, retriable: false,
    message: `This connection cannot ${OPERATION_WORDS[op]}: ${through}.`,
    hint: instead,
  });
}

/** What a portal-only business is told for each operation. */
export const PORTAL_INSTEAD: Readonly<Record<ConnectionOperation, string>> = {
  generate: 'This business registers invoices by uploading a file on the e-invoice portal: use Prepare portal upload, then import the portal\'s results.',
  getByIrn: 'Open the e-invoice on the e-invoice portal (Search → e-Invoice), or use the signed invoice already in the ledger.',
  getByDocDetails: 'Check the document on the e-invoice portal, or import the portal\'s results file.',
  cancel: 'Cancel the IRN on the e-invoice portal (e-Invoice → Cancel) within 24 hours, then mark it cancelled here.',
  gstinDetails: 'Type the buyer\'s details by hand, or look the GSTIN up on the GST portal (Search Taxpayer).',
  syncGstin: 'Type the buyer\'s details by hand, or look the GSTIN up on the GST portal (Search Taxpayer).',
  generateEwb: 'Raise the e-way bill on the e-way bill portal (Generate by IRN).',
  getEwbByIrn: 'Look the e-way bill up on the e-way bill portal.',
  cancelEwb: 'Cancel the e-way bill on the e-way bill portal.',
  rejectedIrns: 'See the rejected IRNs on the e-invoice portal.',
};

/**
 * The portal road: no API at all. Every operation refuses with what to do instead; the engine
 * learns it from supports() before anything is written to the outbox.
 */
export class PortalConnection implements IrpConnection {
  constructor(private readonly profileName: string) {}

  supports(): boolean {
    return false;
  }

  authenticate(): Promise<{ tokenExpiry: Date }> {
    return Promise.reject(new IrpError({ kind: 'protocol', code: NOT_SUPPORTED, message: `Profile "${this.profileName}" uploads files on the e-invoice portal: there is no API sign-in to test.`, hint: PORTAL_INSTEAD.generate }));
  }

  generateIrn(): Promise<IrnResult> { return Promise.reject(this.error('generate')); }
  getByIrn(): Promise<IrnResult> { return Promise.reject(this.error('getByIrn')); }
  getByDocDetails(): Promise<IrnResult> { return Promise.reject(this.error('getByDocDetails')); }
  cancelIrn(): Promise<CancelResult> { return Promise.reject(this.error('cancel')); }
  rejectedIrns(): Promise<string[]> { return Promise.reject(this.error('rejectedIrns')); }
  gstinDetails(): Promise<GstinDetails> { return Promise.reject(this.error('gstinDetails')); }
  syncGstin(): Promise<GstinDetails> { return Promise.reject(this.error('syncGstin')); }
  generateEwb(): Promise<EwbResult> { return Promise.reject(this.error('generateEwb')); }
  getEwbByIrn(): Promise<EwbDetails> { return Promise.reject(this.error('getEwbByIrn')); }
  cancelEwb(): Promise<EwbCancelResult> { return Promise.reject(this.error('cancelEwb')); }

  refusal(op: ConnectionOperation): IrpError {
    return this.error(op);
  }

  private error(op: ConnectionOperation): IrpError {
    return unsupported(op, `profile "${this.profileName}" has no API access (it uploads files on the e-invoice portal)`, PORTAL_INSTEAD[op]);
  }
}
