/**
 * Presets of GSPs whose API keeps NIC's paths or envelope (gsp-and-portal.md §2.2, §2.4a, §2.5):
 * TaxPro's "dec" API, ClearTax's GSP pass-through, Vayana's classic GSP and its Enriched API
 * Service. Facts the doc tags [inferred] are said so in `confidence` and `notes`.
 */
import type { GspConfigInput } from './config';

const NIC_LIST = { path: 'ErrorDetails', format: 'list' } as const;
const DOC_QUERY = { doctype: '{docType}', docnum: '{docNo}', docdate: '{docDate}' };
const CANCEL_BODY = { kind: 'json', value: { Irn: '{irn}', CnlRsn: '{reason}', CnlRem: '{remark}' } } as const;

export const TAXPRO: GspConfigInput = {
  id: 'taxpro',
  name: 'TaxPro (Chartered Information Systems)',
  portalName: 'Chartered Information Systems Private Limited',
  crypto: 'plain',
  environments: {
    sandbox: { baseUrl: 'https://gstsandbox.charteredinfo.com' },
    production: { baseUrl: 'https://einvapi.charteredinfo.com' },
  },
  credentials: {
    clientId: { means: 'aspid (the ASP id TaxPro issues)', required: true },
    clientSecret: { means: 'the ASP password ("password")', required: true },
    user: { means: 'user_name: the API user created on the e-invoice portal for TaxPro', required: true },
    password: { means: 'eInvPwd: that API user\'s password', required: true },
  },
  auth: {
    kind: 'token', method: 'GET', path: '/eivital/dec/v1.04/auth',
    headers: { aspid: '{clientId}', password: '{clientSecret}', Gstin: '{gstin}', user_name: '{user}', eInvPwd: '{password}' },
    token: 'Data.AuthToken', expiry: { path: 'Data.TokenExpiry', unit: 'ist' },
    response: { success: { path: 'Status', equals: ['1'] }, data: 'Data', errors: NIC_LIST },
  },
  tokenPlacement: { header: 'AuthToken' },
  headers: { aspid: '{clientId}', password: '{clientSecret}', Gstin: '{gstin}', user_name: '{user}', eInvPwd: '{password}', requestid: '{requestId}' },
  operations: {
    generate: { method: 'POST', path: '/eicore/dec/v1.03/Invoice', body: { kind: 'invoice', wrap: 'none' }, confidence: 'H' },
    cancel: { method: 'POST', path: '/eicore/dec/v1.03/Invoice/Cancel', body: CANCEL_BODY, confidence: 'H' },
    getByIrn: { method: 'GET', path: '/eicore/dec/v1.03/Invoice/irn/{irn}', confidence: 'H' },
    getByDocDetails: { method: 'GET', path: '/eicore/dec/v1.03/Invoice/irnbydocdetails', query: DOC_QUERY, confidence: '[inferred] from NIC\'s path and the "dec" pattern' },
    gstinDetails: { method: 'GET', path: '/eivital/dec/v1.04/Master/gstin/{lookupGstin}', confidence: 'H' },
    generateEwb: { method: 'POST', path: '/eiewb/dec/v1.03/ewaybill', body: { kind: 'ewb' }, confidence: 'H' },
    getEwbByIrn: { method: 'GET', path: '/eiewb/dec/v1.03/ewaybill/irn/{irn}', confidence: 'H' },
  },
  response: { success: { path: 'Status', equals: ['1'] }, data: 'Data', errors: NIC_LIST, info: 'InfoDtls' },
  gspErrors: {
    codePath: 'error.error_cd', messagePath: 'error.message',
    rules: [
      { codes: ['GSP752'], meaning: 'reauth' },
      { codes: ['GSP102'], meaning: 'credentials' },
      { textIncludes: ['balance', 'Balance'], meaning: 'quota' },
      { textIncludes: ['expired', 'Expired', 'validity'], meaning: 'subscription' },
      { status: 503, meaning: 'down' },
    ],
  },
  notes: [
    'Cancelling an e-way bill needs TaxPro\'s separate e-way-bill sign-in (ewbpwd); not offered here: cancel it on the e-way bill portal.',
    'Get IRN by document details follows NIC\'s path under /dec [inferred]; a refused aspid / ASP password is read from error code GSP102, quota ("balance") and subscription messages by their words [inferred].',
    'Production has backup hosts einvapimum1 / einvapidel2.charteredinfo.com: use one of them as the endpoint when the main host is down.',
  ],
};

