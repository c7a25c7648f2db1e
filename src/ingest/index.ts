// Ingest: a file on disk to a document ready for the store — decoded, cleaned, language
// identified, split into paragraphs and sentences with offsets. One entry point per job:
// `collectFiles` finds the inputs, `ingestFile` reads one.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { IngestOptions, Lang } from '../api/types.ts';
import type { NewDocument } from '../store/index.ts';
import { memoryKey } from '../translate/memory.ts';
import { cleanParagraphs, splitParagraphs } from './clean.ts';
import { findDates, publicationDate } from './dates.ts';
import { decodeText } from './decode.ts';
import { IngestError } from './errors.ts';
import { htmlToParagraphs, looksLikeHtml } from './html.ts';
import { detectLanguage } from './language.ts';
import { splitSentences } from './sentences.ts';

export { IngestError } from './errors.ts';
export { initLanguageDetector } from './language.ts';

/** A news article is kilobytes; anything this large is almost surely not one. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const ARTICLE_EXTENSIONS = new Set(['.txt', '.text', '.html', '.htm', '.xhtml']);

export interface FoundFiles {
  files: string[];
  skipped: { path: string; reason: string }[];
}

/**
 * Expands files and folders (recursively) into the files to ingest, in a stable order. Files named
 * directly are always tried; inside folders only article extensions are taken and the rest is
 * reported as skipped. Symbolic links to folders are not followed (no cycles, no escaping the tree).
 */
