/** What the invoice renderer prints: the INV-01 payload plus what the IRP returned and seller extras. */
import type { Invoice } from '../../shared/einvoice/schema';

export interface PrintableInvoice {
  /** The INV-01 payload exactly as registered (or the draft's payload). */
  payload: Invoice;
  /** Absent for a draft: the print then says "DRAFT - not registered" and carries no QR. */
  registration?: {
    irn: string;
    ackNo: number | string;
    /** The IRP's AckDt, "yyyy-MM-dd HH:mm:ss" IST. */
    ackDt: string;
    /** The whole SignedQRCode JWT as the IRP returned it; the QR encodes it byte for byte. */
    signedQrCode: string;
    status: 'ACT' | 'CNL';
    /** The IRP's CancelDate, "yyyy-MM-dd HH:mm:ss" IST. */
    cancelDate?: string;
  };
  ewb?: { ewbNo: number | string; ewbDt: string; validTill?: string | null };
  seller?: {
    logoPng?: Buffer;
    phone?: string;
    email?: string;
    bank?: { name: string; account: string; ifsc: string; branch?: string };
    terms?: string[];
  };
}

/** Rule 48 copies: original for the recipient, duplicate for the transporter, triplicate for the supplier. */
export type PrintCopy = 'original' | 'duplicate' | 'triplicate';

export interface RenderOptions {
  /** Print the document once per copy, each page labelled ("ORIGINAL FOR RECIPIENT" ...); default: once, unlabelled. */
  copies?: readonly PrintCopy[];
  /**
   * The PDF's CreationDate. Default: the Ack date (registered) or the document date (draft), so
   * the same invoice always renders to the same bytes.
   */
  creationDate?: Date;
  /** Folder holding the DejaVu TTF files (default: the dejavu-fonts-ttf package). */
  fontsDir?: string;
}
