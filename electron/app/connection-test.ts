/**
 * "Test connection" (issue 12 item 4): sign in the way registration will, look up the business's
 * own GSTIN, and say in one sentence what worked or what to fix: a wrong API user, an API user
 * created for another GSP (NIC 1017), an IP not whitelisted (3059), a wrong GSP key, a missing
 * certificate… The sentence never repeats a secret.
 */
import { isIrpError, type IrpError } from '../irp';
import { connectionSupports, type IrpConnection } from '../irp/connection';
import type { GspConfig } from '../irp/gsp/config';
import type { Profile } from '../ledger';
import type { AppCore } from './app-core';
import { gspConfigOf, gspSettingsOf } from './connection-settings';
import { ProfileSetupError } from './credentials';

export interface TestStep {
  step: 'keys' | 'credentials' | 'sign-in' | 'lookup';
  ok: boolean;
  detail: string;
}

export interface TestResult {
  ok: boolean;
  sentence: string;
  code?: string;
  steps: TestStep[];
}

function gspOf(p: Profile): GspConfig | undefined {
  const s = gspSettingsOf(p);
  try {
    return s ? gspConfigOf(s) : undefined;
  } catch {
    return undefined;
  }
}

function road(p: Profile, gsp: GspConfig | undefined): string {
  if (gsp) return `through ${gsp.name}`;
  if (p.kind === 'practice') return 'to the practice IRP';
  return p.kind === 'nic-production' ? 'to NIC production' : 'to the NIC sandbox';
}

/** The fix for a failure, in one sentence (codes as in irp/error-codes.ts and gsp/answer.ts). */
export function adviceFor(e: unknown, p: Profile, gsp: GspConfig | undefined): string {
  if (e instanceof ProfileSetupError) return e.message;
  if (!isIrpError(e)) return `The test failed: ${e instanceof Error ? e.message : String(e)}.`;
  const err: IrpError = e;
  const user = `"${p.userName}"`;
  const where = gsp ? `for ${gsp.name}` : 'for this endpoint';
  const portalPick = gsp ? `Through GSP → ${gsp.portalName ?? `${gsp.name}'s entry`}` : 'Through ERP (direct access)';
  switch (err.code) {
    case '1017':
      return `The API user ${user} does not exist ${where} (NIC 1017): an API user works only through the GSP it was created for. Create one on the e-invoice portal (API Registration → User Credentials → Create API User → ${portalPick}) and enter it here.`;
    case '1008': case '1019': case '3000': case '3002':
      return `The password of API user ${user} is wrong (NIC ${err.code}): enter the password set when the API user was created on the e-invoice portal.`;
    case '1006': case '3031':
      return `The API user name is missing or not valid (NIC ${err.code}): use the API user created on the e-invoice portal, not the GST portal login.`;
    case '1010': case '1011': case '1012':
      return `The client id or client secret is wrong ${where} (NIC ${err.code}): they are issued by NIC${gsp ? ` or ${gsp.name}` : ''} and differ between sandbox and production.`;
    case '1018':
      return `The API user ${user} was not created for this client id (NIC 1018): ${gsp ? `create the API user choosing ${gsp.portalName ?? gsp.name} on the e-invoice portal` : 'use the client id NIC issued with this API user'}.`;
    case '1015':
      return `The API user ${user} belongs to another GSTIN, not ${p.gstin} (NIC 1015): each GSTIN has its own API user.`;
    case '1014': case '3046':
      return `GSTIN ${p.gstin} is not enabled for e-invoicing or the API user is inactive (NIC ${err.code}): enable it on the e-invoice portal.`;
    case '3059':
      return 'This computer\'s IP address is not whitelisted for direct API access (NIC 3059): direct access needs a whitelisted static IP (large taxpayers only); otherwise connect through a GSP.';
    case '1007': case '1013': case '1016': case '1020':
      return `The encryption public key of this profile is wrong (NIC ${err.code}): import the key of this exact endpoint${gsp ? ` (the one ${gsp.name} tells you to use)` : ''}; it is not the signing certificate.`;
    case 'GSP_CREDENTIALS':
      return `${gsp?.name ?? 'The GSP'} refused its GSP key: check ${[gsp?.credentials.clientId?.means, gsp?.credentials.clientSecret?.means].filter(Boolean).join(' and ') || 'the client id and secret'}.`;
    case 'CONNECTION_REFUSED': case 'NETWORK': case 'CONNECT_TIMEOUT': case 'TIMEOUT':
      return `${err.message} Check the internet connection and the address of this profile.`;
    case 'HTTP':
      return err.httpStatus === 404 ? `The address of this profile answered "not found" (HTTP 404): check the endpoint address${gsp ? ` ${gsp.name} gave you` : ''}.` : `${err.message} ${err.hint ?? ''}`.trim();
    case 'BAD_SIGNATURE': case 'SIGNATURE_DATA_MISMATCH':
      return 'Signed in, but what came back does not verify against this profile\'s signing certificate: import NIC\'s signing certificate for this environment (a GSP never signs anything itself).';
    default:
      return err.hint && !err.message.includes(err.hint) ? `${err.message} ${err.hint}` : err.message;
  }
}

async function lookup(conn: IrpConnection, p: Profile): Promise<string> {
  if (connectionSupports(conn, 'gstinDetails')) {
    const d = await conn.gstinDetails(p.gstin);
    return `looked up ${d.gstin}${d.legalName || d.tradeName ? ` (${d.legalName ?? d.tradeName})` : ''}`;
  }
  // no GSTIN look-up on this road: a fetch of an IRN that cannot exist proves the call is accepted
  try {
    await conn.getByIrn('0'.repeat(64));
  } catch (e) {
    if (isIrpError(e) && (e.code === '2148' || e.code === '2154')) return 'made a test call (this GSP has no GSTIN look-up)';
    throw e;
  }
  return 'made a test call';
}

export async function testConnection(core: AppCore, p: Profile): Promise<TestResult> {
  const gsp = gspOf(p);
  const steps: TestStep[] = [];
  if (p.kind === 'portal') {
    return { ok: true, sentence: 'This business uploads files on the e-invoice portal: there is no API to test. Use Prepare portal upload, then import the portal\'s results.', steps };
  }
  let conn: IrpConnection;
  try {
    conn = await core.endpoints.client(p, 'any');
    steps.push({ step: 'keys', ok: true, detail: 'keys and settings are in place' });
  } catch (e) {
    steps.push({ step: 'keys', ok: false, detail: adviceFor(e, p, gsp) });
    return { ok: false, sentence: adviceFor(e, p, gsp), code: (e as { code?: string }).code ?? 'ERROR', steps };
  }
  try {
    await conn.authenticate();
    steps.push({ step: 'sign-in', ok: true, detail: `signed in ${road(p, gsp)}` });
    const found = await lookup(conn, p);
    steps.push({ step: 'lookup', ok: true, detail: found });
    return { ok: true, sentence: `Connected ${road(p, gsp)}: signed in${p.userName ? ` as ${p.userName}` : ''} and ${found}.`, steps };
  } catch (e) {
    const sentence = adviceFor(e, p, gsp);
    const step = steps.some((s) => s.step === 'sign-in') ? 'lookup' : (isIrpError(e) && e.code === 'CREDENTIALS') ? 'credentials' : 'sign-in';
    steps.push({ step, ok: false, detail: sentence });
    return { ok: false, sentence, code: isIrpError(e) ? e.code : 'ERROR', steps };
  } finally {
    conn.close?.();
  }
}
