/**
 * The editor's fields by key ("docNo", "buyer.gstin", "lines.2.hsn", "shipTo.pin"): the words a
 * problem list uses for each. Moving the focus to one: focus.ts (every input carries data-field).
 */
const TOP: Readonly<Record<string, string>> = {
  business: 'Business', docType: 'Type', docNo: 'Number', docDate: 'Date', supplyType: 'Supply type', reverseCharge: 'Reverse charge',
  'buyer.gstin': 'Buyer GSTIN', 'buyer.legalName': 'Buyer legal name', 'buyer.address1': 'Buyer address', 'buyer.location': 'Buyer city',
  'buyer.pin': 'Buyer PIN', 'buyer.state': 'Buyer state', 'buyer.pos': 'Place of supply', buyer: 'Buyer', original: 'Original invoice',
  shipTo: 'Ship to', dispatch: 'Dispatch from',
};
const LINE: Readonly<Record<string, string>> = {
  description: 'Description', hsn: 'HSN/SAC', qty: 'Quantity', unit: 'Unit', rate: 'Rate', discount: 'Discount', gstRate: 'GST rate',
  cessRate: 'Cess rate', cessPerUnit: 'Cess per unit', row: 'Line',
};
const PLACE: Readonly<Record<string, string>> = { gstin: 'GSTIN', name: 'name', address1: 'address', address2: 'address line 2', location: 'city', pin: 'PIN', state: 'state' };

export function fieldLabel(field: string): string {
  const line = /^lines\.(\d+)\.(\w+)$/.exec(field);
  if (line) return `${LINE[line[2] ?? ''] ?? 'Line'} of line ${Number(line[1]) + 1}`;
  const orig = /^original\.(\d+)\.(number|date)$/.exec(field);
  if (orig) return `Original invoice ${orig[2] === 'number' ? 'number' : 'date'}`;
  const place = /^(shipTo|dispatch)\.(\w+)$/.exec(field);
  if (place) return `${place[1] === 'shipTo' ? 'Ship-to' : 'Dispatch-from'} ${PLACE[place[2] ?? ''] ?? ''}`.trim();
  return TOP[field] ?? 'Invoice';
}