export async function collectFiles(paths: string[]): Promise<FoundFiles> {
  const files: string[] = [];
  const skipped: FoundFiles['skipped'] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ path: dir, reason: `cannot read folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) {
        if (ARTICLE_EXTENSIONS.has(extname(e.name).toLowerCase())) add(full);
        else skipped.push({ path: full, reason: `not an article file (${extname(e.name) || 'no extension'})` });
      }
    }
  }
  for (const p of paths) {
    const full = resolve(p);
    let info;
    try {
      info = await stat(full);
    } catch (err) {
      // Named but missing or unreadable: let ingestFile report it with the usual message.
      if ((err as NodeJS.ErrnoException).code) add(full);
      continue;
    }
    if (info.isDirectory()) await walk(full);
    else add(full);
  }
  return { files, skipped };
}

export type IngestedFile = Omit<NewDocument, 'path'> & { path: string; boilerplate: number; eventDates: string[] };

/** Reads one file into a document. Throws IngestError with a message naming the file. */
export async function ingestFile(path: string, options: IngestOptions = {}): Promise<IngestedFile> {
  return parseArticle(await readArticle(path, options.maxBytes), path, options);
}

/** The identity of a file's content: the same bytes are the same document. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a file's bytes within the size limit; errors name the file and say why. */
export async function readArticle(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Buffer> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new IngestError('unreadable', `${name}: not a regular file`);
    if (info.size > maxBytes) {
      throw new IngestError('too_large', `${name}: ${formatBytes(info.size)} is larger than the ${formatBytes(maxBytes)} limit for one article (raise it with --max-size)`);
    }
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found (moved or deleted?)' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
    throw new IngestError('unreadable', `${name}: cannot read: ${why}`);
  }
  if (bytes.length > maxBytes) throw new IngestError('too_large', `${name}: larger than the ${formatBytes(maxBytes)} limit`);
  return bytes;
}

/** Decodes, cleans, identifies and segments an article's bytes. */
export function parseArticle(bytes: Uint8Array, path: string, options: IngestOptions = {}): IngestedFile {
  const name = basename(path);
  const decoded = decodeText(bytes, name);
  const warnings = [...(decoded.warnings ?? [])];
  const isHtml = /\.x?html?$/iu.test(name) || looksLikeHtml(decoded.text);
  const format: NewDocument['format'] = options.oneSentencePerLine ? 'lines' : isHtml ? 'html' : 'text';

  let rawParagraphs: string[];
  let htmlTitle: string | null = null;
  let htmlDate: string | null = null;
  if (format === 'lines') {
    rawParagraphs = decoded.text.split('\n').map((l) => l.trim()).filter(Boolean);
  } else if (format === 'html') {
    const page = htmlToParagraphs(decoded.text, name);
    rawParagraphs = page.paragraphs;
    htmlTitle = page.title;
    htmlDate = page.date;
  } else {
    rawParagraphs = splitParagraphs(decoded.text);
  }
  // Pre-segmented input is taken as given: cleaning would silently drop lines an aligner counts on.
  const cleaned = format === 'lines'
    ? rawParagraphs.map((text) => ({ text, dropped: false as const }))
    : cleanParagraphs(rawParagraphs, { title: options.title ?? htmlTitle });
  if (!cleaned.some((p) => !p.dropped)) throw new IngestError('empty', `${name}: no article text found${cleaned.length ? ' (only page boilerplate)' : ''}`);

  // The stored text is the paragraphs joined by blank lines; every offset points into it.
  const paragraphs: NewDocument['paragraphs'] = [];
  let text = '';
  for (const p of cleaned) {
    if (text) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + p.text.length, text: p.text, dropped: p.dropped ? p.reason : null });
    text += p.text;
  }
  const content = paragraphs.filter((p) => p.dropped === null).map((p) => p.text).join('\n');

  const identified = options.lang
    ? { lang: options.lang as string | null, confidence: 1, detected: options.lang as string | undefined }
    : detectLanguage(content, options.allowedLangs ?? ['de', 'is', 'nl', 'en']);
  const lang = identified.lang as Lang | null;
  const detectedLang = identified.detected ?? identified.lang ?? null;

  const sentences: NewDocument['sentences'] = [];
  const dates: NewDocument['dates'] = [];
  let published: string | null = options.date ?? null;
  if (lang) {
    published ??= publicationDate(paragraphs.map((p) => p.text), lang)?.iso ?? htmlDate;
    const year = published ? Number(published.slice(0, 4)) : undefined;
    paragraphs.forEach((p, pi) => {
      if (p.dropped !== null) return;
      for (const s of splitSentences(p.text, lang, { oneSentencePerLine: format === 'lines' })) {
        sentences.push({ paragraph: pi, start: p.start + s.start, end: p.start + s.end, text: s.text, memoryKey: memoryKey(s.text) });
      }
      for (const d of findDates(p.text, lang, { year })) {
        dates.push({ iso: d.iso, precision: d.precision, kind: d.kind, start: p.start + d.start, end: p.start + d.end, text: d.text });
      }
    });
  } else {
    published ??= htmlDate;
  }
  const boilerplate = paragraphs.filter((p) => p.dropped !== null).length;
  const short = lang ? shortTextWarning(name, sentences, boilerplate) : null;
  if (short) warnings.push(short);

  return {
    contentHash: contentHash(bytes),
    path,
    fileName: name,
    format,
    encoding: decoded.encoding,
    byteSize: bytes.length,
    status: lang ? 'ingested' : 'unsupported',
    lang,
    langConfidence: identified.confidence,
    detectedLang,
    title: options.title ?? htmlTitle ?? guessTitle(cleaned, sentences),
    published,
    text,
    warnings,
    paragraphs,
    sentences,
    dates,
    boilerplate,
    eventDates: [...new Set(dates.map((d) => d.iso))],
  };
}

/** Below both, a text is very short: a news brief, or a page saved only in part. */
const SHORT_SENTENCES = 4;
const SHORT_WORDS = 60;
/** This many words are an article, however few (run-on) sentences they make. */
const ENOUGH_WORDS = 100;

/** A very short text is ingested, but with a warning that says how short and what was set aside. */
function shortTextWarning(name: string, sentences: NewDocument['sentences'], boilerplate: number): string | null {
  const n = sentences.length;
  const words = sentences.reduce((sum, s) => sum + s.text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length, 0);
  if (n === 0 || words >= ENOUGH_WORDS || (n >= SHORT_SENTENCES && words >= SHORT_WORDS)) return null;
  const aside = boilerplate ? `; ${boilerplate} paragraph${boilerplate === 1 ? '' : 's'} set aside as page boilerplate` : '';
  return `${name}: very short text: ${n} sentence${n === 1 ? '' : 's'} (${words} words) of article text${aside} (a news brief, or only part of the page was saved?)`;
}

/** Plain text has no title element: a repeated title line, else the opening sentence, shortened. */
function guessTitle(cleaned: ReturnType<typeof cleanParagraphs>, sentences: NewDocument['sentences']): string | null {
  const titled = cleaned.find((p) => p.dropped && p.reason === 'repeated_title');
  if (titled) return titled.text;
  const first = sentences[0]?.text;
  if (!first) return null;
  return first.length <= 120 ? first : `${first.slice(0, first.lastIndexOf(' ', 117) > 60 ? first.lastIndexOf(' ', 117) : 117)}…`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}
