/**
 * The QR reader's second decoder: zbarimg reads printed signed QRs, and is skipped cleanly where
 * it is not installed. (ZXing alone misses roughly 1 symbol in 15 at a given scale.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from '../../electron/pdf';
import { decodeQrFromPngFile, decodeQrWithZbar } from '../../electron/pdf/qr-read';
import { makeSigningIdentity, registeredPrintable } from '../support/signed-fixtures';

describe('QR reader fallback', () => {
  it('reads signed QRs from printed pages with zbarimg, and both ways agree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'einvoice-qr-fallback-'));
    const id = makeSigningIdentity();
    for (let i = 0; i < 3; i += 1) {
      const { printable, registration } = await registeredPrintable(id, { docNo: `QRF/${i}` });
      const pdf = join(dir, `${i}.pdf`);
      writeFileSync(pdf, await renderInvoicePdf(printable));
      execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, `${i}`)]);
      const png = join(dir, `${i}.png`);
      expect(await decodeQrWithZbar(png)).toBe(registration.signedQrCode);
      expect(await decodeQrFromPngFile(png, readFileSync(png))).toBe(registration.signedQrCode);
    }
  });

  it('returns nothing, without throwing, when zbarimg is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'einvoice-qr-fallback-'));
    const blank = join(dir, 'blank.png');
    writeFileSync(blank, Buffer.from('89504e470d0a1a0a', 'hex'));
    expect(await decodeQrWithZbar(blank, join(dir, 'no-such-zbarimg'))).toBeUndefined();
  });
});
