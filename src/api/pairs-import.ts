// Importing a bilingual TMX as a parallel corpus (`tandem import-pairs FILE.tmx`): each language
// pair in the file becomes two documents, one per language, ingested one sentence per line through
// the normal ingest path, and an alignment between them with one accepted 1-1 row per unit. So a
// DE–NL export read into a fresh database gives back its de-nl pairs, and importing the same file
// again finds the documents (ingest knows them by content) and the alignment already there.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { z } from 'zod';
import { CancelledError, LANGS, type JobControl, type Lang } from '../common/index.ts';
import { memoryKey, primaryLang, readTmxUnits, type TmxUnit } from '../translate/index.ts';
import { alignmentSourceHash } from './alignment-hash.ts';
import { deleteDocuments } from './delete-documents.ts';
import type { Tandem } from './service.ts';

export const ImportPairsInput = z.object({ file: z.string().min(1) });

export interface ImportedPairSet {
  /** "de-nl": the source language first. */
  pair: string;
  units: number;
  /** The documents, one per language, and whether this import created them or found them stored. */
  source: { lang: string; document: number; outcome: 'new' | 'known' };
  target: { lang: string; document: number; outcome: 'new' | 'known' };
  alignment: number;
  /** new: saved now with every row accepted; known: the stored alignment of these documents was kept. */
  alignmentOutcome: 'new' | 'known';
}

export interface ImportPairsReport {
  file: string;
  /** <tu> units read. */
  read: number;
  /** Units kept, per language pair. */
  kept: Record<string, number>;
  /** Units not kept, counted by reason. */
  skipped: { reason: string; count: number }[];
  pairs: ImportedPairSet[];
}

export const PAIR_SKIP_REASONS = {
  notTwo: (n: number) => `${n === 1 ? 'one language' : `${n} languages`}, not two`,
  empty: 'a side is empty',
  noSource: (lang: string) => `no side in the source language ${lang || '(none)'}`,
  sameLang: 'both sides in one language',
  notStored: (lang: string) => `language ${lang || '(none)'}: not one Tandem stores (${LANGS.join(', ')})`,
} as const;

/** One line per unit: NFC, any run of whitespace (line breaks included) one space, trimmed. */
function segmentLine(text: string): string {
  return memoryKey(text.replace(/\u0085/gu, ' '));
}

interface Kept {
  source: string;
  target: string;
  lines: [string, string][];
}

/** The pair a unit gives (source first), or why it gives none. */
function classify(unit: TmxUnit): { source: string; target: string; texts: [string, string] } | { skip: string } {
  const { variants } = unit;
  if (variants.length !== 2) return { skip: PAIR_SKIP_REASONS.notTwo(variants.length) };
  const header = primaryLang(unit.srcLang);
  const srcLang = header && header !== '*all*' ? header : primaryLang(variants[0]!.lang);
  const src = variants.find((v) => primaryLang(v.lang) === srcLang);
  if (!src) return { skip: PAIR_SKIP_REASONS.noSource(srcLang) };
  const tgt = variants.find((v) => v !== src)!;
  const tgtLang = primaryLang(tgt.lang);
  if (tgtLang === srcLang) return { skip: PAIR_SKIP_REASONS.sameLang };
  for (const l of [srcLang, tgtLang]) if (!(LANGS as readonly string[]).includes(l)) return { skip: PAIR_SKIP_REASONS.notStored(l) };
  const texts: [string, string] = [segmentLine(src.text), segmentLine(tgt.text)];
  if (!texts[0] || !texts[1]) return { skip: PAIR_SKIP_REASONS.empty };
  return { source: srcLang, target: tgtLang, texts };
}

async function readPairs(path: string, size: number, control: JobControl) {
  const name = basename(path);
  const kept = new Map<string, Kept>();
  const skipped = new Map<string, number>();
  let read = 0;
  let bytes = 0;
  const started = performance.now();
  for await (const unit of readTmxUnits(path, (b) => (bytes = b))) {
    if (control.signal?.aborted) throw new CancelledError(`cancelled while reading ${name}; nothing was stored`);
    read++;
    const c = classify(unit);
    if ('skip' in c) skipped.set(c.skip, (skipped.get(c.skip) ?? 0) + 1);
    else {
      const key = `${c.source}-${c.target}`;
      const set = kept.get(key) ?? { source: c.source, target: c.target, lines: [] };
      set.lines.push(c.texts);
      kept.set(key, set);
    }
    if (read % 1000 === 0) {
      const seconds = (performance.now() - started) / 1000;
      control.onProgress?.({ phase: 'import', done: bytes, total: size, item: name, perSecond: bytes / Math.max(seconds, 1e-3) });
    }
  }
  return { read, kept, skipped };
}

/** Ingests one side's lines as a one-sentence-per-line document and checks it holds exactly those sentences. */
async function ingestSide(t: Tandem, dir: string, file: string, lang: string, title: string, lines: string[], control: JobControl) {
  const path = join(dir, file);
  await writeFile(path, `${lines.join('\n')}\n`, 'utf8');
  const report = await t.ingest([path], { oneSentencePerLine: true, lang: lang as Lang, title }, { signal: control.signal });
  const doc = report.documents[0];
  if (!doc && control.signal?.aborted) throw new CancelledError(`cancelled before the ${lang} side of ${file} was stored`);
  if (!doc || doc.id === null || (doc.status !== 'ingested' && doc.status !== 'duplicate')) {
    throw new Error(`${file}: the ${lang} side could not be stored: ${doc?.error ?? report.skipped[0]?.reason ?? 'not ingested'}`);
  }
  return { id: doc.id, outcome: doc.status === 'duplicate' ? 'known' as const : 'new' as const };
}

