/**
 * A QR code from a PDF (a supplier's invoice: untrusted). poppler's pdfinfo reads the page count
 * and page sizes first; only the first pages are searched, a page too large to be an invoice page
 * is refused without rendering, others are rendered by pdftoppm at a dpi that keeps the page under
 * a pixel cap, every external run has a wall-clock limit, and the whole search has one time budget.
 * The answer says how many pages were searched of how many.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { decodeQrFromGray, decodeQrWithZbar, imageToGray, looksLikeJwt } from './qr-read';
import { Deadline, QR_LIMITS, QrReadError, type QrLimits } from './qr-limits';
import { readPngHeader } from './png-gray';

const run = promisify(execFile);

/** An external run killed at its time limit. */
class RendererTimeout extends QrReadError {}

export interface PdfQrOptions {
  /** The pdftoppm executable (default "pdftoppm" on PATH); pdfinfo is looked for beside it. */
  pdftoppm?: string;
  /** The pdfinfo executable (default: beside pdftoppm, else "pdfinfo" on PATH). */
  pdfinfo?: string;
  /** The zbarimg executable tried first on each page (default "zbarimg" on PATH; absent is fine). */
  zbarimg?: string;
  dpi?: number;
  limits?: Partial<QrLimits>;
}

export interface PdfQrResult {
  found?: { text: string; page: number };
  /** Pages in the file, as pdfinfo counts them. */
  pages: number;
  /** Pages rendered and searched, from page 1. */
  searched: number;
  /** Why the search ended before the page cap: the time budget. */
  stoppedBy?: 'time';
}

export const PDFTOPPM_MISSING =
  'reading a QR code from a PDF needs pdftoppm and pdfinfo from poppler (Debian/Ubuntu: apt-get install poppler-utils; ' +
  'macOS: brew install poppler; Windows: poppler for Windows on PATH). Or give a PNG or JPEG image of the QR, or the signed QR text itself.';

interface PageSize {
  width: number;
  height: number;
}

function pdfinfoBeside(pdftoppm: string | undefined): string {
  if (!pdftoppm || !pdftoppm.includes('/') && !pdftoppm.includes('\\')) return 'pdfinfo';
  return join(dirname(pdftoppm), basename(pdftoppm).replace(/pdftoppm/i, 'pdfinfo'));
}

async function runTool(tool: string, args: string[], timeoutMs: number, what: string, file: string): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { timeout: Math.max(1, timeoutMs), killSignal: 'SIGKILL', maxBuffer: 1 << 20 });
    return stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string; killed?: boolean; signal?: string };
    if (err.code === 'ENOENT') throw new QrReadError(PDFTOPPM_MISSING);
    if (err.killed || err.signal === 'SIGKILL') throw new RendererTimeout(`${what} of ${file} took longer than ${Math.round(timeoutMs / 100) / 10} s and was stopped: the PDF is too complex to be an invoice`);
    throw new QrReadError(`${what} could not read ${file}: ${(err.stderr ?? err.message).trim().split('\n')[0] ?? ''}`);
  }
}

/** Page count and the sizes of the first `upTo` pages, in points. */
async function pdfPages(file: string, tool: string, upTo: number, timeoutMs: number): Promise<{ pages: number; sizes: PageSize[] }> {
  const text = await runTool(tool, ['-f', '1', '-l', String(upTo), file], timeoutMs, 'pdfinfo', file);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(text)?.[1] ?? NaN);
  if (!Number.isInteger(pages)) throw new QrReadError(`pdfinfo could not count the pages of ${file}`);
  const sizes: PageSize[] = [];
  for (const m of text.matchAll(/^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts/gm)) sizes[Number(m[1]) - 1] = { width: Number(m[2]), height: Number(m[3]) };
  return { pages, sizes };
}

/** The dpi to render a page at, or a QrReadError when the page is too large to be an invoice page. */
export function renderDpi(size: PageSize, page: number, dpi: number, limits: QrLimits): number {
  const { width, height } = size;
  const cm = (pt: number) => Math.round((pt / 72) * 2.54);
  if (!(width > 0 && height > 0) || Math.max(width, height) > limits.maxPagePoints) {
    throw new QrReadError(`page ${page} is too large to be an invoice page: ${Math.round(width)}×${Math.round(height)} pt (${cm(width)}×${cm(height)} cm; at most ${limits.maxPagePoints} pt a side)`);
  }
  const fit = Math.floor(Math.sqrt(limits.maxPagePixels / ((width / 72) * (height / 72))));
  const chosen = Math.min(dpi, fit);
  if (chosen < limits.minDpi) {
    throw new QrReadError(`page ${page} is too large to be an invoice page: ${Math.round(width)}×${Math.round(height)} pt would need more than ${limits.maxPagePixels / 1e6} megapixels at ${limits.minDpi} dpi`);
  }
  return chosen;
}

