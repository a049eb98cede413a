/** The little of unzipper the zip guard uses: the sequential reader exceljs's streaming reader also uses. */
declare module 'unzipper' {
  import type { Duplex, Readable } from 'node:stream';

  export interface Entry extends Readable {
    path: string;
    type: 'File' | 'Directory';
    vars: { compressedSize: number; uncompressedSize: number; compressionMethod: number };
    autodrain(): Readable & { promise(): Promise<void> };
  }

  /** A writable zip byte stream that reads out one Entry per file (with forceStream: an object stream). */
  export function Parse(options?: { forceStream?: boolean; verbose?: boolean }): Duplex & AsyncIterable<Entry>;
}
