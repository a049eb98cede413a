/**
 * The practice GSPs' own credentials: what each GSP would issue to a customer (an app id and
 * secret, an ASP id, a token, a login), published at GET /sandbox/gsp-accounts like the practice
 * API users. They protect nothing; they let every front door check its own headers.
 */
import { GSP_CODES, gspUserName, PRACTICE_ACCOUNTS, type GspPresetId } from '../accounts';

export interface PublishedGsp {
  preset: GspPresetId;
  /** --client-id ('' when the preset has none). */
  clientId: string;
  /** The client secret slot (gspappsecret, ASP password, X-CT-Auth-Token, Vayana login password …). */
  clientSecret: string;
  /** Non-secret fields (--field). */
  fields: Record<string, string>;
  /** Secret fields (EINVOICE_GSP_<KEY>). */
  secrets: Record<string, string>;
}

export const PUBLISHED: Readonly<Record<GspPresetId, PublishedGsp>> = {
  adaequare: { preset: 'adaequare', clientId: 'PRACTICE_ADQ_APPID', clientSecret: 'practice-adq-appsecret', fields: {}, secrets: {} },
  taxpro: { preset: 'taxpro', clientId: '1600000001', clientSecret: 'practice-txp-asppwd', fields: {}, secrets: {} },
  mastergst: { preset: 'mastergst', clientId: 'PRACTICE-MGS-CLIENT', clientSecret: 'practice-mgs-secret', fields: { email: 'accounts@practice.example', 'ip-address': '127.0.0.1' }, secrets: {} },
  'cleartax-gsp': { preset: 'cleartax-gsp', clientId: '', clientSecret: 'practice-ctg-auth-token-0001', fields: {}, secrets: {} },
  'cleartax-asp': { preset: 'cleartax-asp', clientId: '', clientSecret: 'practice-cta-auth-token-0001', fields: {}, secrets: {} },
  vayana: { preset: 'vayana', clientId: 'practice@vayana.example', clientSecret: 'practice-vay-login', fields: { 'org-id': 'PRACTICE-ORG-VAY', irp: 'ni1' }, secrets: {} },
  'vayana-eas': { preset: 'vayana-eas', clientId: 'practice-eas@vayana.example', clientSecret: 'practice-vea-login', fields: { 'org-id': 'PRACTICE-ORG-VEA', irp: 'ni1' }, secrets: {} },
  mastersindia: { preset: 'mastersindia', clientId: 'PRACTICE-MSI-CLIENT', clientSecret: 'practice-msi-secret', fields: {}, secrets: {} },
};

/** GET /sandbox/gsp-accounts: per GSP, its credentials and the API users made "through" it. */
export function gspAccountsView(): Array<PublishedGsp & { users: Array<{ gstin: string; userName: string; password: string; legalName: string }> }> {
  return (Object.keys(GSP_CODES) as GspPresetId[]).map((id) => ({
    ...PUBLISHED[id],
    users: PRACTICE_ACCOUNTS.map((a) => ({ gstin: a.gstin, userName: gspUserName(GSP_CODES[id], a.userName), password: a.password, legalName: a.legalName })),
  }));
}
