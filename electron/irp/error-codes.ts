/**
 * What the client makes of an IRP error code (irp-protocol.md §8): its kind, whether trying later can
 * help, a plain-language message where NIC's own text is cryptic, the INV-01 field it is about, and
 * an IRP-level hint. Invoice-rule hints live in shared/einvoice/hints.ts and are reused; codes missing
 * from both tables pass through with the IRP's own text.
 */
import { hintFor } from '../../shared/einvoice/hints';
import type { DuplicateInfo, IrpErrorDetail, IrpErrorKind } from './errors';
import { IrpError } from './errors';

interface CodeFacts {
  kind?: IrpErrorKind;
  retriable?: boolean;
  /** Replaces the IRP's text (used where NIC's text is cryptic or has no specifics). */
  message?: string;
  hint?: string;
  path?: string;
}

const CHECK_KEYS = 'Import the encryption public key of this exact endpoint (sandbox and production keys differ, and it is not the signing certificate).';
const CHECK_CLIENT = 'Check the client ID and client secret issued by NIC or your GSP for this endpoint; sandbox and production credentials differ.';
const CHECK_USER = 'Use the API user created on the e-invoice portal (API registration) for this GSTIN, not the GST portal login.';
const TRY_LATER = 'The IRP is busy or failing; the invoice stays queued and is retried automatically.';

const AUTH = (message: string, hint?: string): CodeFacts => ({ kind: 'auth', message, ...(hint ? { hint } : {}) });
const LATER = (message: string): CodeFacts => ({ kind: 'down', retriable: true, message, hint: TRY_LATER });

const FACTS: Readonly<Record<string, CodeFacts>> = {
  '1004': AUTH('The request did not carry the GSTIN header.', 'Pick the business (GSTIN) to register for; this is a problem in the app if it persists.'),
  '1005': AUTH('The IRP no longer accepts the session token.', 'Sign in again; if it keeps happening, check that the API user belongs to this GSTIN.'),
  '1006': AUTH('The request did not carry the API user name.', CHECK_USER),
  '1007': AUTH('The IRP could not read the sign-in request.', CHECK_KEYS),
  '1008': AUTH('The IRP rejected the API user name or password.', CHECK_USER),
  '1010': AUTH('The IRP rejected the client ID or client secret.', CHECK_CLIENT),
  '1011': AUTH('The client ID is missing.', CHECK_CLIENT),
  '1012': AUTH('The client secret is missing.', CHECK_CLIENT),
  '1013': AUTH('The IRP could not decrypt the sign-in data: the encryption public key set for this endpoint is wrong.', CHECK_KEYS),
  '1014': AUTH('The API user or the GSTIN is inactive or not enabled for e-invoicing.', 'Enable e-invoicing for this GSTIN on the e-invoice portal, or check that the GSTIN is active.'),
  '1015': AUTH('This API user does not belong to this GSTIN.', CHECK_USER),
  '1016': AUTH('The IRP could not decrypt the session key request: the encryption public key set for this endpoint is wrong.', CHECK_KEYS),
  '1017': AUTH('The API user name does not exist on this IRP.', CHECK_USER),
  '1018': AUTH('The client ID is not linked to this API user.', CHECK_CLIENT),
  '1019': AUTH('The API password is wrong.', CHECK_USER),
  '1020': AUTH('The IRP could not decrypt the request.', CHECK_KEYS),
  '3000': AUTH('The IRP rejected the login credentials.', CHECK_USER),
  '3002': AUTH('The IRP rejected the login credentials.', CHECK_USER),
  '3031': AUTH('The API user name is not valid.', CHECK_USER),
  '3046': AUTH('This GSTIN is not enabled for e-invoicing on production.', 'Enable e-invoicing on the e-invoice portal, or use the sandbox profile.'),
  '3053': AUTH('The IRP refused access.', CHECK_CLIENT),
  '3059': AUTH('No client ID is issued for this PAN, or this computer\'s IP address is not whitelisted.', 'Direct API access needs a whitelisted static IP; check the whitelisting status on the e-invoice portal or use a GSP.'),
  '3043': LATER('The IRP reported a temporary problem.'),
  '5001': LATER('The IRP reported an application error.'),
  SYS_5001: LATER('The IRP reported an application error.'),
  '2139': LATER('The IRP failed while creating the invoice.'),
  '2141': LATER('The IRP failed while cancelling the invoice.'),
  '2146': LATER('The IRP could not create the IRN right now.'),
  '2147': LATER('The IRP could not sign the invoice right now.'),
  '2148': {
    message: 'The IRP has no data for this IRN (it may have been generated on the other IRP).',
    hint: 'If the IRN came from the other IRP (IRP-1 / IRP-2), use that endpoint; otherwise use the signed invoice saved in the ledger.',
  },
  '2143': { message: 'This invoice belongs to another GSTIN.', hint: 'Use the business (GSTIN) that registered the invoice.' },
  '2150': { message: 'This document is already registered on the IRP (duplicate IRN).' },
  '2154': { message: 'The IRP has no IRN for this document.', hint: 'Register the document, or check its type, number and date.' },
  '2226': { message: 'You are not authorised to read this IRN.', hint: 'Use the business (GSTIN) that registered the invoice.' },
  '2230': {
    message: 'This IRN has an active e-way bill, so it cannot be cancelled.',
    hint: 'Cancel the e-way bill first, then cancel the IRN.',
  },
  '2270': {
    message: 'The IRN can no longer be cancelled: more than 24 hours have passed since it was generated.',
    hint: 'Issue a credit note instead and report the correction in GSTR-1.',
  },
  '2283': {
    message: 'The IRP only returns invoice details for a few days after generation; this IRN is older.',
    hint: 'Use the signed invoice saved in the ledger.',
  },
  '2295': { message: 'Another IRP already registered this IRN.', hint: 'Check the rejected IRNs list and the other IRP.' },
  '9999': { message: 'The invoice is not active on the IRP (it is already cancelled).', hint: 'Nothing to do if you meant to cancel it.' },
  '3001': { message: 'The IRP has no data for this request (unknown GSTIN?).' },
  '4000': { message: 'The IRN is not active (cancelled), so no e-way bill can be raised on it.' },
  '4002': { message: 'An e-way bill already exists for this IRN.', hint: 'Fetch it with "get e-way bill by IRN" instead of generating again.' },
  '4005': { message: 'The IRP has no e-way bill for this IRN.' },
  '4015': { message: 'E-way bills are blocked for this GSTIN (returns not filed).', hint: 'File the pending returns on the GST portal.' },
};

