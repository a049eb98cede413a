/**
 * Presets of GSPs that answer in their own envelope (gsp-and-portal.md §2.1, §2.3, §2.4b, §2.6):
 * Adaequare's enriched API, MasterGST, ClearTax's ASP API and Masters India. All take plain JSON
 * and do NIC's crypto themselves; the app still verifies NIC's signatures on what comes back.
 */
import type { GspConfigInput } from './config';

const CANCEL_BODY = { kind: 'json', value: { Irn: '{irn}', CnlRsn: '{reason}', CnlRem: '{remark}' } } as const;

export const ADAEQUARE: GspConfigInput = {
  id: 'adaequare',
  name: 'Adaequare (enriched API)',
  portalName: 'Adaequare Info Private Limited',
  crypto: 'plain',
  environments: {
    sandbox: { baseUrl: 'https://gsp.adaequare.com/test', authUrl: 'https://gsp.adaequare.com/gsp/authenticate' },
    production: { baseUrl: 'https://gsp.adaequare.com', authUrl: 'https://gsp.adaequare.com/gsp/authenticate' },
  },
  credentials: {
    clientId: { means: 'gspappid (issued by Adaequare)', required: true },
    clientSecret: { means: 'gspappsecret (issued by Adaequare)', required: true },
    user: { means: 'user_name: the API user created on the e-invoice portal for Adaequare', required: true },
    password: { means: 'password: that API user\'s password (sent on every call, over TLS)', required: true },
  },
  auth: {
    kind: 'token', method: 'POST', path: '/gsp/authenticate', query: { grant_type: 'token' },
    headers: { gspappid: '{clientId}', gspappsecret: '{clientSecret}' },
    token: 'access_token', tokenType: 'token_type', expiry: { path: 'expires_in', unit: 'seconds' },
  },
  tokenPlacement: { header: 'authorization', prefix: '{tokenType} ' },
  headers: { user_name: '{user}', password: '{password}', gstin: '{gstin}', requestid: '{requestId}' },
  operations: {
    generate: { method: 'POST', path: '/enriched/ei/api/invoice', body: { kind: 'invoice', wrap: 'none' }, confidence: 'H' },
    cancel: { method: 'POST', path: '/enriched/ei/api/invoice/cancel', body: { kind: 'json', value: { Irn: '{irn}', Cnlrsn: '{reason}', Cnlrem: '{remark}' } }, confidence: 'H' },
    getByIrn: { method: 'GET', path: '/enriched/ei/api/invoice/irn', query: { irn: '{irn}' }, confidence: 'H' },
    gstinDetails: { method: 'GET', path: '/enriched/ei/api/master/gstin', query: { gstin: '{lookupGstin}' }, confidence: 'H' },
    syncGstin: { method: 'GET', path: '/enriched/ei/api/master/syncgstin', query: { gstin: '{lookupGstin}' }, confidence: 'M [inferred] from India Compliance\'s proxy layout' },
    generateEwb: { method: 'POST', path: '/enriched/ei/api/ewaybill', body: { kind: 'ewb' }, confidence: 'H' },
    getEwbByIrn: { method: 'GET', path: '/enriched/ei/api/ewaybill/irn', query: { irn: '{irn}' }, confidence: 'M [inferred] from India Compliance\'s proxy layout' },
    cancelEwb: {
      method: 'POST', path: '/enriched/ewb/ewayapi', query: { action: 'CANEWB' },
      // the e-way bill API names the user header "username"
      headers: { user_name: '', username: '{user}' },
      body: { kind: 'json', value: { ewbNo: '{ewbNo}', cancelRsnCode: '{ewbReason}', cancelRmrk: '{remark}' } },
      confidence: 'H for the request; its answer is read like the other calls [inferred]',
    },
  },
  response: { success: { path: 'success', equals: [true] }, data: 'result', errors: { path: 'message', format: 'code-text' }, info: 'info', duplicate: 'result' },
  gspErrors: {
    messagePath: 'message',
    rules: [
      { textIncludes: ['GSPGSTDOWN', 'GSPERR300', 'Connection reset', 'No route to host'], meaning: 'down' },
      { status: 401, meaning: 'reauth' },
      { status: 403, meaning: 'credentials' },
      { status: 429, meaning: 'quota' },
    ],
  },
  notes: [
    'Adaequare has no "get IRN by document details": after a lost answer the app computes the IRN of the document and asks get-by-IRN, which answers the same question [inferred].',
    'HTTP 429 is read as "API credits used up" as India Compliance\'s Adaequare-based service does [inferred for Adaequare itself].',
  ],
};

