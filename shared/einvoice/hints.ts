/** What to do about each IRP error code, in words a shopkeeper can act on. */
const HINTS: Readonly<Record<string, string>> = {
  '2144': 'Write the date as dd/mm/yyyy, e.g. 05/04/2025.',
  '2150': 'This document number is already registered; fetch its IRN instead of registering again.',
  '2161': 'Choose Tax Invoice (INV), Credit Note (CRN) or Debit Note (DBN).',
  '2163': 'Use today\'s date or an earlier one.',
  '2172': 'Seller and place of supply are in the same state: charge CGST + SGST, not IGST (or set "IGST on intra-state").',
  '2174': 'Seller and place of supply are in different states: charge IGST instead of CGST + SGST.',
  '2176': 'Pick the HSN/SAC code from the master list (search by code or words).',
  '2177': 'Pick a unit from the UQC list (NOS, KGS, LTR, MTR, PCS, BOX, ...).',
  '2178': 'Check the PIN code and the state: the PIN must belong to that state.',
  '3038': 'Check the PIN code: no state has it (a typing mistake in its first three digits?).',
  '3039': 'Check the PIN code and the state: the PIN belongs to another state (outside India: state 96 and PIN 999999).',
  '2180': 'Exports carry IGST (or none, without payment), never CGST/SGST.',
  '2182': 'Recompute the totals: the document taxable value must equal the sum of the lines.',
  '2183': 'Recompute the totals: total SGST must equal the sum of the lines.',
  '2184': 'Recompute the totals: total CGST must equal the sum of the lines.',
  '2185': 'Recompute the totals: total IGST must equal the sum of the lines.',
  '2186': 'Recompute the totals: total cess must equal the sum of the lines.',
  '2189': 'Recompute the invoice total: items − discount + other charges + round-off.',
  '2192': 'Gross amount should be quantity × unit price.',
  '2193': 'Taxable value should be gross amount − discount.',
  '2194': 'Line total should be taxable value + taxes + cess + other charges.',
  '2199': 'Check the HSN/SAC code: at least 6 digits when your turnover is ₹5 crore or more, and a SAC (starting 99) only for services.',
  '2202': 'Enter the destination country as a 2-letter code (US, AE, GB, ...).',
  '2208': 'Fill in the export details (country, port, shipping bill).',
  '2211': 'The buyer GSTIN cannot be your own GSTIN.',
  '2212': 'Only exports may use URP; enter the buyer\'s GSTIN.',
  '2220': 'The invoice discount must be less than the invoice total.',
  '2227': 'CGST and SGST must be equal halves of the GST rate.',
  '2228': 'Add at least one line.',
  '2173': 'An invoice may have at most 1000 lines; split it.',
  '2233': 'Give every line its own serial number.',
  '2234': 'CGST and SGST should each be half the GST rate on the taxable value.',
  '2235': 'IGST should be the GST rate on the taxable value.',
  '2238': 'Enter a quantity for goods.',
  '2239': 'Enter a unit for goods.',
  '2240': 'Use a notified GST rate: 0, 0.1, 0.25, 1, 1.5, 3, 5, 6, 7.5, 12, 18 or 28.',
  '2242': 'Domestic supplies need an Indian place of supply (not 96).',
  '2243': 'Choose the state of the place of supply.',
  '2244': 'Enter the buyer\'s PIN code.',
  '2248': 'Export buyers are entered as URP (unregistered person).',
  '2258': 'The seller state must match the first two digits of the seller GSTIN.',
  '2259': 'Choose the seller\'s state.',
  '2260': 'Choose the buyer\'s state (96 for a foreign buyer).',
  '2262': '"IGST on intra-state" needs the place of supply in the seller\'s state.',
  '2265': 'The buyer state must match the first two digits of the buyer GSTIN.',
  '2305': 'The IRP refuses documents 30 or more days old for your turnover; date it within the last 30 days or contact your tax advisor.',
  '3028': 'Check the GSTIN with the buyer: it is not a registered GSTIN (a typing mistake usually breaks its last character, a check digit).',
  '3029': 'The GSTIN is inactive or cancelled on the GST portal; sync it or confirm with the buyer.',
  '5002': 'Correct the field as described.',
};

/**
 * Codes the IRP uses for more than one rule: the hint must fit the rule that fired, told apart by
 * the message (the IRP's own texts and ours share these words). The first match wins.
 */
const VARIANTS: Readonly<Record<string, ReadonlyArray<[RegExp, string]>>> = {
  '2199': [
    [/6 digit HSN/i, 'Use the full 6- or 8-digit HSN code (search by the first 4 digits or by words): a seller whose turnover is ₹5 crore or more must give at least 6 digits.'],
    [/Type of Supply/i, 'Services take SAC codes (starting 99) and goods take HSN codes: pick the code that matches what was sold.'],
  ],
  '2150': [[/already used by a/i, 'A number can be used once per financial year: take the next number, or open the document that has this one.']],
  '2144': [[/^There is no/i, 'Check the day and the month (the day comes first).']],
  '3028': [
    [/check digit/i, 'Check the GSTIN for a typing mistake: its last character is a check digit worked out from the other 14, and it does not match. Look the GSTIN up, or ask the buyer.'],
    [/master/i, 'The GST master does not know this GSTIN: check it with the buyer or look it up.'],
  ],
};

export function hintFor(code: string, message?: string): string | undefined {
  if (message !== undefined) for (const [re, hint] of VARIANTS[code] ?? []) if (re.test(message)) return hint;
  return HINTS[code];
}