/**
 * One language pair: its two documents (each side's lines ingested one sentence per line) and the
 * accepted 1-1 alignment. When it fails, the documents this call created are deleted again, so a
 * refused file leaves nothing half imported (documents found already stored stay).
 */
async function importSet(t: Tandem, dir: string, stem: string, name: string, set: Kept, titleSuffix: string, control: JobControl): Promise<ImportedPairSet> {
  const created: number[] = [];
  try {
    return await importSides(t, dir, stem, name, set, titleSuffix, control, created);
  } catch (err) {
    if (created.length) await deleteDocuments(t, created);
    throw err;
  }
}

async function importSides(t: Tandem, dir: string, stem: string, name: string, set: Kept, titleSuffix: string, control: JobControl, created: number[]): Promise<ImportedPairSet> {
  const pair = `${set.source}-${set.target}`;
  const sides = [set.source, set.target] as const;
  const docs: { id: number; outcome: 'new' | 'known' }[] = [];
  for (const [i, lang] of sides.entries()) {
    const doc = await ingestSide(t, dir, `${stem}${titleSuffix ? `.${pair}` : ''}.${lang}.txt`, lang, `${stem} (${lang}${titleSuffix})`, set.lines.map((l) => l[i]!), control);
    if (doc.outcome === 'new') created.push(doc.id);
    docs.push(doc);
    if (control.signal?.aborted) throw new CancelledError(`cancelled; ${pair} of ${name} was not imported`);
  }
  const [a, b] = docs as [(typeof docs)[0], (typeof docs)[0]];
  const inputs = new Map((await t.store.matchInputs([a.id, b.id])).map((d) => [d.id, d]));
  const [da, db] = [inputs.get(a.id), inputs.get(b.id)];
  for (const [i, d] of [da, db].entries()) {
    const got = d?.sentences.map((s) => s.text) ?? [];
    const want = set.lines.map((l) => l[i]!);
    const first = want.findIndex((w, k) => got[k] !== w);
    if (got.length !== want.length || first >= 0) {
      const which = `the ${sides[i]} document ${docs[i]!.id}${docs[i]!.outcome === 'known' ? ' (already stored with this text)' : ''}`;
      throw new Error(`${name}: ${which} has ${got.length} sentences for ${want.length} ${pair} units${first >= 0 ? `; unit ${first + 1} differs` : ''}: each unit must be one sentence; nothing of ${pair} was imported`);
    }
  }
  const existing = await t.storedAlignment(a.id, b.id, 'monotonic');
  let alignment = existing?.id ?? null;
  if (alignment === null) {
    if (control.signal?.aborted) throw new CancelledError(`cancelled; ${pair} of ${name} was not imported`);
    const beads = set.lines.map((_, i) => ({ a: [i], b: [i], score: 1, kind: '1-1' }));
    alignment = await t.store.saveAlignment({ aDoc: a.id, bDoc: b.id, mode: 'monotonic', sourceHash: alignmentSourceHash('monotonic', da!.sentences, db!.sentences), beads }, control.signal);
    const saved = await t.alignment(alignment);
    await t.reviewMany(alignment, { action: 'accept', beadIds: saved.beads.map((x) => x.id) });
  }
  return {
    pair, units: set.lines.length, alignment, alignmentOutcome: existing ? 'known' : 'new',
    source: { lang: set.source, document: a.id, outcome: a.outcome },
    target: { lang: set.target, document: b.id, outcome: b.outcome },
  };
}

export async function importPairs(t: Tandem, input: z.infer<typeof ImportPairsInput>, control: JobControl = {}): Promise<ImportPairsReport> {
  const path = resolve(input.file);
  const name = basename(path);
  if (!/\.tmx$/iu.test(name)) throw new Error(`${name}: import-pairs reads TMX files (.tmx)`);
  let size = 0;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    throw new Error(`${name}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const { read, kept, skipped } = await readPairs(path, size, control);
  const skippedList = [...skipped].map(([reason, count]) => ({ reason, count })).sort((x, y) => y.count - x.count);
  if (kept.size === 0) {
    const why = skippedList.map((s) => `${s.count} ${s.reason}`).join('; ');
    throw new Error(`${name}: no unit with two languages to import (${read} units read${why ? `: ${why}` : ''}); nothing was stored`);
  }
  const stem = basename(name, extname(name));
  const dir = await mkdtemp(join(tmpdir(), 'tandem-pairs-'));
  const pairs: ImportedPairSet[] = [];
  try {
    const sets = [...kept.values()];
    for (const [i, set] of sets.entries()) {
      if (control.signal?.aborted) throw new CancelledError(`cancelled; ${pairs.length} of ${sets.length} language pairs of ${name} were imported before`);
      pairs.push(await importSet(t, dir, stem, name, set, sets.length > 1 ? `, ${set.source}-${set.target}` : '', control));
      control.onProgress?.({ phase: 'ingest', done: i + 1, total: sets.length, item: `${name} ${set.source}-${set.target}` });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { file: input.file, read, kept: Object.fromEntries([...kept].map(([k, v]) => [k, v.lines.length])), skipped: skippedList, pairs };
}
