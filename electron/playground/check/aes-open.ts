/**
 * Opens AES-ECB ciphertext the way NIC does (irp-protocol.md §2.2, §2.5: AES-256-ECB, PKCS#7, no IV),
 * and when that fails, tells whether the data was encrypted in CBC mode with the same key: the
 * blocks then decrypt to readable text once each is XORed with the previous ciphertext block.
 */
import { createDecipheriv } from 'node:crypto';
import { aesDecrypt } from '../../irp';

export type AesOpen = { ok: true; plain: Buffer } | { ok: false; cbc: boolean; why: string };

const BLOCK = 16;

function ecbRaw(key: Buffer, data: Buffer): Buffer {
  const d = createDecipheriv(`aes-${key.length * 8}-ecb`, key, null);
  d.setAutoPadding(false);
  return Buffer.concat([d.update(data), d.final()]);
}

function validPkcs7(block: Buffer): number | undefined {
  const n = block[block.length - 1] ?? 0;
  if (n < 1 || n > BLOCK) return undefined;
  for (let i = block.length - n; i < block.length; i++) if (block[i] !== n) return undefined;
  return n;
}

/** Valid UTF-8 with hardly any control characters (JSON, Base64): what a right key gives; random bytes are not. */
export function readable(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  let control = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) control += 1;
  }
  return control <= text.length * 0.05;
}

/** Data encrypted with AES-CBC under this key (IV first, or a zero IV): its blocks from the second on read as text. */
function looksCbc(key: Buffer, data: Buffer): boolean {
  if (data.length < 2 * BLOCK) return false;
  const raw = ecbRaw(key, data);
  const plain = Buffer.alloc(raw.length - BLOCK);
  for (let i = BLOCK; i < raw.length; i++) plain[i - BLOCK] = (raw[i] ?? 0) ^ (data[i - BLOCK] ?? 0);
  const pad = validPkcs7(plain.subarray(plain.length - BLOCK));
  return pad !== undefined && readable(plain.subarray(0, plain.length - pad));
}

export function aesOpen(key: Buffer, data: Buffer): AesOpen {
  if (data.length === 0 || data.length % BLOCK !== 0) {
    return { ok: false, cbc: false, why: `AES output is a whole number of 16-byte blocks; this is ${data.length} bytes (cut off, or not AES output)` };
  }
  try {
    return { ok: true, plain: aesDecrypt(key, data) };
  } catch {
    if (looksCbc(key, data)) return { ok: false, cbc: true, why: 'it decrypts only in CBC mode (with an IV): NIC uses AES-256 in ECB mode, without IV' };
    return { ok: false, cbc: false, why: 'the padding is wrong after decryption: another key was used, or the data is damaged' };
  }
}
