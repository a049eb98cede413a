/**
 * The bounded image decoders of the QR reader: the streaming PNG-to-grey decoder gives the same
 * grey as pngjs for every colour type (and 1-bit scans), alpha on white paper; JPEG photos are
 * read through jpeg-js; both refuse from the header what is over the pixel cap.
 */
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { pngToGrayBounded, readPngHeader } from '../../electron/pdf/png-gray';
import { decodeQrFromImage, imageToGray } from '../../electron/pdf/qr-read';
import { QrReadError, readJpegSize } from '../../electron/pdf/qr-limits';
import { pngChunk } from '../support/untrusted-files';

const W = 37;
const H = 23;

function randomRgba(): Buffer {
  const b = Buffer.alloc(W * H * 4);
  for (let i = 0; i < b.length; i += 1) b[i] = (i * 7919 + 13) % 256;
  return b;
}

/** What pngjs gives, turned to grey the way the reader always did. */
function pngjsGray(bytes: Buffer): number[] {
  const png = PNG.sync.read(bytes);
  const out: number[] = [];
  for (let p = 0; p < png.data.length; p += 4) {
    const a = png.data[p + 3]! / 255;
    out.push(Math.round(((png.data[p]! * 299 + png.data[p + 1]! * 587 + png.data[p + 2]! * 114) / 1000) * a + 255 * (1 - a)));
  }
  return out;
}

describe('pngToGrayBounded', () => {
  for (const [colorType, name] of [[0, 'grey'], [2, 'RGB'], [4, 'grey + alpha'], [6, 'RGBA']] as const) {
    it(`matches pngjs for ${name}`, async () => {
      const png = new PNG({ width: W, height: H });
      png.data = randomRgba();
      const bytes = PNG.sync.write(png, { colorType, inputHasAlpha: true });
      expect(readPngHeader(bytes)).toMatchObject({ width: W, height: H, colorType, bitDepth: 8, interlace: 0 });
      const ours = Array.from((await pngToGrayBounded(bytes, 1e6)).data);
      const theirs = pngjsGray(bytes);
      expect(ours.length).toBe(theirs.length);
      expect(Math.max(...ours.map((v, i) => Math.abs(v - theirs[i]!)))).toBeLessThanOrEqual(1);
    });
  }

  it('reads a 1-bit black-and-white scan', async () => {
    const width = 10;
    const rows = [0b10101010, 0b11000000, 0b01010101, 0b00000000];
    const raw = Buffer.concat(rows.map((r) => Buffer.from([0, r, 0b11000000])));
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(rows.length, 4);
    ihdr[8] = 1;
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
    const g = await pngToGrayBounded(bytes, 1e6);
    expect(Array.from(g.data.subarray(0, 10))).toEqual([255, 0, 255, 0, 255, 0, 255, 0, 255, 255]);
    expect(Array.from(g.data.subarray(30, 40))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 255, 255]);
  });

  it('refuses from the header, and says what is wrong with a damaged file', async () => {
    const png = new PNG({ width: 300, height: 200 });
    const bytes = PNG.sync.write(png);
    await expect(pngToGrayBounded(bytes, 50_000)).rejects.toThrow('image too large to be an invoice page: 300×200');
    await expect(pngToGrayBounded(bytes.subarray(0, bytes.length - 40), 1e6)).rejects.toThrow(QrReadError);
    await expect(pngToGrayBounded(Buffer.from('\x89PNG\r\n\x1a\nrubbish', 'latin1'), 1e6)).rejects.toThrow(/no PNG header/);
  });
});

describe('JPEG', () => {
  it('reads a QR from a JPEG photo of a page', async () => {
    const text = 'eyJhbGciOiJSUzI1NiJ9.eyJkYXRhIjoie30ifQ.c2lnbmF0dXJl';
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const scale = 6;
    const width = 800;
    const height = 1000;
    const rgba = Buffer.alloc(width * height * 4, 255);
    for (let y = 0; y < n * scale; y += 1) {
      for (let x = 0; x < n * scale; x += 1) {
        if (!qr.modules.data[Math.floor(y / scale) * n + Math.floor(x / scale)]) continue;
        const o = ((y + 100) * width + x + 100) * 4;
        rgba[o] = rgba[o + 1] = rgba[o + 2] = 0;
      }
    }
    const photo = jpeg.encode({ width, height, data: rgba }, 90).data;
    expect(readJpegSize(photo)).toEqual({ width, height });
    expect(await decodeQrFromImage(photo)).toBe(text);
  });

  it('refuses a JPEG over the pixel cap before decoding it', async () => {
    const small = jpeg.encode({ width: 16, height: 16, data: Buffer.alloc(16 * 16 * 4, 255) }, 80).data;
    // patch the frame header to declare 10000×6000
    const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
    small.writeUInt16BE(6000, sof + 5);
    small.writeUInt16BE(10000, sof + 7);
    await expect(imageToGray(small)).rejects.toThrow('image too large to be an invoice page: 10000×6000 (60 megapixels; at most 40)');
  });
});