export const CLEARTAX_GSP: GspConfigInput = {
  id: 'cleartax-gsp',
  name: 'ClearTax GSP API (pass-through)',
  portalName: 'DEFMACRO SOFTWARE PRIVATE LIMITED',
  crypto: 'nic-encrypted',
  environments: {
    sandbox: { baseUrl: 'https://api-sandbox.clear.in/einv-gsp' },
    production: { baseUrl: 'https://einv-gsp.cleartax.in/einv-gsp' },
  },
  credentials: {
    clientId: null,
    clientSecret: { means: 'X-CT-Auth-Token (issued by ClearTax sales); ClearTax adds NIC\'s client id and secret itself', required: true },
    user: { means: 'the API user created on the e-invoice portal for DEFMACRO (ClearTax)', required: true },
    password: { means: 'that API user\'s password (RSA-encrypted by this app, as on the direct road)', required: true },
  },
  auth: { kind: 'nic', path: '/vital/v1.04/auth', sendsClient: false },
  headers: { 'X-CT-Auth-Token': '{clientSecret}' },
  operations: {
    generate: { method: 'POST', path: '/core/v1.03/Invoice', body: { kind: 'invoice', wrap: 'none' }, confidence: 'H' },
    cancel: { method: 'POST', path: '/core/v1.03/Invoice/Cancel', body: CANCEL_BODY, confidence: 'H' },
    getByIrn: { method: 'GET', path: '/core/v1.03/Invoice/irn/{irn}', confidence: 'H' },
    getByDocDetails: { method: 'GET', path: '/core/v1.03/Invoice/irnbydocdetails', query: DOC_QUERY, confidence: 'H' },
    gstinDetails: { method: 'GET', path: '/vital/v1.03/Master/gstin/{lookupGstin}', confidence: 'H' },
    syncGstin: { method: 'GET', path: '/vital/v1.04/Master/syncgstin/{lookupGstin}', confidence: 'H' },
    generateEwb: { method: 'POST', path: '/eiewb/v1.03/ewaybill', body: { kind: 'ewb' }, confidence: 'H' },
    getEwbByIrn: { method: 'GET', path: '/eiewb/v1.03/ewaybill/irn/{irn}', confidence: 'H' },
    cancelEwb: { method: 'POST', path: '/ewb/v1.03/ewayapi', body: { kind: 'json', value: { ewbNo: '{ewbNo}', cancelRsnCode: '{ewbReason}', cancelRmrk: '{remark}' } }, confidence: 'H' },
  },
  gspErrors: { rules: [{ status: 401, meaning: 'credentials' }, { status: 403, meaning: 'credentials' }, { status: 429, meaning: 'rate-limit' }] },
  notes: [
    'This app does NIC\'s RSA/AES work itself: import the encryption public key ClearTax publishes for its sandbox (production: NIC\'s key, as ClearTax tells you) and NIC\'s signing certificate.',
    'The production host is the older documented one; ClearTax moved to *.clear.in in 2022 and the new production host was not captured: use the address ClearTax gives you.',
  ],
};

/** Vayana's sign-in ("theodore": the account's e-mail handle and password → a token of up to 360 minutes) and its fields. */
const VAYANA_LOGIN = {
  kind: 'token', method: 'POST', path: '/theodore/apis/v1/authtokens',
  body: { kind: 'json', value: { handle: '{clientId}', password: '{clientSecret}', handleType: 'email', tokenDurationInMins: 360 } },
  token: 'data.token', expiry: { minutes: 360 },
} as const;

