/**
 * NIC's payload cryptography (irp-protocol.md §2): RSA PKCS#1 v1.5 decryption of the auth blob,
 * AES-ECB/PKCS#7 for the SEK and every payload (key size follows the key: 16/24/32 bytes), and
 * RS256 compact JWS for SignedInvoice / SignedQRCode (§7.1).
 */
import { createCipheriv, createDecipheriv, sign } from 'node:crypto';
import type { PracticeKeys } from './keys';

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

function ecbName(key: Buffer): string {
  if (key.length === 16) return 'aes-128-ecb';
  if (key.length === 24) return 'aes-192-ecb';
  if (key.length === 32) return 'aes-256-ecb';
  throw new DecryptionError(`an AES key must be 16, 24 or 32 bytes, not ${key.length}`);
}

export function aesEncrypt(key: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv(ecbName(key), key, null);
  return Buffer.concat([c.update(plain), c.final()]);
}

export function aesDecrypt(key: Buffer, cipher: Buffer): Buffer {
  try {
    const d = createDecipheriv(ecbName(key), key, null);
    return Buffer.concat([d.update(cipher), d.final()]);
  } catch (e) {
    if (e instanceof DecryptionError) throw e;
    throw new DecryptionError('the data does not decrypt with this key');
  }
}

/** Strict standard Base64 (what NIC's .NET Convert.FromBase64String accepts). */
export function fromBase64(text: string): Buffer {
  const t = text.trim();
  if (t === '' || t.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(t)) throw new DecryptionError('not Base64 text');
  return Buffer.from(t, 'base64');
}

/** RSA/ECB/PKCS1Padding decryption with the practice encryption key. */
export function rsaDecrypt(keys: PracticeKeys, cipher: Buffer): Buffer {
  if (cipher.length !== 256) throw new DecryptionError('an RSA-2048 block is 256 bytes');
  try {
    return Buffer.from(keys.encryptionPrivateKey.decrypt(cipher.toString('binary'), 'RSAES-PKCS1-V1_5'), 'binary');
  } catch {
    throw new DecryptionError('the data does not decrypt with the practice IRP public key');
  }
}

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** RS256 compact JWS of {"data": <json text>, "iss": issuer}, header in NIC's 2023 order. */
export function signJws(keys: PracticeKeys, dataJson: string, issuer: string): string {
  const header = `{"alg":"RS256","kid":"${keys.kid}","x5t":"${keys.x5t}","typ":"JWT"}`;
  const payload = JSON.stringify({ data: dataJson, iss: issuer });
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input, 'ascii'), keys.signingKey).toString('base64url')}`;
}
