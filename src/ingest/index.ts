// Ingest: a file on disk to a document ready for the store — decoded, cleaned, language
// identified, split into paragraphs and sentences with offsets. One entry point per job:
// `collectFiles` finds the inputs, `ingestFile` reads one.
import { createHash } from 'node:crypto';
import { readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { ARTICLE_EXTENSIONS, formatBytes, type IngestOptions, type Lang } from '../common/index.ts';
import type { NewDocument } from '../store/index.ts';
import { memoryKey } from '../translate/index.ts';
import { cleanParagraphs, splitParagraphs } from './clean/index.ts';
import { findDates, publicationDate } from './dates.ts';
import { decodeText, improbableLettersWarning } from './decode/index.ts';
import { IngestError } from './errors.ts';
import { containerOf, readContainer, type Extracted } from './formats/index.ts';
import { htmlToParagraphs, looksLikeHtml } from './html/index.ts';
import { detectLanguage } from './language.ts';
import { splitSentences } from './sentences/index.ts';

export { IngestError } from './errors.ts';
export { splitSentences } from './sentences/index.ts';
export { initLanguageDetector } from './language.ts';

/** A news article is kilobytes; anything this large is almost surely not one. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const ARTICLE_FILES = new Set<string>(ARTICLE_EXTENSIONS);

export interface FoundFiles {
  files: string[];
  skipped: { path: string; reason: string }[];
}

/**
 * Expands files and folders (recursively) into the files to ingest, in a stable order. Files named
 * directly are always tried; inside folders only article extensions are taken, and every other
 * entry is listed as skipped with the reason, so no file is left out without a word: other
 * extensions, hidden names, named pipes, sockets and devices. A symbolic link to a file inside the
 * folder is taken like the file; links to folders are not followed (no cycles), and links that
 * dangle, loop or point out of the folder are skipped. A file reached twice (named again, through
 * a link, or as a hard link) is taken once.
 */
export async function collectFiles(paths: string[]): Promise<FoundFiles> {
  const skipped: FoundFiles['skipped'] = [];
  const skip = (path: string, reason: string) => skipped.push({ path, reason });
  /**
   * Every path that reaches a file, in order; `key` names the file itself (device and inode),
   * whatever path reached it. A file reached more than once is taken under the path the user
   * named, else its own path in a folder, else the first link to it.
   */
  const reached: { path: string; key: string; rank: 0 | 1 | 2 }[] = [];
  const identity = async (file: string) => {
    try {
      const s = await stat(file);
      return `${s.dev}:${s.ino}`;
    } catch {
      return file; // vanished or unreadable: ingestFile reports it under its name
    }
  };
  const errCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

  async function walk(dir: string, root: string): Promise<void> {
    let entries;
    let here: string;
    try {
      entries = await readdir(dir, { withFileTypes: true });
      here = await realpath(dir);
    } catch (err) {
      skip(dir, `cannot read folder: ${errCode(err)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      const isArticle = ARTICLE_FILES.has(extname(e.name).toLowerCase());
      const notArticle = `not an article file (${extname(e.name) || 'no extension'})`;
      if (e.name.startsWith('.')) skip(full, e.isDirectory() ? 'hidden folder (name starts with a dot), not read' : 'hidden file (name starts with a dot)');
      else if (e.isDirectory()) await walk(full, root);
      else if (e.isFile()) {
        if (isArticle) reached.push({ path: full, key: await identity(full), rank: 1 });
        else skip(full, notArticle);
      } else if (e.isSymbolicLink()) {
        const reason = await followLink(full, here, root);
        if (reason === null) {
          if (isArticle) reached.push({ path: full, key: await identity(full), rank: 2 });
          else skip(full, notArticle);
        } else {
          skip(full, reason);
        }
      } else {
        skip(full, notAFile(e));
      }
    }
  }

  /** Null when the link leads to a regular file inside `root`; otherwise why it is skipped. */
  async function followLink(link: string, here: string, root: string): Promise<string | null> {
    let target: string;
    try {
      target = await realpath(link);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return `dangling symbolic link (to ${await readlink(link).catch(() => '?')}, which does not exist)`;
      if (code === 'ELOOP') return 'symbolic link loop (links that lead back to each other)';
      return `cannot follow symbolic link: ${errCode(err)}`;
    }
    if (target !== root && !target.startsWith(root + sep)) return `symbolic link out of the folder (to ${target})`;
    let info;
    try {
      info = await stat(target);
    } catch (err) {
      return `cannot follow symbolic link: ${errCode(err)}`;
    }
    if (info.isDirectory()) {
      if (here === target || here.startsWith(target + sep)) return 'symbolic link loop (to a folder that contains it)';
      const hidden = relative(root, target).split(sep).some((part) => part.startsWith('.'));
      return hidden ? 'symbolic link to a hidden folder, not followed' : 'symbolic link to a folder, not followed (the folder is read where it is)';
    }
    if (!info.isFile()) return `symbolic link to ${notAFile(info)}`;
    return null;
  }

  for (const p of paths) {
    const full = resolve(p);
    let info;
    try {
      info = await stat(full);
    } catch (err) {
      // Named but missing or unreadable: let ingestFile report it with the usual message.
      if ((err as NodeJS.ErrnoException).code) reached.push({ path: full, key: full, rank: 0 });
      continue;
    }
    if (info.isDirectory()) await walk(full, await realpath(full));
    else reached.push({ path: full, key: `${info.dev}:${info.ino}`, rank: 0 });
  }

  const chosen = new Map<string, (typeof reached)[number]>();
  for (const r of reached) {
    const best = chosen.get(r.key);
    if (!best || r.rank < best.rank) chosen.set(r.key, r);
  }
  const files: string[] = [];
  for (const r of reached) {
    const best = chosen.get(r.key)!;
    if (r === best) files.push(r.path);
    else if (r.path !== best.path) skip(r.path, `the same file as ${best.path}, taken once`);
  }
  // A path both named and met in its folder is tried as named: ingestFile reports what it is.
  const tried = new Set(files);
  return { files, skipped: skipped.filter((s) => !tried.has(s.path)) };
}

/** What a directory entry is when it is not a file or a folder. */
function notAFile(e: { isFIFO(): boolean; isSocket(): boolean; isBlockDevice(): boolean; isCharacterDevice(): boolean }): string {
  if (e.isFIFO()) return 'a named pipe, not a file';
  if (e.isSocket()) return 'a socket, not a file';
  if (e.isBlockDevice() || e.isCharacterDevice()) return 'a device, not a file';
  return 'not a regular file';
}

export type IngestedFile = Omit<NewDocument, 'path'> & { path: string; boilerplate: number; eventDates: string[] };

/** Reads one file into a document. Throws IngestError with a message naming the file. */
export async function ingestFile(path: string, options: IngestOptions = {}): Promise<IngestedFile> {
  return parseFile(await readArticle(path, options.maxBytes), path, options);
}

/**
 * Any article file's bytes to a document: PDF, DOCX, MHTML and e-mail are read by their own
 * readers (loaded on first use), text and HTML by parseArticle; all then share one pipeline.
 */
export async function parseFile(bytes: Uint8Array, path: string, options: IngestOptions = {}): Promise<IngestedFile> {
  const name = basename(path);
  if (bytes.length === 0) throw new IngestError('empty', `${name}: file is empty (0 bytes)`);
  const kind = containerOf(bytes, name);
  if (!kind) return parseArticle(bytes, path, options);
  return buildDocument(bytes, path, options, await readContainer(bytes, name, kind));
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

/** What a reader found in a file, for the shared pipeline ('lines': one sentence per line, as given). */
type Source = Omit<Extracted, 'format'> & { format: NewDocument['format'] };

/** Decodes, cleans, identifies and segments a text or HTML article's bytes. */
export function parseArticle(bytes: Uint8Array, path: string, options: IngestOptions = {}): IngestedFile {
  const name = basename(path);
  const decoded = decodeText(bytes, name);
  const isHtml = /\.x?html?$/iu.test(name) || looksLikeHtml(decoded.text);
  const format: NewDocument['format'] = options.oneSentencePerLine ? 'lines' : isHtml ? 'html' : 'text';
  const source: Source = { format, paragraphs: [], title: null, date: null, encoding: decoded.encoding, warnings: [...decoded.warnings] };
  if (format === 'lines') {
    source.paragraphs = decoded.text.split('\n').map((l) => l.trim()).filter(Boolean);
  } else if (format === 'html') {
    const page = htmlToParagraphs(decoded.text, name);
    Object.assign(source, { paragraphs: page.paragraphs, title: page.title, date: page.date });
    source.warnings.push(...page.warnings);
  } else {
    source.paragraphs = splitParagraphs(decoded.text);
  }
  return buildDocument(bytes, path, options, source);
}

/** Cleans, identifies and segments the paragraphs a reader found: one pipeline for every format. */
function buildDocument(bytes: Uint8Array, path: string, options: IngestOptions, source: Source): IngestedFile {
  const name = basename(path);
  const { format, paragraphs: rawParagraphs, title: htmlTitle, date: htmlDate } = source;
  const warnings = [...source.warnings];
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
  const improbable = improbableLettersWarning(content, lang, name, warnings);
  if (improbable) warnings.push(improbable);

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
    encoding: source.encoding,
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
  return `${name}: very short text: ${n} sentence${n === 1 ? '' : 's'} (${words} word${words === 1 ? '' : 's'}) of article text${aside} (a news brief, or only part of the page was saved?)`;
}

/**
 * Plain text has no title element: a repeated title line, else the opening sentence, whole. A
 * title is stored and exported in full (x-title in TMX); views shorten it for display.
 */
function guessTitle(cleaned: ReturnType<typeof cleanParagraphs>, sentences: NewDocument['sentences']): string | null {
  const titled = cleaned.find((p) => p.dropped && p.reason === 'repeated_title');
  if (titled) return titled.text;
  return sentences[0]?.text ?? null;
}