const VAYANA_FIELDS: GspConfigInput['fields'] = [
  { key: 'org-id', label: 'Vayana organisation id', secret: false, required: true, note: 'X-FLYNN-N-ORG-ID, given at sign-up with Vayana.' },
  { key: 'irp', label: 'IRP (ni1 or ni2)', secret: false, required: false, default: 'ni1', note: 'ni1 = NIC IRP-1, ni2 = IRP-2.' },
];

export const VAYANA: GspConfigInput = {
  id: 'vayana',
  name: 'Vayana GSP (classic pass-through)',
  portalName: 'Vay Network Services Pvt. Ltd.',
  crypto: 'nic-encrypted',
  environments: {},
  defaultAuthUrl: 'https://services.vayana.com/theodore/apis/v1/authtokens',
  credentials: {
    clientId: { means: 'your Vayana login e-mail (the "handle"); Vayana adds NIC\'s client id itself [inferred]', required: true },
    clientSecret: { means: 'your Vayana login password [inferred]', required: true },
    user: { means: 'the API user created on the e-invoice portal for Vay Network Services', required: true },
    password: { means: 'that API user\'s password (RSA-encrypted by this app)', required: true },
  },
  fields: VAYANA_FIELDS,
  auth: {
    kind: 'nic', path: '/gus/irp/{field.irp}/eivital/v1.04/auth', sendsClient: false,
    headers: { 'X-FLYNN-N-ORG-ID': '{field.org-id}', 'X-FLYNN-N-USER-TOKEN': '{token}' },
    gspLogin: VAYANA_LOGIN,
  },
  headers: { 'X-FLYNN-N-ORG-ID': '{field.org-id}', 'X-FLYNN-N-USER-TOKEN': '{token}' },
  operations: {
    generate: { method: 'POST', path: '/gus/irp/{field.irp}/eicore/v1.03/Invoice', body: { kind: 'invoice', wrap: 'none' }, confidence: 'M' },
    cancel: { method: 'POST', path: '/gus/irp/{field.irp}/eicore/v1.03/Invoice/Cancel', body: CANCEL_BODY, confidence: 'M' },
    getByIrn: { method: 'GET', path: '/gus/irp/{field.irp}/eicore/v1.03/Invoice/irn/{irn}', confidence: 'M' },
    getByDocDetails: { method: 'GET', path: '/gus/irp/{field.irp}/eicore/v1.03/Invoice/irnbydocdetails', query: DOC_QUERY, confidence: 'M' },
    gstinDetails: { method: 'GET', path: '/gus/irp/{field.irp}/eivital/v1.04/Master/gstin/{lookupGstin}', confidence: 'M' },
    syncGstin: { method: 'GET', path: '/gus/irp/{field.irp}/eivital/v1.03/Master/syncgstin/{lookupGstin}', confidence: 'M' },
    generateEwb: { method: 'POST', path: '/gus/irp/{field.irp}/eiewb/v1.03/ewaybill', body: { kind: 'ewb' }, confidence: 'M' },
    getEwbByIrn: { method: 'GET', path: '/gus/irp/{field.irp}/eiewb/v1.03/ewaybill/irn/{irn}', confidence: 'M' },
  },
  gspErrors: { codePath: 'error.message', rules: [{ status: 401, meaning: 'reauth' }, { status: 429, meaning: 'rate-limit' }] },
  notes: [
    'NIC paths map 1:1 under /gus/irp/{ni1|ni2} (M). Vayana\'s host for this API and its sign-in headers were not captured: the headers are those of Vayana\'s Enriched API [inferred]; type the address Vayana gives you.',
    'Cancelling an e-way bill is not mapped for this API: cancel it on the e-way bill portal.',
  ],
};