/** The INV-01 / e-way-bill field each code is about (generic paths, `[]` for "some item"). */
const PATHS: Readonly<Record<string, string>> = {
  '2144': 'DocDtls.Dt', '2161': 'DocDtls.Typ', '2163': 'DocDtls.Dt', '2225': 'DocDtls.Dt', '2305': 'DocDtls.Dt',
  '2172': 'ItemList[].IgstAmt', '2174': 'ItemList[].CgstAmt', '2176': 'ItemList[].HsnCd', '2177': 'ItemList[].Unit',
  '2180': 'ItemList[].CgstAmt', '2182': 'ValDtls.AssVal', '2183': 'ValDtls.SgstVal', '2184': 'ValDtls.CgstVal',
  '2185': 'ValDtls.IgstVal', '2186': 'ValDtls.CesVal', '2187': 'ValDtls.StCesVal', '2189': 'ValDtls.TotInvVal',
  '2192': 'ItemList[].TotAmt', '2193': 'ItemList[].AssAmt', '2194': 'ItemList[].TotItemVal', '2199': 'ItemList[].HsnCd',
  '2202': 'ExpDtls.CntCode', '2201': 'ExpDtls.Port', '2203': 'ExpDtls.ForCur', '2208': 'ExpDtls',
  '2211': 'BuyerDtls.Gstin', '2212': 'BuyerDtls.Gstin', '2213': 'SellerDtls.Gstin', '2220': 'ValDtls.Discount',
  '2227': 'ItemList[].SgstAmt', '2228': 'ItemList', '2233': 'ItemList[].SlNo', '2234': 'ItemList[].CgstAmt',
  '2235': 'ItemList[].IgstAmt', '2238': 'ItemList[].Qty', '2239': 'ItemList[].Unit', '2240': 'ItemList[].GstRt',
  '2242': 'BuyerDtls.Pos', '2243': 'BuyerDtls.Pos', '2244': 'BuyerDtls.Pin', '2248': 'BuyerDtls.Gstin',
  '2258': 'SellerDtls.Stcd', '2259': 'SellerDtls.Stcd', '2260': 'BuyerDtls.Stcd', '2262': 'BuyerDtls.Pos',
  '2265': 'BuyerDtls.Stcd', '2266': 'ItemList[].CesAmt', '2267': 'ItemList[].StateCesAmt',
  '4011': 'VehNo', '4012': 'TransDocNo', '4013': 'Distance', '4014': 'VehNo', '4016': 'TransDocDt', '4017': 'TransDocDt',
  '4018': 'TransId', '4019': 'TransId', '4020': 'VehType', '4021': 'TransDocDt', '4022': 'VehType',
  '4023': 'TransDocDt', '4027': 'TransId', '4028': 'TransMode', '4029': 'Distance', '4030': 'Distance', '4038': 'Distance',
};

