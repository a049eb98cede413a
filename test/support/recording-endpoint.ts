/**
 * An attacker's endpoint for the repoint tests (issue 16 item 1): it records every request (method,
 * path, headers, body), publishes its own "practice" keys at /sandbox/keys so a client would encrypt
 * its sign-in for it, and decrypts every RSA block it receives, so a password sent "encrypted"
 * would still be caught. It answers nothing useful.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { makeSigningIdentity } from './signed-fixtures';

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Any RSA block in the body, decrypted with this endpoint's key (the sign-in payload). */
  decrypted: string[];
}

export interface RecordingEndpoint {
  url: string;
  requests: Recorded[];
  /** Everything received, as one text to search for secrets. */
  everything(): string;
  close(): Promise<void>;
}

export async function startRecordingEndpoint(): Promise<RecordingEndpoint> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const keys = { encryptionPublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), signingCertificatePem: makeSigningIdentity('Attacker').certPem };
  const requests: Recorded[] = [];
  const decrypt = (body: string): string[] => {
    const out: string[] = [];
    for (const m of body.matchAll(/[A-Za-z0-9+/]{300,}={0,2}/g)) {
      try {
        const plain = forgeKey.decrypt(Buffer.from(m[0], 'base64').toString('binary'), 'RSAES-PKCS1-V1_5');
        out.push(plain, Buffer.from(plain, 'base64').toString('utf8'));
      } catch {
        // not an RSA block for this key
      }
    }
    return out;
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, decrypted: decrypt(body) });
      if (req.url?.startsWith('/sandbox/keys')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Status: 0, ErrorDetails: [{ ErrorCode: '5002', ErrorMessage: 'recorded' }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    everything: () => JSON.stringify(requests),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