const EAS = '/basic/einv/v3.0/{field.irp}';
const EAS_ERRORS = { path: 'error.args.details', format: 'list' } as const;

export const VAYANA_EAS: GspConfigInput = {
  id: 'vayana-eas',
  name: 'Vayana Enriched API Service (EAS)',
  portalName: 'Vay Network Services Pvt. Ltd.',
  crypto: 'plain',
  environments: {
    sandbox: { baseUrl: 'https://solo.enriched-api.vayana.com', authUrl: 'https://sandbox.services.vayananet.com/theodore/apis/v1/authtokens' },
    production: { baseUrl: 'https://live.enriched-api.vayana.com', authUrl: 'https://services.vayana.com/theodore/apis/v1/authtokens' },
  },
  credentials: {
    clientId: { means: 'your Vayana login e-mail (the "handle")', required: true },
    clientSecret: { means: 'your Vayana login password', required: true },
    user: { means: 'X-FLYNN-N-IRP-USERNAME: the API user created on the e-invoice portal for Vay Network Services', required: true },
    password: { means: 'X-FLYNN-N-IRP-PWD: that API user\'s password', required: true },
  },
  fields: VAYANA_FIELDS,
  auth: VAYANA_LOGIN,
  tokenPlacement: { header: 'X-FLYNN-N-USER-TOKEN' },
  headers: {
    'X-FLYNN-N-ORG-ID': '{field.org-id}', 'X-FLYNN-N-IRP-GSP-CODE': 'vay', 'X-FLYNN-N-IRP-GSTIN': '{gstin}',
    'X-FLYNN-N-IRP-USERNAME': '{user}', 'X-FLYNN-N-IRP-PWD': '{password}',
  },
  operations: {
    generate: { method: 'POST', path: `${EAS}/eicore/v1.03/Invoice`, body: { kind: 'invoice', wrap: 'none' }, confidence: 'H' },
    cancel: { method: 'POST', path: `${EAS}/eicore/v1.03/Invoice/Cancel`, body: CANCEL_BODY, confidence: 'H' },
    getByIrn: { method: 'GET', path: `${EAS}/eicore/v1.03/Invoice/irn/{irn}`, confidence: 'M [inferred] from the generate/cancel pattern' },
    getByDocDetails: { method: 'GET', path: `${EAS}/eicore/v1.03/Invoice/irnbydocdetails`, query: DOC_QUERY, confidence: 'M [inferred]' },
    gstinDetails: { method: 'GET', path: `${EAS}/eivital/v1.04/Master/gstin/{lookupGstin}`, confidence: 'M [inferred]' },
    syncGstin: { method: 'GET', path: `${EAS}/eivital/v1.03/Master/syncgstin/{lookupGstin}`, confidence: 'M [inferred]' },
    generateEwb: { method: 'POST', path: `${EAS}/eiewb/v1.03/ewaybill`, body: { kind: 'ewb' }, confidence: 'M [inferred]' },
    getEwbByIrn: { method: 'GET', path: `${EAS}/eiewb/v1.03/ewaybill/irn/{irn}`, confidence: 'M [inferred]' },
  },
  response: { success: { path: 'status', equals: ['1'] }, data: 'data', errors: EAS_ERRORS, info: 'info' },
  gspErrors: {
    codePath: 'error.message', messagePath: 'error.message',
    rules: [
      { codes: ['err-unable-to-authenticate-with-empty-password'], meaning: 'credentials' },
      { status: 401, meaning: 'reauth' },
      { status: 429, meaning: 'rate-limit' },
      { status: 503, meaning: 'down' },
    ],
  },
  notes: [
    'Only generate and cancel routes are documented (v3.0); the others follow the same pattern [inferred] (gsp-and-portal.md §5 question 8).',
    'The token lives 360 minutes (the most Vayana allows); cancelling an e-way bill is not among the basic e-invoice routes: cancel it on the e-way bill portal.',
  ],
};
