// Sentence-splitter throughput on NTREX-128 German (../shared/data/ntrex128), against a baseline of
// Intl.Segmenter alone on the same paragraphs. Prints one JSON object.
//   npx tsx bench/segment.ts [--data DIR] [--repeats N]
// Two paragraph shapes are measured: every line of the file as a paragraph (the file's own shape,
// one sentence per line) and every document's lines joined with spaces (multi-sentence paragraphs,
// DOCUMENT_IDS.tsv). The top-level numbers are for the per-line shape.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitSentences } from '../src/ingest/sentences/index.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(arg('--data') ?? join(here, '..', '..', 'shared', 'data', 'ntrex128'));
const repeats = Math.max(1, Number(arg('--repeats') ?? 5));

if (!existsSync(dataDir)) {
  console.log(JSON.stringify({ skipped: '../shared/data not present', dataDir }, null, 2));
  process.exit(0);
}
const german = readdirSync(dataDir).find((f) => /(^|[._-])(deu|de|ger)([._-]|$)/i.test(f) && f.endsWith('.txt'));
if (!german) {
  console.log(JSON.stringify({ skipped: `no German file in ${dataDir}` }, null, 2));
  process.exit(0);
}

const raw = readFileSync(join(dataDir, german), 'utf8');
const lines = raw.split(/\r?\n/).filter((l) => l.trim() !== '');
const idsFile = join(dataDir, 'DOCUMENT_IDS.tsv');
let documents: string[] = [];
if (existsSync(idsFile)) {
  const ids = readFileSync(idsFile, 'utf8').split(/\r?\n/);
  const byDoc = new Map<string, string[]>();
  raw.split(/\r?\n/).forEach((l, i) => {
    const id = ids[i];
    if (id === undefined || l.trim() === '') return;
    const list = byDoc.get(id) ?? [];
    list.push(l.trim());
    byDoc.set(id, list);
  });
  documents = [...byDoc.values()].map((ls) => ls.join(' '));
}

const baselineSeg = new Intl.Segmenter('de', { granularity: 'sentence' });

function measure(paragraphs: string[], fn: (p: string) => number): { seconds: number; sentences: number } {
  fn(paragraphs[0] ?? ''); // warm up
  for (const p of paragraphs) fn(p);
  let sentences = 0;
  const t0 = performance.now();
  for (let r = 0; r < repeats; r++) {
    sentences = 0;
    for (const p of paragraphs) sentences += fn(p);
  }
  return { seconds: (performance.now() - t0) / 1000 / repeats, sentences };
}

const ours = (p: string): number => splitSentences(p, 'de').length;
const icu = (p: string): number => {
  let n = 0;
  for (const s of baselineSeg.segment(p)) if (s.segment.trim() !== '') n++;
  return n;
};

function run(paragraphs: string[]) {
  const bytes = paragraphs.reduce((a, p) => a + Buffer.byteLength(p, 'utf8'), 0);
  const o = measure(paragraphs, ours);
  const b = measure(paragraphs, icu);
  const mb = (s: number): number => Math.round((bytes / s / 1e6) * 100) / 100;
  return {
    paragraphs: paragraphs.length,
    bytes,
    seconds: Math.round(o.seconds * 1e4) / 1e4,
    mbPerSecond: mb(o.seconds),
    sentences: o.sentences,
    baseline: {
      what: 'Intl.Segmenter("de") alone, per paragraph',
      seconds: Math.round(b.seconds * 1e4) / 1e4,
      mbPerSecond: mb(b.seconds),
      sentences: b.sentences,
    },
    ratio: Math.round((b.seconds / o.seconds) * 100) / 100,
  };
}

const perLine = run(lines);
const result = {
  file: join(dataDir, german),
  repeats,
  ...perLine,
  ratioMeaning: 'our throughput / baseline throughput',
  documentsJoined: documents.length > 0 ? run(documents) : null,
  longParagraph: (() => {
    // the whole file as ONE paragraph: exercises the windowed ICU path
    const one = lines.join(' ');
    const t0 = performance.now();
    const n = splitSentences(one, 'de').length;
    const s = (performance.now() - t0) / 1000;
    return { chars: one.length, seconds: Math.round(s * 1e4) / 1e4, mbPerSecond: Math.round((Buffer.byteLength(one) / s / 1e6) * 100) / 100, sentences: n };
  })(),
};
console.log(JSON.stringify(result, null, 2));
