// Translation-memory keys and importers. A sentence is never sent to a model twice: the key is the
// normalized source text, so spacing and Unicode-form differences do not defeat the memory.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { decodeHTMLStrict } from 'entities';
import { SOURCE_LANGS } from '../common/index.ts';
import { primaryLang, readTmxUnits } from './tmx-units.ts';

/** NFC, one space for any run of whitespace, no surrounding space. Case and punctuation matter. */
export function memoryKey(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export interface ImportedPair {
  lang: string;
  source: string;
  english: string;
}

export interface ImportOptions {
  /** Source language: required for TSV and line-aligned files, a filter for TMX. */
  lang?: string;
  /** For line-aligned import: the English file whose line N translates line N of the source file. */
  english?: string;
}

/**
 * What one read of a memory file met: units read, those skipped with why, and those whose text
 * carried HTML character references (MT output often does: "Nadal&#39;s") that were decoded.
 */
export class MemoryTally {
  read = 0;
  decoded = 0;
  /** Bytes of the (source) file read so far: progress against its size. */
  bytes = 0;
  readonly skipped = new Map<string, number>();

  skip(reason: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }
}

/** Reasons a unit of a memory file is not imported. */
export const SKIP_REASONS = {
  empty: 'source or English is empty',
  noEnglish: 'no English side',
  noSource: 'no side in a language other than English',
  otherLang: (lang: string) => `language ${lang || '(none)'} not asked for`,
  untranslatable: (lang: string) => `language ${lang || '(none)'}: not one Tandem translates (${SOURCE_LANGS.join(', ')})`,
} as const;

const REFERENCE = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/gu;

/**
 * HTML character references decoded once (strict: only those closed by ";", so "AT&T" stays).
 * MT output escapes what its source never did ("Nadal&#39;s"): a reference that stands in both
 * sides alike is the text itself (a segment about markup) and is kept.
 */
function decodeReferences(pair: ImportedPair, tally: MemoryTally): ImportedPair {
  if (!pair.source.includes('&') && !pair.english.includes('&')) return pair;
  const decode = (text: string, other: string) => text.replace(REFERENCE, (ref) => (other.includes(ref) ? ref : decodeHTMLStrict(ref)));
  const source = decode(pair.source, pair.english);
  const english = decode(pair.english, pair.source);
  if (source !== pair.source || english !== pair.english) tally.decoded++;
  return { ...pair, source, english };
}

/**
 * Reads a memory file and yields pairs in batches. TMX 1.4 (streamed, so a large memory never sits
 * in memory whole), TSV (source<TAB>english), or two line-aligned plain-text files.
 */
export async function* readMemoryFile(file: string, opts: ImportOptions, batchSize = 1000, tally = new MemoryTally()): AsyncGenerator<ImportedPair[]> {
  const kind = opts.english ? 'lines' : /\.tmx$/iu.test(file) ? 'tmx' : /\.(tsv|tab|txt)$/iu.test(file) ? 'tsv' : null;
  if (kind === null) throw new Error(`${basename(file)}: unknown memory format; expected .tmx, .tsv, or --english FILE for line-aligned text`);
  if (kind !== 'tmx' && !opts.lang) throw new Error(`${basename(file)}: --lang is required for ${kind === 'tsv' ? 'TSV' : 'line-aligned'} memory files`);
  const source = kind === 'tmx' ? readTmx(file, opts.lang, tally) : kind === 'tsv' ? readTsv(file, opts.lang!, tally) : readLineAligned(file, opts.english!, opts.lang!, tally);
  let batch: ImportedPair[] = [];
  for await (const raw of source) {
    const pair = decodeReferences(raw, tally);
    if (!pair.source.trim() || !pair.english.trim()) {
      tally.skip(SKIP_REASONS.empty);
      continue;
    }
    batch.push(pair);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function* readTsv(file: string, lang: string, tally: MemoryTally): AsyncGenerator<ImportedPair> {
  const input = createReadStream(file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    tally.bytes = input.bytesRead;
    const line = n === 1 ? raw.replace(/^\uFEFF/u, '') : raw;
    if (!line.trim()) continue;
    const cols = line.split('\t');
    if (cols.length < 2) throw new Error(`${basename(file)} line ${n}: expected source<TAB>english`);
    const [src, en] = cols as [string, string];
    tally.read++;
    if (src.trim() && en.trim()) yield { lang, source: src, english: en };
    else tally.skip(SKIP_REASONS.empty);
  }
}

async function* readLineAligned(file: string, englishFile: string, lang: string, tally: MemoryTally): AsyncGenerator<ImportedPair> {
  const input = createReadStream(file, 'utf8');
  const src = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const en = createInterface({ input: createReadStream(englishFile, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  for (let n = 1; ; n++) {
    const [a, b] = await Promise.all([src.next(), en.next()]);
    tally.bytes = input.bytesRead;
    if (a.done && b.done) return;
    if (a.done || b.done) {
      throw new Error(`${basename(a.done ? file : englishFile)} ends at line ${n - 1} but ${basename(a.done ? englishFile : file)} goes on: line-aligned files must have the same number of lines`);
    }
    const s = a.value.replace(/^\uFEFF/u, '');
    const e = b.value.replace(/^\uFEFF/u, '');
    if (!s.trim() && !e.trim()) continue;
    tally.read++;
    if (s.trim() && e.trim()) yield { lang, source: s, english: e };
    else tally.skip(SKIP_REASONS.empty);
  }
}

/** The translation-memory pair of each TMX unit: its English side and one other (the header's srclang first). */
async function* readTmx(file: string, onlyLang: string | undefined, tally: MemoryTally): AsyncGenerator<ImportedPair> {
  for await (const { srcLang, variants: tuvs } of readTmxUnits(file, (bytes) => (tally.bytes = bytes))) {
    tally.read++;
    const en = tuvs.find((v) => primaryLang(v.lang) === 'en');
    const srcHint = primaryLang(srcLang);
    const src = tuvs.find((v) => primaryLang(v.lang) !== 'en' && (srcHint === '' || srcHint === '*all*' || srcHint === 'en' || primaryLang(v.lang) === srcHint))
      ?? tuvs.find((v) => primaryLang(v.lang) !== 'en');
    if (!en) tally.skip(SKIP_REASONS.noEnglish);
    else if (!src) tally.skip(SKIP_REASONS.noSource);
    else if (!src.text.trim() || !en.text.trim()) tally.skip(SKIP_REASONS.empty);
    else {
      const lang = primaryLang(src.lang);
      if (onlyLang && lang !== onlyLang) tally.skip(SKIP_REASONS.otherLang(lang));
      else if (!(SOURCE_LANGS as readonly string[]).includes(lang)) tally.skip(SKIP_REASONS.untranslatable(lang));
      else yield { lang, source: src.text, english: en.text };
    }
  }
}
