/**
 * DejaVu Sans (Bitstream Vera licence plus public-domain DejaVu changes; see docs/print.md) from the
 * dejavu-fonts-ttf package: it has the rupee sign U+20B9, which PDF's standard 14 fonts lack.
 * pdfkit embeds only the glyphs used (a subset per document).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create, type Font } from 'fontkit';

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

const cache = new Map<string, Record<FontName, Font>>();

/**
 * The five faces, parsed once per process and shared by every document: parsing DejaVu's tables
 * costs more than laying out a one-page invoice. pdfkit accepts a parsed fontkit font and still
 * makes a fresh glyph subset per document, so sharing the parsed font is safe.
 */
export function loadFonts(dir = defaultFontsDir()): Record<FontName, Font> {
  let fonts = cache.get(dir);
  if (!fonts) {
    const read = (file: string) => {
      try {
        return create(readFileSync(join(dir, file)));
      } catch (e) {
        throw new Error(`the invoice font ${file} cannot be loaded from ${dir} (install the dejavu-fonts-ttf package or set EINVOICE_FONTS_DIR): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    };
    fonts = Object.fromEntries(Object.entries(FONT_FILES).map(([k, f]) => [k, read(f)])) as Record<FontName, Font>;
    cache.set(dir, fonts);
  }
  return fonts;
}
