/**
 * Real-shaped import files, made the way the accounting packages and NIC's tool lay them out
 * (issue 14): a Tally-style sales register (title rows, a voucher's second item on a row with the
 * voucher columns blank, lakh-grouped amounts written as text, states by name, a Grand Total row),
 * a one-row-per-document CSV, NIC's Bulk Generation Tool single-sheet layout (column order as
 * gsp-and-portal.md §4.4 lists it, from a taxpayer's export: not the official workbook) and its
 * JSON (an array of INV-01). Dates are passed in, because the practice IRP refuses documents older
 * than 30 days. Buyers are in the practice IRP's taxpayer master.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { buildPayload, type DraftInvoice } from '../../shared/einvoice/compute';
import { formatInr } from '../../shared/money';

export const PRACTICE_SELLER = '29ABCDE1234F1ZW';
/** Practice IRP master buyers: Maharashtra (inter-state), Tamil Nadu (inter-state), Karnataka (intra-state). */
export const BUYERS = {
  mh: { gstin: '27AADCP1234M1ZD', name: 'Practice Manufacturing Private Limited', address: 'Plot 4, Andheri East', city: 'Mumbai', pin: '400001', state: 'Maharashtra' },
  tn: { gstin: '33AAJCP4321Q1Z4', name: 'Practice Textiles Chennai', address: '12 Station Road', city: 'Chennai', pin: '600001', state: 'Tamil Nadu' },
  ka: { gstin: '29AAGCB1234M1ZK', name: 'Bengaluru Bazaar Private Limited', address: '12 Station Road', city: 'Channapatna', pin: '562160', state: 'Karnataka' },
} as const;

const lakh = (paise: number) => formatInr(paise, { symbol: false });

export interface RegisterLine {
  item: string;
  hsn: string;
  qty: number;
  unit: string;
  ratePaise: number;
  gst: number;
}

export interface RegisterVoucher {
  no: string;
  /** dd/mm/yyyy */
  date: string;
  buyer: keyof typeof BUYERS;
  lines: RegisterLine[];
  /** Overrides the IGST written on the first line (to plant a mismatch). */
  igstFirstLine?: number;
}

const tallyDate = (ddmmyyyy: string) => {
  const [d, m, y] = ddmmyyyy.split('/');
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1];
  return `${Number(d)}-${month}-${y}`;
};

/** A Tally-style register: IGST for inter-state buyers, CGST+SGST for Karnataka ones. */
export function tallyRows(vouchers: RegisterVoucher[]): { header: string[]; rows: Array<Array<string | number | null>> } {
  const header = ['Date', 'Particulars', 'Voucher Type', 'Voucher No.', 'GSTIN/UIN', 'Address', 'City', 'Pincode', 'State', 'Stock Item', 'HSN/SAC', 'Quantity', 'Unit', 'Rate', 'Value', 'GST Rate', 'IGST', 'CGST', 'SGST', 'Gross Total'];
  const rows: Array<Array<string | number | null>> = [];
  let grand = 0;
  for (const v of vouchers) {
    const b = BUYERS[v.buyer];
    const intra = v.buyer === 'ka';
    const taxes = v.lines.map((l) => {
      const value = Math.round((l.qty * l.ratePaise));
      const tax = Math.round((value * l.gst) / 100);
      return { value, igst: intra ? 0 : tax, half: intra ? Math.round((value * l.gst) / 200) : 0 };
    });
    const total = Math.round(taxes.reduce((s, t) => s + t.value + t.igst + 2 * t.half, 0) / 100) * 100;
    grand += total;
    v.lines.forEach((l, i) => {
      const t = taxes[i]!;
      const first = i === 0;
      const igst = first && v.igstFirstLine !== undefined ? v.igstFirstLine : t.igst;
      rows.push([
        first ? tallyDate(v.date) : null, first ? b.name : null, first ? 'Sales' : null, first ? v.no : null, first ? b.gstin : null,
        first ? b.address : null, first ? b.city : null, first ? b.pin : null, first ? b.state : null,
        l.item, l.hsn, String(l.qty), l.unit, lakh(l.ratePaise), lakh(t.value), `${l.gst}%`,
        intra ? null : lakh(igst), intra ? lakh(t.half) : null, intra ? lakh(t.half) : null, first ? `₹ ${lakh(total)}` : null,
      ]);
    });
  }
  rows.push([null, 'Grand Total', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, `₹ ${lakh(grand)}`]);
  return { header, rows };
}