const MG = (type: string) => `/einvoice/type/${type}/version/V1_03`;

export const MASTERGST: GspConfigInput = {
  id: 'mastergst',
  name: 'MasterGST / WhiteBooks',
  crypto: 'plain',
  environments: { production: { baseUrl: 'https://api.mastergst.com' } },
  credentials: {
    clientId: { means: 'client_id (issued by MasterGST)', required: true },
    clientSecret: { means: 'client_secret (issued by MasterGST)', required: true },
    user: { means: 'username: the API user created on the e-invoice portal for MasterGST', required: true },
    password: { means: 'password: that API user\'s password (sent only to sign in)', required: true },
  },
  fields: [
    { key: 'email', label: 'MasterGST account e-mail', secret: false, required: true, note: 'Sent as ?email= on every call.' },
    { key: 'ip-address', label: 'Your public IP address', secret: false, required: true, note: 'MasterGST\'s ip_address header.' },
  ],
  auth: {
    kind: 'token', method: 'GET', path: '/einvoice/authenticate', query: { email: '{field.email}' },
    headers: { ip_address: '{field.ip-address}', client_id: '{clientId}', client_secret: '{clientSecret}', username: '{user}', password: '{password}', gstin: '{gstin}' },
    token: 'data.AuthToken', expiry: { path: 'data.TokenExpiry', unit: 'ist' },
  },
  tokenPlacement: { header: 'auth-token' },
  query: { email: '{field.email}' },
  headers: { ip_address: '{field.ip-address}', client_id: '{clientId}', client_secret: '{clientSecret}', username: '{user}', gstin: '{gstin}' },
  operations: {
    generate: { method: 'POST', path: MG('GENERATE'), body: { kind: 'invoice', wrap: 'none' }, confidence: 'H' },
    cancel: { method: 'POST', path: MG('CANCEL'), body: CANCEL_BODY, confidence: 'M' },
    getByIrn: { method: 'GET', path: MG('GETIRN'), query: { param1: '{irn}', supplier_gstn: '{gstin}' }, confidence: 'M' },
    getByDocDetails: { method: 'GET', path: MG('GETIRNBYDOCDETAILS'), query: { param1: '{docType}' }, headers: { docnum: '{docNo}', docdate: '{docDate}' }, confidence: 'M (param1 = the document type, not the GSTIN one client sends [inferred])' },
    gstinDetails: { method: 'GET', path: MG('GSTNDETAILS'), query: { param1: '{lookupGstin}' }, confidence: 'H' },
    generateEwb: { method: 'POST', path: MG('GENERATE_EWAYBILL'), body: { kind: 'ewb' }, confidence: 'H' },
    getEwbByIrn: { method: 'GET', path: MG('GETEWAYBILLIRN'), query: { param1: '{irn}' }, confidence: 'M' },
  },
  response: { success: { path: 'status_cd', equals: ['1'] }, data: 'data', errors: { path: 'status_desc', format: 'list-in-string' } },
  gspErrors: {
    messagePath: 'status_desc',
    rules: [
      { textIncludes: ['Invalid Token', 'auth token', 'Auth Token'], meaning: 'reauth' },
      { textIncludes: ['credit', 'balance'], meaning: 'quota' },
      { textIncludes: ['subscription', 'Subscription'], meaning: 'subscription' },
      { textIncludes: ['Invalid client', 'client_id', 'client_secret'], meaning: 'credentials' },
      { status: 503, meaning: 'down' },
    ],
  },
  notes: [
    'The sandbox host is not published in what we read (gsp-and-portal.md §5 question 5): for testing, type the address MasterGST gives you. Its legal name in the portal\'s GSP list was not captured: pick MasterGST\'s entry there.',
    'MasterGST\'s own messages (token, credits, subscription) are recognised by their words [inferred]; cancelling an e-way bill goes through its separate e-way-bill API and is not offered here.',
  ],
};

