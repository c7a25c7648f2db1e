// Translation-memory keys and importers. A sentence is never sent to a model twice: the key is the
// normalized source text, so spacing and Unicode-form differences do not defeat the memory.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { SaxesParser } from 'saxes';

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

/** Primary language subtag, lowercased: "de-DE" -> "de", "IS" -> "is". */
function primaryLang(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
}

/**
 * Reads a memory file and yields pairs in batches. TMX 1.4 (streamed, so a large memory never sits
 * in memory whole), TSV (source<TAB>english), or two line-aligned plain-text files.
 */
export async function* readMemoryFile(file: string, opts: ImportOptions, batchSize = 1000): AsyncGenerator<ImportedPair[]> {
  const kind = opts.english ? 'lines' : /\.tmx$/iu.test(file) ? 'tmx' : /\.(tsv|tab|txt)$/iu.test(file) ? 'tsv' : null;
  if (kind === null) throw new Error(`${basename(file)}: unknown memory format; expected .tmx, .tsv, or --english FILE for line-aligned text`);
  if (kind !== 'tmx' && !opts.lang) throw new Error(`${basename(file)}: --lang is required for ${kind === 'tsv' ? 'TSV' : 'line-aligned'} memory files`);
  const source = kind === 'tmx' ? readTmx(file, opts.lang) : kind === 'tsv' ? readTsv(file, opts.lang!) : readLineAligned(file, opts.english!, opts.lang!);
  let batch: ImportedPair[] = [];
  for await (const pair of source) {
    batch.push(pair);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function* readTsv(file: string, lang: string): AsyncGenerator<ImportedPair> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/u, '') : raw;
    if (!line.trim()) continue;
    const cols = line.split('\t');
    if (cols.length < 2) throw new Error(`${basename(file)} line ${n}: expected source<TAB>english`);
    const [src, en] = cols as [string, string];
    if (src.trim() && en.trim()) yield { lang, source: src, english: en };
  }
}

async function* readLineAligned(file: string, englishFile: string, lang: string): AsyncGenerator<ImportedPair> {
  const src = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const en = createInterface({ input: createReadStream(englishFile, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  for (let n = 1; ; n++) {
    const [a, b] = await Promise.all([src.next(), en.next()]);
    if (a.done && b.done) return;
    if (a.done || b.done) {
      throw new Error(`${basename(a.done ? file : englishFile)} ends at line ${n - 1} but ${basename(a.done ? englishFile : file)} goes on: line-aligned files must have the same number of lines`);
    }
    const s = a.value.replace(/^\uFEFF/u, '');
    const e = b.value.replace(/^\uFEFF/u, '');
    if (s.trim() && e.trim()) yield { lang, source: s, english: e };
  }
}

/** TMX 1.4b: <tu> with <tuv xml:lang> and <seg>. Inline native codes (bpt, ept, ph, it) are dropped. */
async function* readTmx(file: string, onlyLang: string | undefined): AsyncGenerator<ImportedPair> {
  const parser = new SaxesParser({ xmlns: false });
  const found: ImportedPair[] = [];
  let srcLangAttr = '';
  let tuv: { lang: string; text: string } | null = null;
  let tuvs: { lang: string; text: string }[] = [];
  let inSeg = false;
  let codeDepth = 0;
  let error: Error | null = null;
  parser.on('opentag', (tag) => {
    const name = tag.name.toLowerCase();
    if (name === 'header') srcLangAttr = String(tag.attributes['srclang'] ?? '');
    else if (name === 'tu') tuvs = [];
    else if (name === 'tuv') tuv = { lang: String(tag.attributes['xml:lang'] ?? tag.attributes['lang'] ?? ''), text: '' };
    else if (name === 'seg') inSeg = true;
    else if (inSeg && ['bpt', 'ept', 'ph', 'it', 'ut'].includes(name)) codeDepth++;
  });
  const onText = (t: string) => {
    if (inSeg && codeDepth === 0 && tuv) tuv.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const name = tag.name.toLowerCase();
    if (name === 'seg') inSeg = false;
    else if (inSeg && ['bpt', 'ept', 'ph', 'it', 'ut'].includes(name)) codeDepth--;
    else if (name === 'tuv' && tuv) {
      tuvs.push(tuv);
      tuv = null;
    } else if (name === 'tu') {
      const en = tuvs.find((v) => primaryLang(v.lang) === 'en');
      const srcHint = primaryLang(srcLangAttr);
      const src = tuvs.find((v) => primaryLang(v.lang) !== 'en' && (srcHint === '' || srcHint === '*all*' || srcHint === 'en' || primaryLang(v.lang) === srcHint))
        ?? tuvs.find((v) => primaryLang(v.lang) !== 'en');
      if (en && src && src.text.trim() && en.text.trim()) {
        const lang = primaryLang(src.lang);
        if (!onlyLang || lang === onlyLang) found.push({ lang, source: src.text, english: en.text });
      }
    }
  });
  parser.on('error', (e) => {
    error ??= e;
  });
  const stream = createReadStream(file, 'utf8');
  let first = true;
  for await (const chunk of stream as AsyncIterable<string>) {
    parser.write(first ? chunk.replace(/^\uFEFF/u, '') : chunk);
    first = false;
    if (error) break;
    while (found.length) yield found.shift()!;
  }
  if (!error) parser.close();
  if (error) throw new Error(`${basename(file)}: not well-formed TMX: ${(error as Error).message}`);
  while (found.length) yield found.shift()!;
}
