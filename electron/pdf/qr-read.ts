/**
 * Reading QR codes back from images and PDFs, for `einvoice verify-qr` (our own prints and
 * suppliers' invoices). Decoding is ZXing's (@zxing/library); PNG parsing is pngjs; PDFs are
 * rasterised by poppler's pdftoppm. An invoice page is big and its QR small, and it may carry
 * other QR codes too (FAQ 82), so the reader tries the whole page, a reduced copy, then
 * overlapping windows, and prefers a result that looks like a signed token.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import type * as ZXing from '@zxing/library';
import jpeg from 'jpeg-js';
import { pngToGrayBounded, isPng } from './png-gray';
import { Deadline, imageTooLarge, isJpeg, QR_LIMITS, QrReadError, readJpegSize, type Gray } from './qr-limits';

// @zxing/library ships CommonJS whose named exports Node's ESM loader cannot detect: load it with require.
const { BinaryBitmap, DecodeHintType, GlobalHistogramBinarizer, HybridBinarizer, QRCodeReader, RGBLuminanceSource } =
  createRequire(import.meta.url)('@zxing/library') as typeof ZXing;

const run = promisify(execFile);

export { QrReadError, type Gray };

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function looksLikeJwt(text: string): boolean {
  return JWT_SHAPE.test(text.trim());
}

/**
 * JPEG bytes to grey. The size is checked from the frame header first; jpeg-js then enforces its
 * own resolution and memory limits while decoding (it holds each component plus the RGB output).
 */
export function jpegToGray(bytes: Buffer, maxPixels: number = QR_LIMITS.maxImagePixels): Gray {
  const { width, height } = readJpegSize(bytes);
  if (width * height > maxPixels) throw imageTooLarge(width, height, maxPixels);
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: true, maxResolutionInMP: maxPixels / 1e6, maxMemoryUsageInMB: 256 });
  } catch (e) {
    throw new QrReadError(`not a readable JPEG image (${e instanceof Error ? e.message : String(e)})`);
  }
  const channels = img.data.length / (img.width * img.height);
  const out = new Uint8ClampedArray(img.width * img.height);
  for (let i = 0, p = 0; i < out.length; i += 1, p += channels) {
    out[i] = channels >= 3 ? (img.data[p]! * 299 + img.data[p + 1]! * 587 + img.data[p + 2]! * 114) / 1000 : img.data[p]!;
  }
  return { width: img.width, height: img.height, data: out };
}

/** PNG or JPEG bytes to grey, refused from the header when over the pixel cap. */
export async function imageToGray(bytes: Buffer, maxPixels: number = QR_LIMITS.maxImagePixels): Promise<Gray> {
  if (isPng(bytes)) return pngToGrayBounded(bytes, maxPixels);
  if (isJpeg(bytes)) return jpegToGray(bytes, maxPixels);
  throw new QrReadError('not a PNG or JPEG image');
}

function crop(g: Gray, x: number, y: number, w: number, h: number): Gray {
  const data = new Uint8ClampedArray(w * h);
  for (let r = 0; r < h; r += 1) data.set(g.data.subarray((y + r) * g.width + x, (y + r) * g.width + x + w), r * w);
  return { width: w, height: h, data };
}

