/**
 * DejaVu Sans (Bitstream Vera licence plus public-domain DejaVu changes; see docs/print.md) from the
 * dejavu-fonts-ttf package: it has the rupee sign U+20B9, which PDF's standard 14 fonts lack.
 * The files are read once per process; pdfkit embeds only the glyphs used (subset).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  cond: 'DejaVuSansCondensed.ttf',
  condBold: 'DejaVuSansCondensed-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

/** The packaged app may move the fonts (asar unpack): EINVOICE_FONTS_DIR or the option wins. */
export function defaultFontsDir(): string {
  if (process.env.EINVOICE_FONTS_DIR) return process.env.EINVOICE_FONTS_DIR;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

const cache = new Map<string, Record<FontName, Buffer>>();

export function loadFonts(dir = defaultFontsDir()): Record<FontName, Buffer> {
  let fonts = cache.get(dir);
  if (!fonts) {
    const read = (file: string) => {
      try {
        return readFileSync(join(dir, file));
      } catch {
        throw new Error(`the invoice font ${file} is missing from ${dir} (install the dejavu-fonts-ttf package or set EINVOICE_FONTS_DIR)`);
      }
    };
    fonts = Object.fromEntries(Object.entries(FONT_FILES).map(([k, f]) => [k, read(f)])) as Record<FontName, Buffer>;
    cache.set(dir, fonts);
  }
  return fonts;
}
