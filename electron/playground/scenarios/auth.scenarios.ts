/**
 * Authentication and token scenarios (irp-protocol.md §2.2, §2.4, §8.1, §13.2): the credentials a
 * user can get wrong, the headers a hand-made client can forget, and the token's life.
 */
import { generateKeyPairSync } from 'node:crypto';
import { envelopeCodes, expectError, expectOk, rawRefusal, type Scenario } from './scenario';

const AUTH = 'Authentication';
const TOKEN = 'Token handling';

/** A raw auth call with the given headers (the body is never reached on these header errors). */
const rawAuth = (headers: Record<string, string>, body = '{"Data":"x"}') => ({ method: 'POST' as const, path: '/eivital/v1.04/auth', headers, body });

export const AUTH_SCENARIOS: Scenario[] = [
  {
    id: 'auth-ok', api: AUTH, title: 'Sign in with valid credentials',
    expected: 'Status 1: AuthToken, Sek (the SEK encrypted with the AppKey) and TokenExpiry, 60 minutes ahead on a sandbox',
    spec: '§2.2, §2.4 [H]',
    async run(kit) {
      const { tokenExpiry } = await kit.client({ fresh: true }).authenticate();
      const ttl = Math.round((tokenExpiry.getTime() - Date.now()) / 60_000);
      return { pass: ttl >= 55 && ttl <= 61, actual: `Status 1: AuthToken and Sek received; TokenExpiry ${ttl} minutes ahead`, clientAction: 'decrypted the Sek with its AppKey (32 bytes) and cached token + SEK for later calls' };
    },
  },
  {
    id: 'auth-same-token', api: AUTH, title: 'Sign in again while the token is valid',
    expected: 'Status 1 with the same AuthToken (ForceRefreshAccessToken is honoured only in the last 10 minutes)',
    spec: '§2.4 [H]',
    async run(kit) {
      await kit.client({ fresh: true }).authenticate();
      await kit.client({ fresh: true }).authenticate();
      const tokens = kit.exchanges.filter((x) => x.label === 'auth').map((x) => /"AuthToken":"([^"]+)"/.exec(x.response?.body ?? '')?.[1]);
      const same = tokens.length === 2 && tokens[0] !== undefined && tokens[0] === tokens[1];
      return { pass: same, actual: same ? 'Status 1 twice, the same AuthToken both times' : 'different tokens', clientAction: 'adopted the SEK of the latest answer (NIC does not document whether it repeats)' };
    },
  },
  {
    id: 'auth-wrong-secret', api: AUTH, title: 'Wrong client secret',
    expected: 'Status 0, 1010 Invalid Client-ID/Client-Secret', spec: '§8.1 [H]',
    run: (kit) => expectError(() => kit.client({ fresh: true, credentials: { clientSecret: 'NotTheSecret123' } }).authenticate(), ['1010'], (e) => e.kind === 'auth'),
  },
  {
    id: 'auth-wrong-password', api: AUTH, title: 'Wrong password',
    expected: 'Status 0, 1019 Incorrect Password (NIC may answer 1008 Invalid login credentials)', spec: '§8.1 [M: code from secondary sources]',
    run: (kit) => expectError(() => kit.client({ fresh: true, credentials: { password: 'Wrong@Pass1' } }).authenticate(), ['1019', '1008'], (e) => e.kind === 'auth'),
  },
  {
    id: 'auth-unknown-user', api: AUTH, title: 'API user that does not exist',
    expected: 'Status 0, 1017 Incorrect user id/User does not exists', spec: '§8.1 [H]',
    run: (kit) => expectError(() => kit.client({ fresh: true, credentials: { userName: 'no_such_user' } }).authenticate(), ['1017']),
  },
  {
    id: 'auth-gstin-mismatch', api: AUTH, title: 'Gstin header of another taxpayer',
    expected: 'Status 0, 1015 Invalid GSTIN for this user', spec: '§1.3, §8.1 [H]',
    run: (kit) => expectError(() => kit.client({ fresh: true, gstin: kit.account('practice_mh').gstin }).authenticate(), ['1015']),
  },
  {
    id: 'auth-inactive-user', api: AUTH, title: 'GSTIN not active for e-invoicing',
    expected: 'Status 0, 1014 Inactive User', spec: '§8.1 [H]',
    run: (kit) => expectError(() => kit.client({ fresh: true, account: kit.account('practice_ina') }).authenticate(), ['1014']),
  },
  {
    id: 'auth-wrong-public-key', api: AUTH, title: 'Payload encrypted with another public key',
    expected: 'Status 0, 1013 Decryption of password failed', spec: '§2.1, §8.1 [H]',
    run(kit) {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }).publicKey;
      return expectError(() => kit.client({ fresh: true, encryptionPublicKeyPem: other }).authenticate(), ['1013']);
    },
  },
  {
    id: 'auth-missing-client-id', api: AUTH, title: 'Mandatory header missing: client_id',
    expected: 'Status 0, 1011 Client Id is required', spec: '§8.1, §13.2 [H]',
    run: (kit) => rawRefusal(kit, 'auth without client_id', rawAuth({ client_secret: kit.seller.clientSecret, Gstin: kit.seller.gstin }), '1011', 'the client never sends this (it refuses to call without complete credentials); sent by hand to see the answer'),
  },
  {
    id: 'auth-missing-gstin', api: AUTH, title: 'Mandatory header missing: Gstin',
    expected: 'Status 0, 1004 Header GSTIN is required', spec: '§8.1 [H]',
    run: (kit) => rawRefusal(kit, 'auth without Gstin', rawAuth({ client_id: kit.seller.clientId, client_secret: kit.seller.clientSecret }), '1004', 'the client always sends the profile\'s GSTIN; sent by hand to see the answer'),
  },
  {
    id: 'auth-empty-body', api: AUTH, title: 'Mandatory parameter missing: empty body',
    expected: 'Status 0, 5003 Data cannot be null or empty', spec: '§2.2 [L: live probe only]',
    run: (kit) => rawRefusal(kit, 'auth with {}', rawAuth({ client_id: kit.seller.clientId, client_secret: kit.seller.clientSecret, Gstin: kit.seller.gstin }, '{}'), '5003', 'the client always sends Data; sent by hand to see the answer'),
  },
  {
    id: 'token-missing', api: TOKEN, title: 'API call without a token',
    expected: 'Status 0, 1005 Invalid Token', spec: '§1.3, §2.4, §13.3 [H]',
    run: (kit) => rawRefusal(kit, 'get IRN without AuthToken', { method: 'GET', path: `/eicore/v1.03/Invoice/irn/${'a'.repeat(64)}`, headers: kit.apiHeaders() }, '1005', 'the client always signs in first; on a 1005 it signs in once more and sends again'),
  },
  {
    id: 'token-expired', api: TOKEN, title: 'Call with an expired token',
    expected: 'Status 0, 1005 Invalid Token; the client signs in again once and the same request then succeeds', spec: '§2.4, §10 [H]',
    async run(kit) {
      const { irn } = await kit.registered();
      await kit.setup(() => kit.client().authenticate());
      await kit.admin('POST', 'tokens/expire');
      return expectOk(() => kit.client().getByIrn(irn), (r) => {
        const first = kit.exchanges.find((x) => x.label === 'get');
        const code = envelopeCodes(first?.response?.body ?? '').codes;
        const reauth = kit.exchanges.filter((x) => x.label === 'auth').length;
        const retried = kit.exchanges.some((x) => x.label === 'get (sent again)');
        return {
          pass: code.includes('1005') && reauth === 1 && retried && r.irn === irn,
          actual: `first answer ${code.join(', ') || 'none'} (Invalid Token); after a new sign-in: Status 1, IRN ${r.irn.slice(0, 12)}…`,
          clientAction: `signed in again (${reauth} auth) and re-sent the same request once`,
        };
      });
    },
  },
];