/** Halves, thirds...: each output pixel is the mean of the input pixels it covers. */
function shrink(g: Gray, factor: number): Gray {
  const width = Math.max(1, Math.round(g.width * factor));
  const height = Math.max(1, Math.round(g.height * factor));
  const data = new Uint8ClampedArray(width * height);
  const inv = 1 / factor;
  for (let y = 0; y < height; y += 1) {
    const y0 = Math.floor(y * inv);
    const y1 = Math.min(g.height, Math.max(y0 + 1, Math.floor((y + 1) * inv)));
    for (let x = 0; x < width; x += 1) {
      const x0 = Math.floor(x * inv);
      const x1 = Math.min(g.width, Math.max(x0 + 1, Math.floor((x + 1) * inv)));
      let sum = 0;
      for (let yy = y0; yy < y1; yy += 1) for (let xx = x0; xx < x1; xx += 1) sum += g.data[yy * g.width + xx] ?? 255;
      data[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return { width, height, data };
}

/** Bilinear resampling, for factors near 1 and enlargements: keeps module edges smooth. */
function resample(g: Gray, factor: number): Gray {
  if (factor <= 0.5) return shrink(g, factor);
  const width = Math.max(1, Math.round(g.width * factor));
  const height = Math.max(1, Math.round(g.height * factor));
  const data = new Uint8ClampedArray(width * height);
  const at = (x: number, y: number) => g.data[Math.min(g.height - 1, y) * g.width + Math.min(g.width - 1, x)] ?? 255;
  for (let y = 0; y < height; y += 1) {
    const sy = Math.max(0, (y + 0.5) / factor - 0.5);
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < width; x += 1) {
      const sx = Math.max(0, (x + 0.5) / factor - 0.5);
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
      const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
      data[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { width, height, data };
}

function decodeOnce(g: Gray, deadline?: Deadline): string | undefined {
  const hints = new Map<ZXing.DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
  const source = new RGBLuminanceSource(g.data, g.width, g.height);
  for (const Binarizer of [HybridBinarizer, GlobalHistogramBinarizer]) {
    if (deadline?.passed()) break;
    try {
      return new QRCodeReader().decode(new BinaryBitmap(new Binarizer(source)), hints).getText();
    } catch {
      // ZXing signals "nothing here" by throwing; try the next binarizer or view.
    }
  }
  return undefined;
}

/**
 * Views of the page to try, cheapest first. ZXing's finder-pattern detector misses some symbols at
 * one module size and finds them at another (in our trials about 1 in 15 signed-QR symbols failed
 * at a given scale, never at all scales), so each view is also tried slightly smaller and larger.
 */
function* views(g: Gray): Generator<Gray> {
  const big = Math.min(g.width, g.height) > 1200;
  // A photo or a 600-dpi scan: a reduced copy first, where symbols are of the size ZXing finds
  // fastest; the full image (seconds per try at 40 megapixels) only after it.
  const pixels = g.width * g.height;
  if (pixels > 12_000_000) yield shrink(g, Math.sqrt(6_000_000 / pixels));
  yield g;
  if (big) yield shrink(g, 0.5);
  yield resample(g, 0.8);
  if (!big) yield resample(g, 1.25);
  const w = Math.floor(g.width / 2);
  const h = Math.floor(g.height / 2);
  if (w < 60 || h < 60) return;
  const windows: Gray[] = [];
  for (const fy of [0, 0.5, 1]) {
    for (const fx of [1, 0.5, 0]) windows.push(crop(g, Math.floor((g.width - w) * fx), Math.floor((g.height - h) * fy), w, h));
  }
  for (const factor of [1, 1.25, 0.8, Math.min(w, h) < 500 ? 2 : 1.6]) {
    for (const window of windows) yield factor === 1 ? window : resample(window, factor);
  }
}

/**
 * The text of the QR code in a grey image; a signed-token-shaped result wins over other QR codes
 * on the same page. Undefined when no QR code can be read (before the deadline, when given).
 */
export function decodeQrFromGray(g: Gray, deadline?: Deadline): string | undefined {
  let other: string | undefined;
  for (const v of views(g)) {
    if (deadline?.passed()) break;
    const text = decodeOnce(v, deadline);
    if (text === undefined) continue;
    if (looksLikeJwt(text)) return text.trim();
    other ??= text;
  }
  return other;
}

/** The QR text in PNG or JPEG bytes (ZXing only), within the limits. */
export async function decodeQrFromImage(bytes: Buffer, deadline = new Deadline(QR_LIMITS.imageBudgetMs)): Promise<string | undefined> {
  return decodeQrFromGray(await imageToGray(bytes), deadline);
}

/**
 * A second decoder for what ZXing misses: zbar's zbarimg, when installed (it ships with the same
 * package managers as poppler). Its symbol detection is independent of ZXing's finder patterns,
 * so a symbol one misses at every scale the other usually reads. Undefined when zbarimg is absent
 * or finds nothing.
 */
export async function decodeQrWithZbar(pngFile: string, zbarimg = 'zbarimg', timeoutMs: number = QR_LIMITS.rendererTimeoutMs): Promise<string | undefined> {
  if (timeoutMs <= 0) return undefined;
  try {
    const { stdout } = await run(zbarimg, ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', pngFile], { maxBuffer: 1 << 20, timeout: timeoutMs, killSignal: 'SIGKILL' });
    const texts = stdout.split('\n').map((t) => t.trim()).filter(Boolean);
    return texts.find(looksLikeJwt) ?? texts[0];
  } catch {
    return undefined;
  }
}

/**
 * An image file's QR (PNG or JPEG, already read and size-checked by the caller's limits): ZXing
 * first, then zbarimg, both within one time budget. Throws QrReadError for an image over the caps.
 */
export async function decodeQrFromImageFile(file: string, bytes: Buffer, zbarimg?: string, deadline = new Deadline(QR_LIMITS.imageBudgetMs)): Promise<string | undefined> {
  const text = decodeQrFromGray(await imageToGray(bytes), deadline);
  if (text !== undefined && looksLikeJwt(text)) return text;
  return (await decodeQrWithZbar(file, zbarimg, Math.min(QR_LIMITS.rendererTimeoutMs, deadline.left()))) ?? text;
}

/** Kept for callers of the PNG-only name. */
export const decodeQrFromPngFile = decodeQrFromImageFile;
