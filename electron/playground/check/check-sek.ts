/**
 * check-encryption sek: does this AppKey open this Sek (irp-protocol.md §2.2: the auth answer's
 * `Sek` is b64(AES-256-ECB-PKCS7(AppKey bytes, 32 SEK bytes)))? Works with any AppKey the user has.
 */
import type { CheckResult } from '../../../shared/ipc/playground.schema';
import { aesOpen } from './aes-open';
import { base64Inside, CheckLog, describeBytes, readBase64 } from './log';

export function checkSek(appKeyText: string, sekText: string): CheckResult {
  const log = new CheckLog();
  const appKey = readBase64(appKeyText);
  if (!appKey.ok) {
    log.fail('AppKey', `not Base64: ${appKey.why}`);
    return log.verdict('NOT_BASE64', `The AppKey is not Base64: ${appKey.why}.`);
  }
  if (appKey.bytes.length !== 32) {
    log.fail('AppKey', `${describeBytes(appKey.bytes.length)}; an AppKey is 32 bytes`);
    return log.verdict('APPKEY_NOT_32_BYTES', `The AppKey decodes to ${describeBytes(appKey.bytes.length)}; NIC's AppKey is 32 random bytes (Base64: 44 characters).`);
  }
  log.ok('AppKey', 'Base64 of 32 bytes');
  const sek = readBase64(sekText);
  if (!sek.ok) {
    log.fail('Sek', `not Base64: ${sek.why}`);
    return log.verdict('NOT_BASE64', `The Sek is not Base64: ${sek.why}.`);
  }
  let cipher = sek.bytes;
  const inner = base64Inside(cipher);
  if (inner && inner.length % 16 === 0) {
    const opened = aesOpen(appKey.bytes, inner);
    if (opened.ok && opened.plain.length === 32) {
      log.fail('Sek', 'Base64 of Base64: decoding once gives Base64 text of the encrypted SEK');
      return log.verdict('BASE64_TWICE', 'The Sek was Base64-encoded twice: the auth answer\'s Sek is decoded once, then decrypted with the AppKey.', { plaintext: opened.plain.toString('base64') });
    }
  }
  log.ok('Sek', `Base64 of ${describeBytes(cipher.length)}${cipher.length === 48 ? ' (32 key bytes + 16 padding, as NIC sends it)' : ''}`);
  const opened = aesOpen(appKey.bytes, cipher);
  if (!opened.ok) {
    log.fail('AES-256-ECB', opened.why);
    return log.verdict('WRONG_KEY', `This AppKey does not open this Sek: ${opened.why}. Use the AppKey of the same sign-in that returned the Sek.`);
  }
  cipher = opened.plain;
  if (cipher.length !== 32) {
    log.fail('AES-256-ECB', `decrypts to ${describeBytes(cipher.length)}, not a 32-byte key`);
    return log.verdict('WRONG_KEY', `The Sek decrypts to ${describeBytes(cipher.length)}, not the 32-byte session key: another AppKey was used, or the Sek is damaged.`);
  }
  log.ok('AES-256-ECB', 'decrypts with PKCS#7 padding to 32 bytes: the session key (SEK) for every request until the token expires');
  return log.verdict('OK', 'This AppKey opens this Sek: the 32-byte SEK is shown (Base64).', { plaintext: cipher.toString('base64') });
}