interface RenderOptions {
  pdftoppm: string;
  dir: string;
  dpi: number;
  limits: QrLimits;
  timeoutMs: number;
}

/** One page to a grey PNG at a dpi that keeps it under the pixel cap; refuses pages too large. */
async function renderPage(file: string, page: number, size: PageSize, o: RenderOptions): Promise<{ file: string; bytes: Buffer }> {
  const dpi = renderDpi(size, page, o.dpi, o.limits);
  const prefix = join(o.dir, `p${page}`);
  // -W/-H crop to the size pdfinfo announced: the output stays under the cap even if the two disagree.
  const side = Math.ceil((Math.max(size.width, size.height) / 72) * dpi) + 2;
  const args = ['-r', String(dpi), '-gray', '-png', '-f', String(page), '-l', String(page), '-x', '0', '-y', '0', '-W', String(side), '-H', String(side), '-singlefile', file, prefix];
  await runTool(o.pdftoppm, args, o.timeoutMs, 'pdftoppm', file);
  const bytes = await readFile(`${prefix}.png`);
  const header = readPngHeader(bytes);
  if (header.width * header.height > o.limits.maxPagePixels * 1.5) {
    throw new QrReadError(`page ${page} rendered larger than allowed (${header.width}×${header.height}): the PDF is not an ordinary invoice`);
  }
  return { file: `${prefix}.png`, bytes };
}

/** Searches the first pages for a QR code, a signed token winning over any other QR code. */
export async function decodeQrFromPdf(file: string, options: PdfQrOptions = {}): Promise<PdfQrResult> {
  const limits: QrLimits = { ...QR_LIMITS, ...options.limits };
  const deadline = new Deadline(limits.pdfBudgetMs);
  const step = () => Math.min(limits.rendererTimeoutMs, deadline.left());
  const pdftoppm = options.pdftoppm ?? 'pdftoppm';
  const { pages, sizes } = await pdfPages(file, options.pdfinfo ?? pdfinfoBeside(options.pdftoppm), limits.maxPdfPages, step());
  const last = Math.min(pages, limits.maxPdfPages);
  const dir = await mkdtemp(join(tmpdir(), 'einvoice-qr-'));
  const result: PdfQrResult = { pages, searched: 0 };
  try {
    // Pass 1: render each page and ask zbar (native, about 0.1 s a page); pass 2: ZXing's views
    // (seconds on a page without a QR) with the time left, page by page.
    const rendered: Array<{ page: number; bytes: Buffer; byZbar?: string }> = [];
    for (let page = 1; page <= last; page += 1) {
      if (deadline.passed()) {
        result.stoppedBy = 'time';
        break;
      }
      const size = sizes[page - 1];
      if (!size) throw new QrReadError(`pdfinfo gave no size for page ${page} of ${file}`);
      const timeoutMs = step();
      let png;
      try {
        png = await renderPage(file, page, size, { pdftoppm, dir, dpi: options.dpi ?? 200, limits, timeoutMs });
      } catch (e) {
        // Killed because the search's own budget ran out (not the renderer's limit): the PDF is
        // not to blame; the answer says how far the search got.
        if (e instanceof RendererTimeout && timeoutMs < limits.rendererTimeoutMs) {
          result.stoppedBy = 'time';
          break;
        }
        throw e;
      }
      result.searched = page;
      const byZbar = await decodeQrWithZbar(png.file, options.zbarimg, step());
      if (byZbar !== undefined && looksLikeJwt(byZbar)) return { ...result, found: { text: byZbar, page } };
      rendered.push({ page, bytes: png.bytes, ...(byZbar !== undefined ? { byZbar } : {}) });
    }
    let other: { text: string; page: number } | undefined;
    for (const r of rendered) {
      const text = deadline.passed() ? r.byZbar : (decodeQrFromGray(await imageToGray(r.bytes, limits.maxPagePixels * 1.5), deadline) ?? r.byZbar);
      if (text !== undefined && looksLikeJwt(text)) return { ...result, found: { text, page: r.page } };
      if (text !== undefined) other ??= { text, page: r.page };
    }
    if (deadline.passed()) result.stoppedBy = 'time';
    return other ? { ...result, found: other } : result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