export async function writeTallyXlsx(file: string, vouchers: RegisterVoucher[], title = 'Practice Traders Bengaluru'): Promise<void> {
  const { header, rows } = tallyRows(vouchers);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sales Register');
  ws.addRow([title]);
  ws.addRow(['Sales Register']);
  ws.addRow(['for the period']);
  ws.addRow([]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

/** One row per document, CSV, amounts lakh-grouped and quoted, a service sold once per row. */
export function writeOneRowCsv(file: string, docs: Array<{ no: string; date: string; buyer: keyof typeof BUYERS; taxablePaise: number; gst: number }>): void {
  const lines = ['Invoice No,Invoice Date,Customer GSTIN,Customer Name,Address,City,PIN,Place of Supply,Description,HSN/SAC,Taxable Value,GST %,IGST Amount,CGST Amount,SGST Amount,Invoice Value'];
  for (const d of docs) {
    const b = BUYERS[d.buyer];
    const intra = d.buyer === 'ka';
    const tax = Math.round((d.taxablePaise * d.gst) / 100);
    const half = Math.round((d.taxablePaise * d.gst) / 200);
    const total = d.taxablePaise + (intra ? 2 * half : tax);
    const q = (s: string) => `"${s}"`;
    lines.push([d.no, d.date.replace(/\//g, '-'), b.gstin, q(b.name), q(b.address), b.city, b.pin, q(`${b.gstin.slice(0, 2)}-${b.state}`), 'Consulting services', '998311',
      q(lakh(d.taxablePaise)), String(d.gst), intra ? '' : q(lakh(tax)), intra ? q(lakh(half)) : '', intra ? q(lakh(half)) : '', q(`₹ ${lakh(total)}`)].join(','));
  }
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

/** NIC Bulk Generation Tool, single-sheet layout (Format A-like): invoice and item columns on every row. */
export const NIC_HEADERS = [
  'Supply Type', 'Reverse Charges', 'E-Comm GSTIN', 'IGST on intra', 'Document type', 'Document number', 'Document date (DD/MM/YYYY)',
  'Buyer GSTIN', 'Legal Name', 'Trade Name', 'POS', 'Addr1', 'Addr2', 'Location', 'Pincode', 'State', 'Phone', 'Email',
  'Sl. No.', 'Product Description', 'Is_service', 'HSN code', 'Bar Code', 'Quantity', 'Free Quantity', 'Unit', 'Unit Price',
  'Gross Amount', 'Discount', 'Pre Tax Value', 'Taxable Value', 'GST Rate (%)', 'SGST Amount', 'CGST Amount', 'IGST Amount',
  'Cess Rate', 'Cess Adval Amount', 'Item Total', 'Total Taxable Value', 'Total IGST', 'Round Off', 'Total Invoice Value', 'Error List',
];

/** Drafts → the NIC single-sheet rows (amounts as numbers, as the tool's cells hold them). */
export async function writeNicXlsx(file: string, drafts: DraftInvoice[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('e-Invoice Details');
  ws.addRow(['e-Invoice Bulk Generation Tool']);
  ws.addRow(NIC_HEADERS);
  for (const d of drafts) {
    const p = buildPayload(d);
    p.ItemList.forEach((it) => {
      ws.addRow([
        p.TranDtls.SupTyp, 'No', null, 'No', d.docType === 'INV' ? 'Tax Invoice' : d.docType === 'CRN' ? 'Credit Note' : 'Debit Note', p.DocDtls.No, p.DocDtls.Dt,
        p.BuyerDtls.Gstin, p.BuyerDtls.LglNm, null, p.BuyerDtls.Pos, p.BuyerDtls.Addr1, null, p.BuyerDtls.Loc, p.BuyerDtls.Pin ?? null, p.BuyerDtls.Stcd, null, null,
        Number(it.SlNo), it.PrdDesc, it.IsServc === 'Y' ? 'Yes' : 'No', it.HsnCd, null, it.Qty, null, it.Unit ?? null, it.UnitPrice,
        it.TotAmt, it.Discount, null, it.AssAmt, it.GstRt, it.SgstAmt, it.CgstAmt, it.IgstAmt, it.CesRt, it.CesAmt, it.TotItemVal,
        p.ValDtls.AssVal, p.ValDtls.IgstVal, p.ValDtls.RndOffAmt, p.ValDtls.TotInvVal, null,
      ]);
    });
  }
  await wb.xlsx.writeFile(file);
}

/**
 * A large register for the benchmark, written with exceljs's streaming writer: `docs` documents of
 * `linesPerDoc` lines, amounts as numbers (as most exports hold them), dates as real Excel dates.
 */
export async function writeBigRegister(file: string, docs: number, linesPerDoc: number, date: Date, prefix = 'BN'): Promise<void> {
  const out = createWriteStream(file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Sales');
  ws.addRow(['Invoice No', 'Invoice Date', 'Customer GSTIN', 'Customer Name', 'Address', 'City', 'PIN', 'State', 'Item', 'HSN/SAC', 'Qty', 'Unit', 'Rate', 'Taxable Value', 'GST Rate', 'IGST', 'Invoice Value']).commit();
  const b = BUYERS.mh;
  for (let d = 0; d < docs; d += 1) {
    const no = `${prefix}/${String(d + 1).padStart(5, '0')}`;
    let total = 0;
    const lines: Array<[number, number]> = [];
    for (let l = 0; l < linesPerDoc; l += 1) {
      const value = (l + 1) * 1000_00 + d;
      lines.push([value, Math.round(value * 0.18)]);
      total += value + Math.round(value * 0.18);
    }
    for (let l = 0; l < linesPerDoc; l += 1) {
      const [value, igst] = lines[l]!;
      const row = ws.addRow([no, date, b.gstin, b.name, b.address, b.city, Number(b.pin), b.state, `Item ${l + 1}`, '84713010', 1, 'NOS', value / 100, value / 100, 18, igst / 100, Math.round(total / 100)]);
      row.getCell(2).numFmt = 'dd/mm/yyyy';
      row.commit();
    }
  }
  ws.commit();
  await wb.commit();
}
