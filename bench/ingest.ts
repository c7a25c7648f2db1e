// Ingest throughput and quality on real news text: NTREX-128 (../shared/data/ntrex128), German,
// Dutch and Icelandic. Each of its 123 documents becomes an article file (paragraphs of up to
// four sentences, the headline alone); the known sentence boundaries grade the splitter. Prints one JSON object.
//   npx tsx bench/ingest.ts [--data DIR]
// Baseline, same run: UTF-8 decoding plus Intl.Segmenter alone on the same paragraphs.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Tandem } from '../src/api/service.ts';
import { initLanguageDetector, parseArticle } from '../src/ingest/index.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dataDir = resolve(arg('--data') ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'ntrex128'));
if (!existsSync(join(dataDir, 'DOCUMENT_IDS.tsv'))) {
  console.log(JSON.stringify({ skipped: `../shared/data not present (looked for ${dataDir}/DOCUMENT_IDS.tsv)` }));
  process.exit(0);
}

const FILES = { de: 'newstest2019-ref.deu.txt', nl: 'newstest2019-ref.nld.txt', is: 'newstest2019-ref.isl.txt' } as const;
const ids = readFileSync(join(dataDir, 'DOCUMENT_IDS.tsv'), 'utf8').split('\n');

interface Article { lang: keyof typeof FILES; name: string; text: string; paragraphs: string[][] }
const articles: Article[] = [];
for (const [lang, file] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
  const lines = readFileSync(join(dataDir, file), 'utf8').split('\n');
  const byDoc = new Map<string, string[]>();
  lines.forEach((l, i) => {
    if (l.trim() && ids[i]) byDoc.set(ids[i]!, [...(byDoc.get(ids[i]!) ?? []), l.trim()]);
  });
  for (const [doc, sentences] of byDoc) {
    // The first line of an NTREX document is its headline, which has no final punctuation: like a
    // real article, it is a paragraph of its own. Some gold lines hold two sentences; they count
    // against the splitter as they stand.
    const paragraphs: string[][] = [sentences.slice(0, 1)];
    for (let i = 1; i < sentences.length; i += 4) paragraphs.push(sentences.slice(i, i + 4));
    articles.push({ lang, name: `${lang}-${doc}.txt`, text: paragraphs.map((p) => p.join(' ')).join('\n\n') + '\n', paragraphs });
  }
}
const bytes = articles.map((a) => Buffer.from(a.text, 'utf8'));
const totalBytes = bytes.reduce((n, b) => n + b.length, 0);

/** Boundary precision/recall: a boundary is the end offset of a sentence inside a paragraph. */
function grade(gold: string[][][], found: string[][][]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((doc, d) => doc.forEach((para, p) => {
    const ends = (ss: string[]) => { let o = 0; return new Set(ss.slice(0, -1).map((s) => (o += s.length + 1))); };
    const g = ends(para);
    const f = ends(found[d]?.[p] ?? []);
    for (const e of f) {
      if (g.has(e)) tp++;
      else fp++;
    }
    for (const e of g) if (!f.has(e)) fn++;
  }));
  const precision = tp / (tp + fp || 1), recall = tp / (tp + fn || 1);
  return { precision: +precision.toFixed(4), recall: +recall.toFixed(4), f1: +((2 * precision * recall) / (precision + recall || 1)).toFixed(4) };
}

await initLanguageDetector();
// Baseline: decode and Intl.Segmenter per paragraph.
const t0 = performance.now();
const baselineFound = articles.map((a, i) => {
  const seg = new Intl.Segmenter(a.lang, { granularity: 'sentence' });
  return new TextDecoder().decode(bytes[i]).split('\n\n').map((p) => [...seg.segment(p.trim())].map((s) => s.segment.trim()).filter(Boolean));
});
const baselineSeconds = (performance.now() - t0) / 1000;

// Tandem's ingest pipeline, in memory: decode, clean, identify, segment, find dates.
const t1 = performance.now();
const parsed = articles.map((a, i) => parseArticle(bytes[i]!, a.name));
const pipelineSeconds = (performance.now() - t1) / 1000;
const found = parsed.map((doc) => doc.paragraphs.map((p, pi) => doc.sentences.filter((s) => s.paragraph === pi).map((s) => s.text)));
const langRight = parsed.filter((doc, i) => doc.lang === articles[i]!.lang).length;

// The same through the service into a real SQLite file.
const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
articles.forEach((a) => writeFileSync(join(dir, a.name), a.text));
const tandem = await Tandem.open({ dbPath: join(dir, 'bench.db'), modelsDir: join(dir, 'models') });
const t2 = performance.now();
const report = await tandem.ingest([dir]);
const storeSeconds = (performance.now() - t2) / 1000;
await tandem.close();
rmSync(dir, { recursive: true, force: true });

const mbps = (s: number) => +(totalBytes / 1024 / 1024 / s).toFixed(2);
const gold = articles.map((a) => a.paragraphs);
console.log(JSON.stringify({
  data: dataDir,
  documents: articles.length,
  bytes: totalBytes,
  sentences: articles.reduce((n, a) => n + a.paragraphs.flat().length, 0),
  baseline: { what: 'TextDecoder + Intl.Segmenter per paragraph', seconds: +baselineSeconds.toFixed(3), mbPerSecond: mbps(baselineSeconds), boundaries: grade(gold, baselineFound) },
  pipeline: { what: 'decode + clean + language id + segmentation + dates, in memory', seconds: +pipelineSeconds.toFixed(3), mbPerSecond: mbps(pipelineSeconds), boundaries: grade(gold, found), languageAccuracy: +(langRight / articles.length).toFixed(4) },
  stored: { what: 'tandem ingest of the files into SQLite', seconds: +storeSeconds.toFixed(3), mbPerSecond: mbps(storeSeconds), ingested: report.documents.filter((d) => d.status === 'ingested').length },
  ratio: { pipelineToBaseline: +(pipelineSeconds / baselineSeconds).toFixed(2), storedToBaseline: +(storeSeconds / baselineSeconds).toFixed(2) },
}, null, 2));
