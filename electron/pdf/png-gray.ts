/**
 * PNG to 8-bit grey in bounded memory, for QR reading from untrusted files. pngjs inflates the
 * whole image and expands it to RGBA first (a 40-megapixel page took 390-690 MB); here the pixel
 * data is inflated as a stream and unfiltered row by row straight into one byte per pixel, so
 * memory is the grey image plus two rows, whatever the colour type or bit depth. The size is
 * checked from the header before anything is inflated, and the inflated length is capped at what
 * the header promises. Interlaced (Adam7) images, rare for scans, go through pngjs under a smaller cap.
 */
import { createInflate } from 'node:zlib';
import { PNG } from 'pngjs';
import { imageTooLarge, type Gray, QrReadError } from './qr-limits';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** pngjs expands to RGBA plus the raw rows: about 9 bytes a pixel. */
const INTERLACED_MAX_PIXELS = 12_000_000;

export function isPng(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.subarray(0, 8).equals(SIGNATURE);
}

/** Width, height and format from IHDR (the first chunk), without inflating anything. */
export function readPngHeader(bytes: Buffer): PngHeader {
  if (!isPng(bytes) || bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw new QrReadError('not a readable PNG image (no PNG header)');
  const h = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24]!, colorType: bytes[25]!, interlace: bytes[28]! };
  if (h.width === 0 || h.height === 0 || CHANNELS[h.colorType] === undefined || ![1, 2, 4, 8, 16].includes(h.bitDepth)) {
    throw new QrReadError(`not a readable PNG image (header: ${h.width}×${h.height}, colour type ${h.colorType}, ${h.bitDepth} bits)`);
  }
  return h;
}

interface Chunks {
  idat: Buffer[];
  palette?: Buffer;
  trns?: Buffer;
}

function chunks(bytes: Buffer): Chunks {
  const out: Chunks = { idat: [] };
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 8 + length;
    if (end + 4 > bytes.length) throw new QrReadError(`not a readable PNG image (chunk ${type} runs past the end of the file)`);
    const data = bytes.subarray(at + 8, end);
    if (type === 'IDAT') out.idat.push(data);
    else if (type === 'PLTE') out.palette = data;
    else if (type === 'tRNS') out.trns = data;
    else if (type === 'IEND') break;
    at = end + 4;
  }
  if (out.idat.length === 0) throw new QrReadError('not a readable PNG image (no image data)');
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes one row's filter in place (PNG spec §9), given the unfiltered previous row. */
function unfilter(type: number, row: Uint8Array, prev: Uint8Array, bpp: number): void {
  const n = row.length;
  switch (type) {
    case 0:
      return;
    case 1:
      for (let i = bpp; i < n; i += 1) row[i] = (row[i]! + row[i - bpp]!) & 0xff;
      return;
    case 2:
      for (let i = 0; i < n; i += 1) row[i] = (row[i]! + prev[i]!) & 0xff;
      return;
    case 3:
      for (let i = 0; i < n; i += 1) row[i] = (row[i]! + ((i >= bpp ? row[i - bpp]! : 0) + prev[i]!) / 2) & 0xff;
      return;
    case 4:
      for (let i = 0; i < n; i += 1) row[i] = (row[i]! + paeth(i >= bpp ? row[i - bpp]! : 0, prev[i]!, i >= bpp ? prev[i - bpp]! : 0)) & 0xff;
      return;
    default:
      throw new QrReadError(`not a readable PNG image (unknown row filter ${type})`);
  }
}

