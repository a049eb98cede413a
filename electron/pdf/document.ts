/**
 * What every PDF the app makes starts with (invoices, the Playground's test report): the DejaVu
 * faces registered under their names, and the bytes gathered until the document ends.
 */
import type PDFDocument from 'pdfkit';
import { loadFonts, type FontName } from './fonts';

type Doc = InstanceType<typeof PDFDocument>;

export function registerFonts(doc: Doc, fontsDir?: string): void {
  const fonts = loadFonts(fontsDir);
  // pdfkit takes a parsed fontkit font where its types only list paths and buffers.
  for (const name of Object.keys(fonts) as FontName[]) doc.registerFont(name, fonts[name] as unknown as Buffer);
}

/** The document's bytes, once `doc.end()` has been called and pdfkit has flushed everything. */
export function pdfBytes(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
