/**
 * A bound on what an .xlsx (a zip) expands to, checked before a spreadsheet library opens it: a
 * small file can hold gigabytes of XML (a "zip bomb"), and the sizes a zip declares can lie. Every
 * entry is inflated here once with Node's zlib, capped at its declared size and the total at
 * `maxTotalBytes`, so the library later inflates only data proven small.
 */
import { inflateRawSync } from 'node:zlib';

export class ZipBoundsError extends Error {
  override name = 'ZipBoundsError';
}

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfCentralDirectory(b: Buffer): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i -= 1) if (b.readUInt32LE(i) === EOCD) return i;
  throw new ZipBoundsError('it is not a readable .xlsx file (no zip directory found)');
}

/** Throws ZipBoundsError when the archive is malformed or expands beyond the limits. */
export function checkZipBounds(b: Buffer, limits: ZipLimits): void {
  if (b.length < 22) throw new ZipBoundsError('it is too short to be an .xlsx file');
  const eocd = findEndOfCentralDirectory(b);
  const entries = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (entries > limits.maxEntries) throw new ZipBoundsError(`it holds ${entries} parts, more than a results workbook needs (${limits.maxEntries})`);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== CENTRAL) throw new ZipBoundsError('its zip directory is damaged');
    const method = b.readUInt16LE(p + 10);
    const compressed = b.readUInt32LE(p + 20);
    const size = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    if (compressed === 0xffffffff || size === 0xffffffff) throw new ZipBoundsError('it is a zip64 archive, far larger than a results workbook');
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipBoundsError(`it expands to more than ${Math.round(limits.maxTotalBytes / 1_000_000)} MB`);
    if (local + 30 > b.length || b.readUInt32LE(local) !== LOCAL) throw new ZipBoundsError('its zip entries are damaged');
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + compressed > b.length) throw new ZipBoundsError('it is cut short');
    const data = b.subarray(start, start + compressed);
    if (method === 8) {
      try {
        // one byte of slack: output beyond the declared size means the declaration lied
        const out = inflateRawSync(data, { maxOutputLength: Math.max(1, size + 1) });
        if (out.length !== size) throw new ZipBoundsError('a zip entry does not expand to its declared size');
      } catch (e) {
        if (e instanceof ZipBoundsError) throw e;
        throw new ZipBoundsError('a zip entry expands beyond its declared size or is damaged');
      }
    } else if (method !== 0) throw new ZipBoundsError(`it uses zip compression method ${method}, which .xlsx files do not`);
    else if (compressed !== size) throw new ZipBoundsError('a stored zip entry has inconsistent sizes');
    p += 46 + nameLen + extraLen + commentLen;
  }
}
