/**
 * The e-invoice QR: the IRP sends the signed QR as a string (FAQ 70) and the image must encode the
 * ENTIRE string (irp-protocol.md §7.4). A SignedQRCode is ~950 bytes in byte mode; error
 * correction M needs version 25 (117 modules). At 50 mm a module is 0.43 mm, 2.5 px at 150 dpi:
 * zbarimg read it from 150 and 200 dpi renders at every size from 35 mm up in our trials, while
 * level Q (version 30) failed below 45 mm at 150 dpi. So: level M, 50 mm (the ~2 inch size
 * practitioners recommend), drawn as vector rectangles so it stays sharp at any print resolution.
 */
import QRCode from 'qrcode';

export const QR_ERROR_CORRECTION = 'M' as const;
/** Width of the symbol without its quiet zone, in points (50 mm). */
export const QR_SIDE_PT = (50 / 25.4) * 72;
/** The quiet zone every reader needs around the symbol, in modules. */
export const QR_QUIET_MODULES = 4;

export interface QrMatrix {
  size: number;
  version: number;
  dark: (row: number, col: number) => boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const { size, data } = qr.modules;
  return { size, version: qr.version, dark: (r, c) => data[r * size + c] === 1 || (data[r * size + c] as unknown) === true };
}

/** Minimal drawing surface (pdfkit's PDFDocument satisfies it). */
export interface RectSink {
  rect(x: number, y: number, w: number, h: number): unknown;
  fill(color: string): unknown;
}

/**
 * Draws the symbol with its top-left module at (x, y), `side` points wide. Runs of dark modules
 * in a row become one rectangle (fewer path operations, no hairline seams between modules).
 */
export function drawQr(doc: RectSink, m: QrMatrix, x: number, y: number, side = QR_SIDE_PT): void {
  const unit = side / m.size;
  for (let r = 0; r < m.size; r += 1) {
    let c = 0;
    while (c < m.size) {
      if (!m.dark(r, c)) {
        c += 1;
        continue;
      }
      let end = c;
      while (end < m.size && m.dark(r, end)) end += 1;
      doc.rect(x + c * unit, y + r * unit, (end - c) * unit, unit);
      c = end;
    }
  }
  doc.fill('#000000');
}