/** Field names that appear in schema-level (5002) messages, mapped to their INV-01 path. */
const MESSAGE_FIELDS: ReadonlyArray<[RegExp, string]> = [
  [/\bdocument number\b/i, 'DocDtls.No'],
  [/\bdocument date\b/i, 'DocDtls.Dt'],
  [/\bProduct Description\b/i, 'ItemList[].PrdDesc'],
  [/\bAssessable Amount\b/i, 'ItemList[].AssAmt'],
  [/\brounding off amount\b/i, 'ValDtls.RndOffAmt'],
  [/\bfield unit\b/i, 'ItemList[].Unit'],
];

export function factsFor(code: string, irpMessage?: string): { kind: IrpErrorKind; retriable: boolean; message?: string; hint?: string; path?: string } {
  const f = FACTS[code] ?? {};
  const hint = f.hint ?? hintFor(code, irpMessage);
  const path = PATHS[code];
  return {
    kind: f.kind ?? 'business',
    retriable: f.retriable ?? false,
    ...(f.message !== undefined ? { message: f.message } : {}),
    ...(hint !== undefined ? { hint } : {}),
    ...(path !== undefined ? { path } : {}),
  };
}

function pathFromMessage(message: string): string | undefined {
  for (const [re, path] of MESSAGE_FIELDS) if (re.test(message)) return path;
  return undefined;
}

/**
 * One IrpError for a Status-0 answer. The first detail leads, except that a 2150 anywhere leads
 * (the engine must see the duplicate); all details travel in `details`.
 */
export function errorFromDetails(details: IrpErrorDetail[], duplicate?: DuplicateInfo): IrpError {
  // A DUPIRN without ErrorDetails still means "already registered".
  if (details.length === 0 && duplicate !== undefined) details = [{ code: '2150', message: 'Duplicate IRN' }];
  if (details.length === 0) {
    return new IrpError({ kind: 'protocol', code: 'BAD_RESPONSE', message: 'The IRP refused the request without saying why (Status 0, no error details).' });
  }
  const lead = details.find((d) => d.code === '2150') ?? details[0]!;
  const facts = factsFor(lead.code, lead.message);
  // Codes with a plain message in FACTS have no placeholder worth keeping; the rest carry the
  // specifics (the HSN, the item, the GSTIN) in NIC's own text, which therefore passes through.
  const message = facts.message ?? (lead.message || `The IRP refused the request (error ${lead.code}).`);
  const more = details.length > 1 ? ` (and ${details.length - 1} more error${details.length > 2 ? 's' : ''})` : '';
  const path = facts.path ?? pathFromMessage(lead.message);
  return new IrpError({
    kind: facts.kind,
    code: lead.code,
    message: message + more,
    retriable: facts.retriable,
    details,
    ...(path !== undefined ? { path } : {}),
    ...(facts.hint !== undefined ? { hint: facts.hint } : {}),
    ...(duplicate !== undefined && lead.code === '2150' ? { duplicate } : {}),
  });
}
