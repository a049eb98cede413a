/**
 * Practice API users (what NIC issues at sandbox onboarding: client id/secret, API user name and
 * password, bound to one GSTIN). These are published practice credentials, shown by
 * GET /sandbox/accounts; they protect nothing. User names and passwords stay short because the
 * v1.04 auth JSON must fit one RSA-2048 PKCS#1 v1.5 block after Base64 (≤ 245 bytes, §2.2).
 */
import { GSTINS } from './taxpayers';

export interface PracticeAccount {
  gstin: string;
  clientId: string;
  clientSecret: string;
  userName: string;
  password: string;
  legalName: string;
  stateCode: string;
  /** Aggregate annual turnover (crore) for the 30-day and 6-digit-HSN rules. */
  aatoCrore: number;
}

function account(gstin: string, n: number, legalName: string, userName: string, aatoCrore: number): PracticeAccount {
  const tag = gstin.slice(0, 7);
  return {
    gstin,
    clientId: `AAPRC${String(n).padStart(2, '0')}TXP${tag.slice(2, 7)}`,
    clientSecret: `Pr4ct1ceS3cret${tag}`,
    userName,
    password: `Practice@${n}${gstin.slice(0, 2)}`,
    legalName,
    stateCode: gstin.slice(0, 2),
    aatoCrore,
  };
}

/** First the accounts with valid check digits (the UI's defaults), then NIC's test identities. */
export const PRACTICE_ACCOUNTS: readonly PracticeAccount[] = [
  account(GSTINS.maharashtra, 1, 'Practice Manufacturing Private Limited', 'practice_mh', 150),
  account(GSTINS.karnataka, 2, 'Practice Traders Bengaluru', 'practice_ka', 8),
  account(GSTINS.delhi, 3, 'Practice Distributors Delhi', 'practice_dl', 12),
  account(GSTINS.tamilNadu, 4, 'Practice Textiles Chennai', 'practice_tn', 25),
  account('29AWGPV7107B1Z1', 5, 'VIKAS EXPORTS', 'nic_test_29', 6),
  account('37ARZPT4384Q1MT', 6, 'NIC SANDBOX TEST SELLER', 'nic_test_37', 6),
  account('01AMBPG7773M002', 7, 'Resilient Test', 'nic_test_01', 6),
  account('02AMBPG7773M002', 8, 'Resilient Test', 'nic_test_02', 6),
  account(GSTINS.delhiEcommerce, 9, 'Practice Marketplace Operator', 'practice_eco', 500),
  account(GSTINS.gujaratInactive, 10, 'Practice Inactive Industries (inactive GSTIN: auth gives 1014)', 'practice_ina', 5),
];

/**
 * The GSPs the practice IRP has front doors for (sandbox/gsp), each with the NIC client id NIC
 * gave it. A taxpayer's API user created "through" a GSP is bound to that client: the same
 * GSTIN and password, the user name API_<CODE>_<user> (portal users get an API_ prefix).
 */
export const GSP_CODES = {
  adaequare: 'ADQ', taxpro: 'TXP', mastergst: 'MGS', 'cleartax-gsp': 'CTG', 'cleartax-asp': 'CTA', vayana: 'VAY', 'vayana-eas': 'VEA', mastersindia: 'MSI',
} as const;
export type GspPresetId = keyof typeof GSP_CODES;

export function gspNicClient(code: string): { clientId: string; clientSecret: string } {
  return { clientId: `GSP${code}NICPRACTICE01`, clientSecret: `GspNic${code}Secret01` };
}

export function gspUserName(code: string, directUser: string): string {
  return `API_${code}_${directUser}`;
}

export const GSP_USERS: readonly PracticeAccount[] = Object.values(GSP_CODES).flatMap((code) =>
  PRACTICE_ACCOUNTS.map((a) => ({ ...a, ...gspNicClient(code), userName: gspUserName(code, a.userName) })),
);

export function accountByUser(userName: string): PracticeAccount | undefined {
  return PRACTICE_ACCOUNTS.find((a) => a.userName === userName) ?? GSP_USERS.find((a) => a.userName === userName);
}

export function accountByClient(clientId: string): PracticeAccount | undefined {
  return PRACTICE_ACCOUNTS.find((a) => a.clientId === clientId) ?? GSP_USERS.find((a) => a.clientId === clientId);
}

/** A NIC client id a GSP holds (as opposed to a taxpayer's direct one). */
export function isGspClient(clientId: string): boolean {
  return clientId.startsWith('GSP') && clientId.endsWith('NICPRACTICE01');
}

export function accountByGstin(gstin: string): PracticeAccount | undefined {
  return PRACTICE_ACCOUNTS.find((a) => a.gstin === gstin);
}
