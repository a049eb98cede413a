/**
 * What a column of a sales register can be: each field with its level (one value per document or
 * one per line), a label for the mapping step and the headers it is recognised by. Headers are
 * compared after `headerKey` (case, spaces, punctuation and bracketed notes such as "(₹)" or
 * "(DD/MM/YYYY)" ignored). Synonyms come from the issue, Tally/Busy/Zoho register exports and the
 * single-sheet layout of NIC's Bulk Generation Tool (gsp-and-portal.md §4.4, a taxpayer's export:
 * its spelling, typos included). Earlier synonyms win when two columns claim one field.
 */
export type FieldLevel = 'document' | 'line';

export interface FieldDef {
  label: string;
  level: FieldLevel;
  synonyms: readonly string[];
  /** The mapping step asks for these before anything can be previewed. */
  required?: boolean;
}

export const FIELDS = {
  docType: { label: 'Document type', level: 'document', synonyms: ['Document Type', 'Doc Type', 'Voucher Type', 'Invoice Type', 'Type of Document', 'Note Type', 'Type'] },
  docNo: { label: 'Document number', level: 'document', required: true, synonyms: ['Document Number', 'Document No', 'Doc No', 'Invoice No', 'Invoice Number', 'Voucher No', 'Voucher Number', 'Bill No', 'Bill Number', 'Note Number', 'Note No', 'Inv No', 'Invoice #', 'Number'] },
  docDate: { label: 'Document date', level: 'document', required: true, synonyms: ['Document Date', 'Doc Date', 'Invoice Date', 'Voucher Date', 'Bill Date', 'Note Date', 'Inv Date', 'Date'] },
  sellerGstin: { label: 'Seller GSTIN', level: 'document', synonyms: ['Seller GSTIN', 'Supplier GSTIN', 'GSTIN of Supplier', 'Our GSTIN', 'Company GSTIN', 'Seller Gstin No'] },
  supplyType: { label: 'Supply type', level: 'document', synonyms: ['Supply Type', 'Type of Supply', 'Nature of Supply', 'Transaction Type', 'Export Type'] },
  reverseCharge: { label: 'Reverse charge (Y/N)', level: 'document', synonyms: ['Reverse Charge', 'Reverse Charges', 'RCM', 'Reverse Charge Applicable', 'Is Reverse Charge'] },
  igstOnIntra: { label: 'IGST on intra-state (Y/N)', level: 'document', synonyms: ['IGST on intra', 'IGST on Intra State', 'Igst On Intra Supply'] },
  ecmGstin: { label: 'E-commerce GSTIN', level: 'document', synonyms: ['E-Comm GSTIN', 'E-Commerce GSTIN', 'Ecom GSTIN', 'ECO GSTIN'] },
  buyerGstin: { label: 'Buyer GSTIN', level: 'document', synonyms: ['Buyer GSTIN', 'GSTIN of Buyer', 'Party GSTIN', 'Customer GSTIN', 'GSTIN/UIN', 'GSTIN/UIN of Recipient', 'Recipient GSTIN', 'Receiver GSTIN', 'Party GSTIN/UIN', 'Client GSTIN', 'GSTIN', 'GST No', 'GSTIN No'] },
  buyerName: { label: 'Buyer legal name', level: 'document', synonyms: ['Buyer Name', 'Buyer Legal Name', 'Legal Name', 'Party Name', 'Customer Name', 'Receiver Name', 'Recipient Name', 'Client Name', 'Particulars', 'Party', 'Customer', 'Buyer', 'Name'] },
  buyerTradeName: { label: 'Buyer trade name', level: 'document', synonyms: ['Buyer Trade Name', 'Trade Name', 'Party Trade Name'] },
  buyerAddress1: { label: 'Buyer address line 1', level: 'document', synonyms: ['Buyer Address', 'Buyer Address 1', 'Address', 'Address 1', 'Addr1', 'Address Line 1', 'Party Address', 'Customer Address', 'Billing Address'] },
  buyerAddress2: { label: 'Buyer address line 2', level: 'document', synonyms: ['Buyer Address 2', 'Address 2', 'Addr2', 'Address Line 2'] },
  buyerCity: { label: 'Buyer city', level: 'document', synonyms: ['Buyer City', 'City', 'Location', 'Buyer Location', 'Town', 'Party City', 'Place'] },
  buyerPin: { label: 'Buyer PIN code', level: 'document', synonyms: ['Buyer PIN', 'Buyer Pincode', 'Pincode', 'PIN', 'PIN Code', 'Postal Code', 'Zip'] },
  buyerState: { label: 'Buyer state', level: 'document', synonyms: ['Buyer State', 'Party State', 'Customer State', 'Buyer State Code', 'State Code', 'State Name', 'State'] },
  placeOfSupply: { label: 'Place of supply', level: 'document', synonyms: ['Place of Supply', 'POS', 'Place of Supply State', 'Supply State', 'State'] },
  buyerPhone: { label: 'Buyer phone', level: 'document', synonyms: ['Buyer Phone', 'Phone', 'Mobile', 'Phone No', 'Contact No'] },
  buyerEmail: { label: 'Buyer e-mail', level: 'document', synonyms: ['Buyer Email', 'Email', 'E-mail', 'Email ID'] },
  originalInvoiceNo: { label: 'Original invoice number (notes)', level: 'document', synonyms: ['Original Invoice No', 'Original Invoice Number', 'Preceding Invoice No', 'Preceding invoice number', 'Against Invoice No', 'Ref Invoice No', 'Reference Invoice No'] },
  originalInvoiceDate: { label: 'Original invoice date (notes)', level: 'document', synonyms: ['Original Invoice Date', 'Preceding Invoice Date', 'Against Invoice Date', 'Ref Invoice Date', 'Reference Invoice Date'] },
  invoiceDiscount: { label: 'Invoice discount', level: 'document', synonyms: ['Invoice Discount', 'Total Discount', 'Discount on Invoice', 'Cash Discount'] },
  invoiceOtherCharges: { label: 'Invoice other charges', level: 'document', synonyms: ['Other Charges on Invoice', 'Invoice Other Charges', 'Total Other Charges', 'Freight', 'Freight Charges'] },
  roundOff: { label: 'Round off', level: 'document', synonyms: ['Round Off', 'Rounding Off', 'Round Off Amount', 'Rounded Off', 'RndOffAmt'] },
  totalInvoiceValue: { label: 'Invoice total (checked)', level: 'document', synonyms: ['Total Invoice Value', 'Invoice Value', 'Invoice Total', 'Invoice Amount', 'Gross Total', 'Grand Total', 'Bill Amount', 'Total Amount', 'Note Value', 'Net Amount', 'TotInvVal'] },
  totalTaxableValue: { label: 'Invoice taxable value (checked)', level: 'document', synonyms: ['Total Taxable Value', 'Invoice Taxable Value', 'Taxable Value of Invoice', 'AssVal'] },
  totalIgst: { label: 'Invoice IGST (checked)', level: 'document', synonyms: ['Total IGST', 'Total IGST Amount', 'IGST Value', 'Invoice IGST'] },
  totalCgst: { label: 'Invoice CGST (checked)', level: 'document', synonyms: ['Total CGST', 'Total CGST Amount', 'CGST Value', 'Invoice CGST'] },
  totalSgst: { label: 'Invoice SGST (checked)', level: 'document', synonyms: ['Total SGST', 'Total SGST Amount', 'SGST Value', 'Invoice SGST', 'Total UTGST'] },
  portCode: { label: 'Port code (exports)', level: 'document', synonyms: ['Port Code', 'Port'] },
  shippingBillNo: { label: 'Shipping bill number (exports)', level: 'document', synonyms: ['Shipping Bill No', 'Shipping Bill Number', 'Shipping Bill'] },
  shippingBillDate: { label: 'Shipping bill date (exports)', level: 'document', synonyms: ['Shipping Bill Date'] },
  foreignCurrency: { label: 'Foreign currency (exports)', level: 'document', synonyms: ['Foreign Currency', 'Currency', 'Currency Code'] },
  countryCode: { label: 'Country code (exports)', level: 'document', synonyms: ['Country Code', 'Country', 'Destination Country'] },
  description: { label: 'Item description', level: 'line', synonyms: ['Product Description', 'Item Description', 'Description', 'Item', 'Item Name', 'Product', 'Product Name', 'Stock Item', 'Goods Description', 'Particulars of Item', 'Service Description'] },
  hsn: { label: 'HSN/SAC', level: 'line', required: true, synonyms: ['HSN/SAC', 'HSN', 'HSN Code', 'SAC', 'SAC Code', 'HSN/SAC Code', 'HSN SAC', 'HSN No'] },
  isService: { label: 'Service (Y/N)', level: 'line', synonyms: ['Is Service', 'Is_service', 'IsServc', 'Goods or Service', 'Goods/Service'] },
  barcode: { label: 'Barcode', level: 'line', synonyms: ['Bar Code', 'Barcode', 'EAN'] },
  qty: { label: 'Quantity', level: 'line', synonyms: ['Quantity', 'Qty', 'Billed Qty', 'Billed Quantity', 'Actual Quantity', 'Nos'] },
  freeQty: { label: 'Free quantity', level: 'line', synonyms: ['Free Quantity', 'Free Qty'] },
  unit: { label: 'Unit (UQC)', level: 'line', synonyms: ['Unit', 'UQC', 'UOM', 'Unit of Measure', 'Units', 'Per'] },
  unitPrice: { label: 'Unit price', level: 'line', synonyms: ['Unit Price', 'Rate', 'Price', 'Rate per Unit', 'Unit Rate', 'Selling Price', 'Item Rate'] },
  grossAmount: { label: 'Gross amount (qty × price)', level: 'line', synonyms: ['Gross Amount', 'Amount', 'Total Amount of Item', 'Value', 'Item Amount', 'TotAmt'] },
  discount: { label: 'Line discount', level: 'line', synonyms: ['Discount', 'Item Discount', 'Discount Amount', 'Disc'] },
  taxableValue: { label: 'Taxable value', level: 'line', synonyms: ['Taxable Value', 'Assessable Value', 'Taxable Amount', 'Item Taxable Value', 'AssAmt', 'Pre Tax Value', 'Net Value'] },
  gstRate: { label: 'GST rate %', level: 'line', synonyms: ['GST Rate', 'GST Rate (%)', 'GST %', 'Tax Rate', 'Rate of Tax', 'GST Rate %', 'Tax %', 'IGST Rate', 'Rate of GST', 'GstRt'] },
  igstAmount: { label: 'IGST amount', level: 'line', synonyms: ['IGST Amount', 'IGST', 'Integrated Tax', 'Integrated Tax Amount', 'IGST Amt', 'IgstAmt'] },
  cgstAmount: { label: 'CGST amount', level: 'line', synonyms: ['CGST Amount', 'CGST', 'Central Tax', 'Central Tax Amount', 'CGST Amt', 'CgstAmt'] },
  sgstAmount: { label: 'SGST/UTGST amount', level: 'line', synonyms: ['SGST Amount', 'SGST', 'State Tax', 'State/UT Tax', 'State/UT Tax Amount', 'SGST/UTGST', 'UTGST', 'SGST Amt', 'SgstAmt'] },
  cessRate: { label: 'Cess rate %', level: 'line', synonyms: ['Cess Rate', 'Cess %', 'Cess Rate (%)', 'CesRt'] },
  cessAmount: { label: 'Cess amount', level: 'line', synonyms: ['Cess Amount', 'Cess', 'Cess Adval Amount', 'Cess Amt', 'CesAmt'] },
  stateCessRate: { label: 'State cess rate %', level: 'line', synonyms: ['State Cess Rate', 'State Cess %'] },
  stateCessAmount: { label: 'State cess amount', level: 'line', synonyms: ['State Cess Amount', 'State Cess', 'State Cess Adval Amount'] },
  otherCharges: { label: 'Line other charges', level: 'line', synonyms: ['Other Charges', 'Item Other Charges', 'OthChrg'] },
  lineTotal: { label: 'Line total (checked)', level: 'line', synonyms: ['Item Total', 'Total Item Value', 'Line Total', 'Item Total Value', 'TotItemVal'] },
} as const satisfies Record<string, FieldDef>;

export type FieldId = keyof typeof FIELDS;

export const FIELD_IDS = Object.keys(FIELDS) as FieldId[];

export function fieldDef(id: FieldId): FieldDef {
  return FIELDS[id];
}

/** "Taxable Value (₹)" → "taxablevalue"; "HSN/SAC" → "hsnsac"; "Invoice No." → "invoiceno". */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/₹|\brs\b\.?|\binr\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '');
}
