/**
 * The bounds on reading a QR code from an untrusted file (a supplier's PDF, a photo, a scan):
 * file size, pixels (checked from the header before decoding), PDF pages, the rendering size of a
 * page, and wall-clock time. Each refusal is a QrReadError that says what was too big.
 */

/** The input could not be read, holds no QR code, or is beyond a limit (the CLI exits 2). */
export class QrReadError extends Error {
  override name = 'QrReadError';
}

export interface Gray {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export const QR_LIMITS = {
  /** Bytes read from any input file. A scanned invoice page is a few MB. */
  maxFileBytes: 50 * 1024 * 1024,
  /** An A4 page scanned at 600 dpi is 35 megapixels. */
  maxImagePixels: 40_000_000,
  /** PDF pages searched, from page 1 (the IRP's QR is on the invoice itself, FAQ 70-72). */
  maxPdfPages: 3,
  /** A rendered PDF page: A4 at 200 dpi is 3.9 megapixels; bigger pages are rendered at a lower dpi. */
  maxPagePixels: 8_000_000,
  /** A page larger than this (A1 is 1684×2384 pt) is no invoice page: refused, not rendered. */
  maxPagePoints: 2400,
  /** Below this many dpi a printed QR code cannot be read, so a page that needs less is refused. */
  minDpi: 100,
  /** Wall-clock limit on one run of an external renderer (pdfinfo, pdftoppm, zbarimg). */
  rendererTimeoutMs: 3000,
  /** Searching one image for a QR code. */
  imageBudgetMs: 10_000,
  /** Everything for one PDF, all pages together. */
  pdfBudgetMs: 2500,
} as const;

export type QrLimits = { -readonly [K in keyof typeof QR_LIMITS]: number };

export function imageTooLarge(width: number, height: number, maxPixels: number): QrReadError {
  return new QrReadError(
    `image too large to be an invoice page: ${width}×${height} (${(width * height / 1e6).toFixed(0)} megapixels; at most ${maxPixels / 1e6}). Scan or export the page at 300 dpi.`,
  );
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

export function isJpeg(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Width and height from the first start-of-frame marker, without decoding. */
export function readJpegSize(bytes: Buffer): { width: number; height: number } {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new QrReadError('not a readable JPEG image (broken marker)');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (SOF.has(marker)) {
      if (at + 9 > bytes.length) break;
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    if (marker === 0xd9 || marker === 0xda) break;
    at += 2 + length;
  }
  throw new QrReadError('not a readable JPEG image (no frame header)');
}

/** A point in time work must stop by; `left()` is what remains (never negative). */
export class Deadline {
  readonly at: number;
  constructor(ms: number, now = Date.now()) {
    this.at = now + ms;
  }
  left(): number {
    return Math.max(0, this.at - Date.now());
  }
  passed(): boolean {
    return Date.now() >= this.at;
  }
}
