/**
 * The IRP's payload cryptography (irp-protocol.md §2): RSA PKCS#1 v1.5 for the auth blob, AES-256-ECB
 * with PKCS#7 padding for the SEK and every payload. ECB without IV is NIC's choice, not ours; it is
 * only ever used here, against the IRP.
 */
import { constants, createCipheriv, createDecipheriv, publicEncrypt, randomBytes } from 'node:crypto';

export interface AuthPayload {
  UserName: string;
  Password: string;
  /** Base64 of the 32 random AppKey bytes. */
  AppKey: string;
  ForceRefreshAccessToken: boolean;
}

/** RSA-2048 with PKCS#1 v1.5 padding takes at most 256 - 11 bytes of plaintext. */
const RSA_PKCS1_MAX_PLAIN = 245;

export class CryptoInputError extends Error {
  override name = 'CryptoInputError';
}

/** 32 random bytes: the per-auth AES-256 key that protects the SEK on its way back. */
export function generateAppKey(): Buffer {
  return randomBytes(32);
}

/** The text RSA encrypts in auth v1.04: Base64 of the UTF-8 JSON (also shown by the Playground's trace). */
export function authPayloadBase64(payload: AuthPayload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64');
}

/**
 * Auth v1.04 (§2.2): JSON → UTF-8 → Base64 TEXT → RSA PKCS#1 v1.5 over that text's bytes → Base64.
 * The Base64-before-RSA step is what NIC decrypts; encrypting the JSON bytes directly fails with 1013.
 */
export function encryptAuthPayload(encryptionPublicKeyPem: string, payload: AuthPayload): string {
  const b64Text = authPayloadBase64(payload);
  const plain = Buffer.from(b64Text, 'ascii');
  if (plain.length > RSA_PKCS1_MAX_PLAIN) {
    // Never echo the payload: it holds the password.
    throw new CryptoInputError(
      `the user name and password are too long for the IRP's auth encryption (${plain.length} > ${RSA_PKCS1_MAX_PLAIN} bytes after Base64)`,
    );
  }
  return publicEncrypt({ key: encryptionPublicKeyPem, padding: constants.RSA_PKCS1_PADDING }, plain).toString('base64');
}

function aesAlgorithm(key: Buffer): string {
  // AppKeys of 16/24 bytes appear in old NIC samples (§2.1); the AES size follows the key length.
  if (key.length === 32) return 'aes-256-ecb';
  if (key.length === 24) return 'aes-192-ecb';
  if (key.length === 16) return 'aes-128-ecb';
  throw new CryptoInputError(`an AES key must be 16, 24 or 32 bytes, not ${key.length}`);
}

export function aesEncrypt(key: Buffer, plain: Buffer): Buffer {
  const cipher = createCipheriv(aesAlgorithm(key), key, null);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

/** Throws CryptoInputError when the ciphertext does not decrypt with this key (bad padding or length). */
export function aesDecrypt(key: Buffer, cipherText: Buffer): Buffer {
  const decipher = createDecipheriv(aesAlgorithm(key), key, null);
  try {
    return Buffer.concat([decipher.update(cipherText), decipher.final()]);
  } catch {
    throw new CryptoInputError('the data does not decrypt with the session key (wrong key or damaged data)');
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fromBase64(text: string, what: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw new CryptoInputError(`${what} is not Base64`);
  return Buffer.from(compact, 'base64');
}

/** The `Sek` field of an auth response, decrypted with the raw AppKey bytes (§2.2). */
export function decryptSek(sekField: string, appKey: Buffer): Buffer {
  const sek = aesDecrypt(appKey, fromBase64(sekField, 'the Sek field'));
  if (sek.length !== 32 && sek.length !== 16 && sek.length !== 24) {
    throw new CryptoInputError(`the decrypted SEK has ${sek.length} bytes; expected 32`);
  }
  return sek;
}

/** A request `Data` value: Base64(AES-ECB(SEK, UTF-8 compact JSON)) (§2.5). */
export function encryptJson(sek: Buffer, value: unknown): string {
  return aesEncrypt(sek, Buffer.from(JSON.stringify(value), 'utf8')).toString('base64');
}

/** A response `Data` value decrypted to its JSON text. */
export function decryptToText(sek: Buffer, data: string): string {
  return aesDecrypt(sek, fromBase64(data, 'the response Data')).toString('utf8');
}