/** ClearTax's answers are per-document arrays; NIC's reply sits in govt_response [inferred shape]. */
const CT_RESPONSE: GspConfigInput['response'] = {
  success: { path: '[0].govt_response.Success', equals: ['Y'] },
  data: '[0].govt_response',
  errors: { path: '[0].govt_response.ErrorDetails', format: 'list', codeKey: 'error_code', messageKey: 'error_message' },
  info: '[0].govt_response.InfoDtls',
};

export const CLEARTAX_ASP: GspConfigInput = {
  id: 'cleartax-asp',
  name: 'ClearTax e-invoicing API (ASP)',
  portalName: 'DEFMACRO SOFTWARE PRIVATE LIMITED',
  crypto: 'plain',
  environments: {
    sandbox: { baseUrl: 'https://api-sandbox.clear.in' },
    production: { baseUrl: 'https://api.clear.in' },
  },
  credentials: {
    clientId: null,
    clientSecret: { means: 'X-Cleartax-Auth-Token (made from your ClearTax user id and password)', required: true },
    user: null,
    password: null,
  },
  fields: [{ key: 'branch', label: 'ClearTax branch', secret: false, required: false, note: 'Optional branch header.' }],
  auth: { kind: 'none' },
  headers: { 'X-Cleartax-Auth-Token': '{clientSecret}', gstin: '{gstin}', branch: '{field.branch}' },
  operations: {
    generate: { method: 'PUT', path: '/einv/v2/eInvoice/generate', body: { kind: 'invoice', wrap: 'transaction-array' }, confidence: 'H (request); the answer\'s field names [inferred]' },
    getByIrn: { method: 'GET', path: '/einv/v2/eInvoice/get', query: { irn: '{irn}' }, confidence: 'L' },
    cancel: { method: 'PUT', path: '/einv/v2/eInvoice/cancel', body: { kind: 'json', value: [{ irn: '{irn}', CnlRsn: '{reason}', CnlRem: '{remark}' }] }, confidence: 'L' },
    generateEwb: {
      method: 'POST', path: '/einv/v2/eInvoice/ewaybill',
      body: { kind: 'json', value: [{ Irn: '{irn}', Distance: '{ewb.Distance}', TransMode: '{ewb.TransMode}', TransId: '{ewb.TransId}', TransName: '{ewb.TransName}', TransDocNo: '{ewb.TransDocNo}', TransDocDt: '{ewb.TransDocDt}', VehNo: '{ewb.VehNo}', VehType: '{ewb.VehType}' }] },
      confidence: 'L',
    },
    cancelEwb: { method: 'POST', path: '/einv/v2/eInvoice/ewaybill/cancel', body: { kind: 'json', value: [{ ewbNo: '{ewbNo}', cancelRsnCode: '{ewbReason}', cancelRmrk: '{remark}' }] }, confidence: 'L' },
  },
  response: CT_RESPONSE,
  gspErrors: {
    rules: [
      { codes: ['301', '302'], meaning: 'down' },
      { codes: ['201'], meaning: 'not-enabled' },
      { codes: ['502'], meaning: 'credentials' },
      { status: 401, meaning: 'credentials' },
      { status: 403, meaning: 'credentials' },
      { status: 429, meaning: 'rate-limit' },
    ],
  },
  notes: [
    'ClearTax holds your e-invoice API user: give it to ClearTax, not to this app. GSTIN look-up is not part of this API.',
    'Only generate is documented by ClearTax itself; get, cancel and the e-way bill calls come from one unverified client (L). The per-document answer is read from govt_response [inferred].',
    'ClearTax\'s own codes: 301/302 = ClearTax or NIC busy (retried), 201 = NIC credentials not given to ClearTax, 502 = no access to this GSTIN.',
  ],
};

