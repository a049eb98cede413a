/**
 * Auth v1.04 (irp-protocol.md §2.2): a fresh AppKey per call, the payload RSA-encrypted with the
 * endpoint's encryption key, and the returned SEK decrypted with that AppKey. The AppKey lives only
 * for the duration of this function.
 */
import { parseIstDateTime } from '../../shared/dates';
import { authPayloadBase64, CryptoInputError, decryptSek, encryptAuthPayload, generateAppKey, type AuthPayload } from './crypto';
import { member, parseEnvelope } from './envelope';
import { errorFromDetails } from './error-codes';
import { CLIENT_CODES, IrpError } from './errors';
import type { EndpointProfile } from './profiles';
import { Session } from './session';
import type { IrpTracer } from './trace';
import { httpRequest, httpStatusError, type Agents, type HttpRequest } from './transport';
import type { Credentials } from './types';

export const AUTH_PATH = '/eivital/v1.04/auth';

/** When TokenExpiry is missing or unreadable: the sandbox lifetime, the shorter of the two (§2.4). */
const FALLBACK_TTL_MS = 60 * 60_000;

export interface AuthInput {
  profile: EndpointProfile;
  gstin: string;
  credentials: Credentials;
  force: boolean;
  now: Date;
  agents: Agents;
  timeouts: { connectMs: number; readMs: number };
  /** Sees every intermediate value (the Playground); absent in normal use. */
  tracer?: IrpTracer;
  /** A GSP's address for NIC's auth (pass-through GSPs rename the path); default baseUrl + AUTH_PATH. */
  url?: URL;
  /** False when a GSP adds NIC's client id and secret itself (ClearTax): the headers are not sent. */
  clientHeaders?: boolean;
}

function bad(message: string, cause?: unknown): IrpError {
  return new IrpError({ kind: 'protocol', code: CLIENT_CODES.badResponse, message, hint: 'Check the endpoint URL and the encryption key of this profile.', ...(cause !== undefined ? { cause } : {}) });
}

export async function authenticate(input: AuthInput): Promise<Session> {
  const { credentials: c, profile } = input;
  const appKey = input.tracer?.appKey?.() ?? generateAppKey();
  const payload: AuthPayload = { UserName: c.userName, Password: c.password, AppKey: appKey.toString('base64'), ForceRefreshAccessToken: input.force };
  let blob: string;
  try {
    blob = encryptAuthPayload(profile.encryptionPublicKeyPem, payload);
  } catch (e) {
    if (e instanceof CryptoInputError) throw new IrpError({ kind: 'auth', code: CLIENT_CODES.badCredentials, message: e.message, hint: 'NIC limits the combined length of API user name and password; use a shorter password.' });
    throw new IrpError({ kind: 'protocol', code: CLIENT_CODES.config, cause: e, message: 'The encryption public key of this profile cannot encrypt the sign-in data.', hint: 'Import the encryption public key of this endpoint again.' });
  }
  const req: HttpRequest = {
    method: 'POST',
    url: input.url ?? new URL(profile.baseUrl + AUTH_PATH),
    headers: { ...profile.extraHeaders, ...(input.clientHeaders === false ? {} : { client_id: c.clientId, client_secret: c.clientSecret }), Gstin: input.gstin },
    body: JSON.stringify({ Data: blob }),
    // Auth changes nothing a retry could duplicate.
    mutating: false,
    ...input.timeouts,
  };
  input.tracer?.event({ type: 'auth-request', appKey, authJson: JSON.stringify(payload), base64Text: authPayloadBase64(payload), blob, encryptionPublicKeyPem: profile.encryptionPublicKeyPem, request: req });
  const res = await httpRequest(req, input.agents);
  input.tracer?.event({ type: 'auth-response', response: res });
  if (res.status !== 200) throw httpStatusError(res, req);
  const env = parseEnvelope(res.body);
  if (!env.ok) throw errorFromDetails(env.errors);
  let data = env.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      throw bad('The IRP\'s sign-in answer carries unreadable data.');
    }
  }
  if (data === null || typeof data !== 'object') throw bad('The IRP\'s sign-in answer carries no data.');
  const d = data as Record<string, unknown>;
  const token = member(d, 'AuthToken');
  const sekField = member(d, 'Sek');
  if (typeof token !== 'string' || token === '') throw bad('The IRP\'s sign-in answer lacks the AuthToken.');
  if (typeof sekField !== 'string' || sekField === '') throw bad('The IRP\'s sign-in answer lacks the Sek.');
  let sek: Buffer;
  try {
    sek = decryptSek(sekField, appKey);
  } catch (e) {
    throw bad('The session key sent by the IRP does not decrypt with the AppKey of this sign-in.', e);
  }
  const expiryText = member(d, 'TokenExpiry');
  input.tracer?.event({ type: 'auth-session', sekField, sek, authToken: token, tokenExpiry: typeof expiryText === 'string' ? expiryText : null });
  const expiry = typeof expiryText === 'string' ? parseIstDateTime(expiryText) : undefined;
  return new Session(token, sek, expiry ?? new Date(input.now.getTime() + FALLBACK_TTL_MS), input.now);
}
