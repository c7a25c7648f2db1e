// The one TMX reader: streams a TMX 1.4 file's translation units, each with its variants'
// languages and segment text, so a large file never sits in memory whole. The translation memory
// (memory.ts) and the parallel-corpus import (api/pairs-import.ts) both read TMX through it.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { SaxesParser } from 'saxes';

/** One <tuv>: its xml:lang as written and the text of its <seg>, inline codes dropped. */
export interface TmxVariant {
  lang: string;
  text: string;
}

/** One <tu>, with the header's srclang (as written, '' when absent). */
export interface TmxUnit {
  srcLang: string;
  variants: TmxVariant[];
}

const INLINE_CODES = ['bpt', 'ept', 'ph', 'it', 'ut'];

/** Primary language subtag, lowercased: "de-DE" -> "de", "IS" -> "is". */
export function primaryLang(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
}

/**
 * TMX 1.4b: <tu> with <tuv xml:lang> and <seg>. Inline native codes (bpt, ept, ph, it, ut) are
 * dropped. `onBytes` hears how many bytes of the file were read so far (progress against its size).
 * A file that is not well-formed XML throws an error naming it.
 */
export async function* readTmxUnits(file: string, onBytes: (bytes: number) => void = () => undefined): AsyncGenerator<TmxUnit> {
  const parser = new SaxesParser({ xmlns: false });
  const found: TmxUnit[] = [];
  let srcLang = '';
  let tuv: TmxVariant | null = null;
  let variants: TmxVariant[] = [];
  let inSeg = false;
  let codeDepth = 0;
  let error: Error | null = null;
  parser.on('opentag', (tag) => {
    const name = tag.name.toLowerCase();
    if (name === 'header') srcLang = String(tag.attributes['srclang'] ?? '');
    else if (name === 'tu') variants = [];
    else if (name === 'tuv') tuv = { lang: String(tag.attributes['xml:lang'] ?? tag.attributes['lang'] ?? ''), text: '' };
    else if (name === 'seg') inSeg = true;
    else if (inSeg && INLINE_CODES.includes(name)) codeDepth++;
  });
  const onText = (t: string) => {
    if (inSeg && codeDepth === 0 && tuv) tuv.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const name = tag.name.toLowerCase();
    if (name === 'seg') inSeg = false;
    else if (inSeg && INLINE_CODES.includes(name)) codeDepth--;
    else if (name === 'tuv' && tuv) {
      variants.push(tuv);
      tuv = null;
    } else if (name === 'tu') found.push({ srcLang, variants });
  });
  parser.on('error', (e) => {
    error ??= e;
  });
  const stream = createReadStream(file, 'utf8');
  let first = true;
  for await (const chunk of stream as AsyncIterable<string>) {
    parser.write(first ? chunk.replace(/^\uFEFF/u, '') : chunk);
    first = false;
    onBytes(stream.bytesRead);
    if (error) break;
    while (found.length) yield found.shift()!;
  }
  if (!error) parser.close();
  if (error) throw new Error(`${basename(file)}: not well-formed TMX: ${(error as Error).message}`);
  while (found.length) yield found.shift()!;
}