export const MASTERS_INDIA: GspConfigInput = {
  id: 'mastersindia',
  name: 'Masters India (legacy API)',
  crypto: 'plain',
  environments: {
    sandbox: { baseUrl: 'https://clientbasic.mastersindia.co' },
    production: { baseUrl: 'https://pro.mastersindia.co' },
  },
  credentials: {
    clientId: { means: 'client_id (issued by Masters India)', required: true },
    clientSecret: { means: 'client_secret (issued by Masters India)', required: true },
    user: { means: 'your Masters India account user name (Masters India holds the e-invoice API user)', required: true },
    password: { means: 'your Masters India account password', required: true },
  },
  auth: {
    kind: 'token', method: 'POST', path: '/oauth/access_token',
    body: { kind: 'json', value: { username: '{user}', password: '{password}', client_id: '{clientId}', client_secret: '{clientSecret}', grant_type: 'password' } },
    token: 'access_token', expiry: { path: 'expires_in', unit: 'seconds' },
  },
  tokenPlacement: { body: 'access_token' },
  operations: {
    generate: { method: 'POST', path: '/generateEinvoice', body: { kind: 'invoice', wrap: 'none', mapper: 'mastersindia', extra: { user_gstin: '{gstin}', data_source: 'erp' } }, confidence: 'H (endpoint, groups); item and total field names [inferred]' },
    getByIrn: { method: 'GET', path: '/getEinvoiceData', query: { access_token: '{token}', gstin: '{gstin}', irn: '{irn}' }, confidence: 'H' },
    cancel: { method: 'POST', path: '/cancelEinvoice', body: { kind: 'json', value: { user_gstin: '{gstin}', irn: '{irn}', cancel_reason: '{reason}', cancel_remarks: '{remark}' } }, confidence: 'H (endpoint); member names [inferred]' },
    generateEwb: {
      method: 'POST', path: '/generateEwaybillByIrn',
      body: { kind: 'json', value: { user_gstin: '{gstin}', irn: '{irn}', distance: '{ewb.Distance}', transportation_mode: '{ewb.TransMode}', transporter_id: '{ewb.TransId}', transporter_name: '{ewb.TransName}', transporter_document_number: '{ewb.TransDocNo}', transporter_document_date: '{ewb.TransDocDt}', vehicle_number: '{ewb.VehNo}', vehicle_type: '{ewb.VehType}', data_source: 'erp' } },
      confidence: 'H (endpoint); member names [inferred]',
    },
  },
  response: { success: { path: 'results.code', equals: [200] }, data: 'results.message', errors: { path: 'results.errorMessage', format: 'code-text' }, info: 'results.InfoDtls' },
  gspErrors: {
    messagePath: 'results.errorMessage',
    rules: [
      { status: 401, meaning: 'reauth' },
      { textIncludes: ['access token', 'Access Token', 'invalid_token'], meaning: 'reauth' },
      { textIncludes: ['credit', 'Credit'], meaning: 'quota' },
      { textIncludes: ['subscription', 'Subscription'], meaning: 'subscription' },
    ],
  },
  notes: [
    'Masters India takes its own snake_case invoice schema, not INV-01: the app maps INV-01 field by field (electron/irp/gsp/mastersindia-map.ts); the item and total member names are [inferred] from the documented groups.',
    'Masters India\'s legal name in the portal\'s GSP list was not captured. GSTIN look-up, e-way bill look-up and e-way bill cancel are not part of the documented legacy API. Its 2023+ API (JWT, /api/v1/einvoice/) is not covered (gsp-and-portal.md §5 question 6).',
  ],
};
