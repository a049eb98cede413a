/**
 * The practice portal's bulk upload (gsp-and-portal.md §4): a JSON array of INV-01 objects, each
 * registered exactly as generate-IRN would register it (the same validation, duplicate rules,
 * AckNo sequence and signing, through generateFromNode), one result row per uploaded object.
 *
 * What is known about NIC's portal and what is not: the file is a plain JSON array (M); IRP-6
 * caps it at 1 MB (H for IRP-6; NIC's own limit was not found, so the practice portal applies
 * IRP-6's). How the portal reports a file it cannot read at all is not documented: here the whole
 * upload is refused with one message, and nothing is registered.
 */
import { formatIstDateTime } from '../../../shared/dates';
import { accountByGstin } from '../accounts';
import type { IrpContext } from '../context';
import { err, type InfoDetail, type IrpError } from '../envelope';
import { CANONICAL_NAMES } from '../fields';
import { generateFromNode } from '../handlers/generate';
import { JsonSyntaxError, member, parseLexical, type JNode } from '../lexjson';
import type { EwayBill, Registration } from '../store';

/** IRP-6's documented limit for one bulk-upload file (1 MB). */
export const PORTAL_MAX_FILE_BYTES = 1024 * 1024;

export interface PortalRow {
  /** 1-based position in the uploaded array. */
  slNo: number;
  sellerGstin?: string;
  buyerGstin?: string;
  docType?: string;
  docNo?: string;
  docDate?: string;
  generated?: { reg: Registration; ewb?: EwayBill };
  errors: IrpError[];
  info: InfoDetail[];
}

export interface PortalUpload {
  id: string;
  fileName: string;
  /** The GSTIN logged in to the portal (who uploads). */
  gstin: string;
  /** IST "yyyy-MM-dd HH:mm:ss". */
  uploadedAt: string;
  rows: PortalRow[];
}

export class PortalFileError extends Error {
  override name = 'PortalFileError';
}

function text(node: JNode | undefined): string | undefined {
  return node?.t === 'str' ? node.v : undefined;
}

/** The document's identity as uploaded, for rows the IRP refused (it may be partly missing). */
function identity(node: JNode): Pick<PortalRow, 'sellerGstin' | 'buyerGstin' | 'docType' | 'docNo' | 'docDate'> {
  const doc = member(node, 'DocDtls');
  const out: Pick<PortalRow, 'sellerGstin' | 'buyerGstin' | 'docType' | 'docNo' | 'docDate'> = {};
  const put = (k: keyof typeof out, v: string | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  put('sellerGstin', text(member(member(node, 'SellerDtls'), 'Gstin')));
  put('buyerGstin', text(member(member(node, 'BuyerDtls'), 'Gstin')));
  put('docType', text(member(doc, 'Typ'))?.toUpperCase());
  put('docNo', text(member(doc, 'No')));
  put('docDate', text(member(doc, 'Dt')));
  return out;
}

let sequence = 0;

/** Registers every invoice of one uploaded file for the logged-in GSTIN; throws PortalFileError for a file refused whole. */
export function processBulkUpload(ctx: IrpContext, body: string, gstin: string, fileName: string): PortalUpload {
  if (!accountByGstin(gstin)) throw new PortalFileError(`no practice portal login for GSTIN "${gstin}": use one of the practice accounts (GET /sandbox/accounts)`);
  if (Buffer.byteLength(body, 'utf8') > PORTAL_MAX_FILE_BYTES) throw new PortalFileError(`the file is larger than 1 MB (${Buffer.byteLength(body, 'utf8')} bytes): split it into smaller files`);
  let root: JNode;
  try {
    root = parseLexical(body, CANONICAL_NAMES);
  } catch (e) {
    throw new PortalFileError(`the file is not JSON (${e instanceof JsonSyntaxError ? e.message : 'unreadable'})`);
  }
  if (root.t !== 'arr') throw new PortalFileError('the file must be a JSON array of e-invoices ([{"Version":"1.1",...}, ...])');
  if (root.items.length === 0) throw new PortalFileError('the file holds no invoices');
  const uploadedAt = formatIstDateTime(ctx.clock.now());
  const rows = root.items.map((node, i): PortalRow => {
    const slNo = i + 1;
    if (node.t !== 'obj') return { slNo, errors: [err('5002', 'Application error: each element of the file must be an e-invoice JSON object')], info: [] };
    const r = generateFromNode(ctx, node, gstin);
    if (r.ok) {
      const { reg, ewb } = r;
      return {
        slNo, sellerGstin: reg.gstin, buyerGstin: identity(node).buyerGstin, docType: reg.docType, docNo: reg.docNo, docDate: reg.docDate,
        generated: { reg, ...(ewb ? { ewb } : {}) }, errors: [], info: r.info,
      };
    }
    return { slNo, ...identity(node), errors: r.errors, info: r.info ?? [] };
  });
  sequence += 1;
  const id = `${Date.now().toString(36)}-${sequence}`;
  ctx.log(`portal upload ${id} by ${gstin}: ${rows.filter((r) => r.generated).length} generated, ${rows.filter((r) => !r.generated).length} failed (${fileName})`);
  return { id, fileName, gstin, uploadedAt, rows };
}
