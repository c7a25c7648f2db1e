// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- pdf.js ships no types for its worker module, and every tsconfig that reaches this file (the renderer's too, through src/api) needs the declaration
/// <reference path="./pdf-worker.d.ts" />
// PDF: the text layer, read by pdf.js (Mozilla's PDF reader, its Node build). Nothing is rendered
// and no script in the file runs (scripting and eval are off). pdf.js runs on this thread: its
// worker module is loaded as the "fake worker" pdf.js uses when there is no Worker to start.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IngestError } from '../errors.ts';
import { dropRunningLines, linesToParagraphs, pageLines, type TextRun } from './pdf-lines.ts';
import type { Extracted } from './types.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<{ pdfjs: PdfJs; dataDir: string }> | null = null;

/** pdf.js and its worker, loaded on the first PDF (they are large: most sessions never read one). */
function loadPdfJs() {
  loading ??= (async () => {
    standInDomMatrix();
    const pdfjs = await quietly(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    // The standard fonts' metrics and the character maps of CJK fonts ship inside the package.
    const dataDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return { pdfjs, dataDir };
  })();
  return loading;
}

/**
 * pdf.js's display layer builds one DOMMatrix when it loads, for drawing pages. In Node it takes the
 * class from @napi-rs/canvas, an optional native package the app does not carry (Tandem never
 * draws a page); without one, loading fails. Reading the text layer never uses it, so where there
 * is no DOMMatrix a plain 2-D matrix stands in.
 */
function standInDomMatrix(): void {
  const g = globalThis as { DOMMatrix?: unknown };
  if (g.DOMMatrix) return;
  try {
    // The real one, when the optional package is installed (as npm does by default).
    g.DOMMatrix = (createRequire(import.meta.url)('@napi-rs/canvas') as { DOMMatrix?: unknown }).DOMMatrix;
  } catch {
    // not installed: the stand-in below
  }
  g.DOMMatrix ??= class DOMMatrix {
    a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
    constructor(init?: number[]) {
      if (Array.isArray(init) && init.length === 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init as [number, number, number, number, number, number];
    }
  };
}

/**
 * Without @napi-rs/canvas, pdf.js says so on stdout as it loads ("Warning: Cannot load
 * @napi-rs/canvas", "Cannot polyfill ..."), which would break `--json` output; those lines only
 * concern drawing pages and are dropped. Everything else is printed as usual.
 */
async function quietly<T>(load: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^Warning: Cannot (?:load "@napi-rs\/canvas"|polyfill )/u.test(args[0])) return;
    log(...args);
  };
  try {
    return await load();
  } finally {
    console.log = log;
  }
}

/** A document title worth keeping: not a word processor's "Microsoft Word - name.docx" or a file name. */
function usableTitle(title: unknown): string | null {
  if (typeof title !== 'string') return null;
  const t = title.replace(/\s+/gu, ' ').trim();
  if (!t || /^(?:microsoft \w+ - |untitled|unbenannt)/iu.test(t) || /\.(?:docx?|pdf|indd|qxd|rtf|odt)$/iu.test(t)) return null;
  return t;
}

export async function readPdf(bytes: Uint8Array, name: string): Promise<Extracted> {
  const { pdfjs, dataDir } = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdf.js takes ownership of (detaches) the buffer it is given
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl: join(dataDir, 'standard_fonts') + '/',
    cMapUrl: join(dataDir, 'cmaps') + '/',
    cMapPacked: true,
    verbosity: 0, // errors only: pdf.js's own warnings about odd files are not the analyst's concern
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    const e = err as Error;
    if (e.name === 'PasswordException') {
      throw new IngestError('encrypted', `${name}: the PDF is password-protected (encrypted); open it with its password, save a copy without one, and ingest that`);
    }
    throw new IngestError('unreadable', `${name}: not a readable PDF (${e.message})`);
  }
  try {
    const pages: ReturnType<typeof pageLines>[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue; // a marked-content boundary, not text
        runs.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, height: item.height, hasEOL: item.hasEOL });
      }
      pages.push(pageLines(runs));
      page.cleanup();
    }
    if (!pages.some((lines) => lines.some((l) => /[\p{L}\p{N}]/u.test(l.text)))) {
      throw new IngestError('no_text_layer', `${name}: scanned PDF without a text layer (run OCR first): ${doc.numPages} page${doc.numPages === 1 ? '' : 's'} of images, no text`);
    }
    const { pages: kept } = dropRunningLines(pages);
    const { info } = await doc.getMetadata().catch(() => ({ info: {} }));
    return {
      format: 'text',
      paragraphs: linesToParagraphs(kept),
      title: usableTitle((info as Record<string, unknown>)['Title']),
      date: null,
      encoding: 'pdf',
      warnings: [],
    };
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError('unreadable', `${name}: could not read the PDF's text (${(err as Error).message})`);
  } finally {
    await doc.destroy();
  }
}