/** Writes one unfiltered row as grey, alpha composited on white paper. */
function rowToGray(h: PngHeader, c: Chunks, row: Uint8Array, out: Uint8ClampedArray, offset: number): void {
  const d = h.bitDepth;
  const max = (1 << Math.min(d, 8)) - 1;
  const sample = (index: number): number => {
    if (d === 8) return row[index]!;
    if (d === 16) return row[index * 2]!;
    const perByte = 8 / d;
    const byte = row[Math.floor(index / perByte)]!;
    const shift = 8 - d * ((index % perByte) + 1);
    return (byte >> shift) & max;
  };
  const to8 = (v: number) => (d >= 8 ? v : Math.round((v * 255) / max));
  const trnsGray = h.colorType === 0 && c.trns && c.trns.length >= 2 ? c.trns.readUInt16BE(0) : undefined;
  for (let x = 0; x < h.width; x += 1) {
    let lum: number;
    let alpha = 255;
    switch (h.colorType) {
      case 0: {
        const v = sample(x);
        lum = to8(v);
        if (trnsGray !== undefined && (d === 16 ? (row[x * 2]! << 8) | row[x * 2 + 1]! : v) === trnsGray) alpha = 0;
        break;
      }
      case 2:
        lum = (sample(x * 3) * 299 + sample(x * 3 + 1) * 587 + sample(x * 3 + 2) * 114) / 1000;
        break;
      case 3: {
        const i = sample(x);
        const p = c.palette;
        lum = p && i * 3 + 2 < p.length ? (p[i * 3]! * 299 + p[i * 3 + 1]! * 587 + p[i * 3 + 2]! * 114) / 1000 : 255;
        alpha = c.trns && i < c.trns.length ? c.trns[i]! : 255;
        break;
      }
      case 4:
        lum = to8(sample(x * 2));
        alpha = to8(sample(x * 2 + 1));
        break;
      default:
        lum = (sample(x * 4) * 299 + sample(x * 4 + 1) * 587 + sample(x * 4 + 2) * 114) / 1000;
        alpha = sample(x * 4 + 3);
    }
    out[offset + x] = alpha === 255 ? lum : (lum * alpha + 255 * (255 - alpha)) / 255;
  }
}

/** The interlaced path: pngjs, under a smaller cap because it expands to RGBA. */
function interlacedToGray(bytes: Buffer, h: PngHeader): Gray {
  if (h.width * h.height > INTERLACED_MAX_PIXELS) {
    throw new QrReadError(`interlaced PNG too large to read: ${h.width}×${h.height} (at most ${INTERLACED_MAX_PIXELS / 1e6} megapixels interlaced; save it without interlacing)`);
  }
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (e) {
    throw new QrReadError(`not a readable PNG image (${e instanceof Error ? e.message : String(e)})`);
  }
  const out = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0, p = 0; i < out.length; i += 1, p += 4) {
    const a = png.data[p + 3]! / 255;
    out[i] = ((png.data[p]! * 299 + png.data[p + 1]! * 587 + png.data[p + 2]! * 114) / 1000) * a + 255 * (1 - a);
  }
  return { width: png.width, height: png.height, data: out };
}

/** PNG bytes to grey; refuses (QrReadError) images over maxPixels before inflating anything. */
export async function pngToGrayBounded(bytes: Buffer, maxPixels: number): Promise<Gray> {
  const h = readPngHeader(bytes);
  if (h.width * h.height > maxPixels) throw imageTooLarge(h.width, h.height, maxPixels);
  if (h.interlace !== 0) return interlacedToGray(bytes, h);
  const c = chunks(bytes);
  const bitsPerPixel = CHANNELS[h.colorType]! * h.bitDepth;
  const rowBytes = Math.ceil((h.width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel / 8);
  const out = new Uint8ClampedArray(h.width * h.height);
  const prev = new Uint8Array(rowBytes);
  const cur = new Uint8Array(rowBytes + 1);
  let filled = 0;
  let y = 0;
  const inflate = createInflate({ maxOutputLength: (rowBytes + 1) * h.height + 1 });
  const feed = (async () => {
    for (const part of c.idat) if (!inflate.write(part)) await new Promise((r) => inflate.once('drain', r));
    inflate.end();
  })();
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length && y < h.height) {
        const n = Math.min(chunk.length - at, cur.length - filled);
        cur.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled < cur.length) break;
        const row = cur.subarray(1);
        unfilter(cur[0]!, row, prev, bpp);
        rowToGray(h, c, row, out, y * h.width);
        prev.set(row);
        filled = 0;
        y += 1;
      }
    }
    await feed;
  } catch (e) {
    if (e instanceof QrReadError) throw e;
    throw new QrReadError(`not a readable PNG image (${e instanceof Error ? e.message : String(e)})`);
  }
  if (y < h.height) throw new QrReadError(`not a readable PNG image (image data ends at row ${y} of ${h.height})`);
  return { width: h.width, height: h.height, data: out };
}
