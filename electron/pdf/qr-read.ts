/**
 * Reading QR codes back from images and PDFs, for `einvoice verify-qr` (our own prints and
 * suppliers' invoices). Decoding is ZXing's (@zxing/library); PNG parsing is pngjs; PDFs are
 * rasterised by poppler's pdftoppm. An invoice page is big and its QR small, and it may carry
 * other QR codes too (FAQ 82), so the reader tries the whole page, a reduced copy, then
 * overlapping windows, and prefers a result that looks like a signed token.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import type * as ZXing from '@zxing/library';
import { PNG } from 'pngjs';

// @zxing/library ships CommonJS whose named exports Node's ESM loader cannot detect: load it with require.
const { BinaryBitmap, DecodeHintType, GlobalHistogramBinarizer, HybridBinarizer, QRCodeReader, RGBLuminanceSource } =
  createRequire(import.meta.url)('@zxing/library') as typeof ZXing;

const run = promisify(execFile);

/** The input could not be read, or holds no QR code (the CLI exits 2). */
export class QrReadError extends Error {
  override name = 'QrReadError';
}

interface Gray {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function looksLikeJwt(text: string): boolean {
  return JWT_SHAPE.test(text.trim());
}

/** PNG bytes to 8-bit luminance, transparent pixels taken as white paper. */
export function pngToGray(bytes: Buffer): Gray {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (e) {
    throw new QrReadError(`not a readable PNG image (${e instanceof Error ? e.message : String(e)})`);
  }
  const { width, height, data } = png;
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i += 1, p += 4) {
    const a = (data[p + 3] ?? 255) / 255;
    const lum = ((data[p] ?? 0) * 299 + (data[p + 1] ?? 0) * 587 + (data[p + 2] ?? 0) * 114) / 1000;
    out[i] = lum * a + 255 * (1 - a);
  }
  return { width, height, data: out };
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

function decodeOnce(g: Gray): string | undefined {
  const hints = new Map<ZXing.DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
  const source = new RGBLuminanceSource(g.data, g.width, g.height);
  for (const Binarizer of [HybridBinarizer, GlobalHistogramBinarizer]) {
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
 * on the same page. Undefined when no QR code can be read.
 */
export function decodeQrFromGray(g: Gray): string | undefined {
  let other: string | undefined;
  for (const v of views(g)) {
    const text = decodeOnce(v);
    if (text === undefined) continue;
    if (looksLikeJwt(text)) return text.trim();
    other ??= text;
  }
  return other;
}

export function decodeQrFromPng(bytes: Buffer): string | undefined {
  return decodeQrFromGray(pngToGray(bytes));
}

/**
 * A second decoder for what ZXing misses: zbar's zbarimg, when installed (it ships with the same
 * package managers as poppler). Its symbol detection is independent of ZXing's finder patterns,
 * so a symbol one misses at every scale the other usually reads. Undefined when zbarimg is absent
 * or finds nothing.
 */
export async function decodeQrWithZbar(pngFile: string, zbarimg = 'zbarimg'): Promise<string | undefined> {
  try {
    const { stdout } = await run(zbarimg, ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', pngFile], { maxBuffer: 1 << 20 });
    const texts = stdout.split('\n').map((t) => t.trim()).filter(Boolean);
    return texts.find(looksLikeJwt) ?? texts[0];
  } catch {
    return undefined;
  }
}

/** A PNG file's QR: ZXing first, then zbarimg. */
export async function decodeQrFromPngFile(file: string, bytes: Buffer, zbarimg?: string): Promise<string | undefined> {
  const text = decodeQrFromPng(bytes);
  if (text !== undefined && looksLikeJwt(text)) return text;
  return (await decodeQrWithZbar(file, zbarimg)) ?? text;
}

export interface PdfQrOptions {
  /** The pdftoppm executable (default "pdftoppm" on PATH). */
  pdftoppm?: string;
  dpi?: number;
  /** Pages to search, from page 1 (default 10). */
  maxPages?: number;
  /** The zbarimg executable used when ZXing reads nothing (default "zbarimg" on PATH). */
  zbarimg?: string;
}

export const PDFTOPPM_MISSING =
  'reading a QR code from a PDF needs pdftoppm from poppler (Debian/Ubuntu: apt-get install poppler-utils; ' +
  'macOS: brew install poppler; Windows: poppler for Windows on PATH). Or give a PNG image of the QR, or the signed QR text itself.';

/** Rasterises page after page with pdftoppm and returns the first QR found, with its page number. */
export async function decodeQrFromPdf(file: string, options: PdfQrOptions = {}): Promise<{ text: string; page: number } | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'einvoice-qr-'));
  try {
    let other: { text: string; page: number } | undefined;
    for (let page = 1; page <= (options.maxPages ?? 10); page += 1) {
      const prefix = join(dir, `p${page}`);
      try {
        await run(options.pdftoppm ?? 'pdftoppm', ['-r', String(options.dpi ?? 200), '-gray', '-png', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
      } catch (e) {
        const err = e as NodeJS.ErrnoException & { stderr?: string };
        if (err.code === 'ENOENT') throw new QrReadError(PDFTOPPM_MISSING);
        if (page > 1 && /wrong page range|first page.*after the last/i.test(err.stderr ?? '')) break;
        throw new QrReadError(`pdftoppm could not read ${file}: ${(err.stderr ?? err.message).trim().split('\n')[0] ?? ''}`);
      }
      const text = await decodeQrFromPngFile(`${prefix}.png`, await readFile(`${prefix}.png`), options.zbarimg);
      if (text !== undefined && looksLikeJwt(text)) return { text, page };
      if (text !== undefined) other ??= { text, page };
    }
    return other;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
