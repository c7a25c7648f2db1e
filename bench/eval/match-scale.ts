// Scale of matching: 1k / 10k / 100k documents built from real sentences (flores-dev, ntrex128,
// tatoeba pooled; each document 3-8 random sentences of one language with their aligned English;
// 5% deliberate near-duplicates of an earlier document), indexed with MatchIndex. Reports time,
// comparisons, peak RSS, and the ratio to all-pairs comparison (all pairs timed in full at 1k,
// extrapolated from a timed random sample of pairs at 10k).
//   npx tsx bench/eval/match-scale.ts [--data DIR] [--max N] [--sizes 1000,100000] [--index-only]
// (--index-only skips the all-pairs baseline: for profiling the index alone)
import { existsSync } from 'node:fs';
import { compareDocuments, fingerprint, MatchIndex } from '../../src/match/index.ts';
import type { MatchDocument } from '../../src/match/index.ts';
import { argValue, DEFAULT_DATA, pooledSentences } from './lib/match-data.ts';
import type { PooledSentence } from './lib/match-data.ts';

const dataDir = argValue('--data') ?? DEFAULT_DATA;
if (!existsSync(dataDir) || !existsSync(`${dataDir}/flores-dev`)) {
  console.log(JSON.stringify({ skipped: '../shared/data not present' }));
  process.exit(0);
}
const max = Number(argValue('--max') ?? 100_000);

// mulberry32: a small seeded PRNG with a full period (runs are reproducible)
let seed = 12345;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;

const pool = pooledSentences(dataDir);
const byLang = new Map<string, PooledSentence[]>();
for (const s of pool) byLang.set(s.lang, [...(byLang.get(s.lang) ?? []), s]);
const langs = [...byLang.keys()];

function build(n: number): { docs: MatchDocument[]; nearDuplicates: number } {
  const docs: MatchDocument[] = [];
  let nearDuplicates = 0;
  for (let id = 0; id < n; id++) {
    if (docs.length > 10 && rand() < 0.05) {
      const src = pick(docs);
      const sentences = [...src.sentences];
      const lp = byLang.get(src.lang)!;
      const s = pick(lp);
      sentences[Math.floor(rand() * sentences.length)] = { text: s.text, english: s.english };
      docs.push({ ...src, id, sentences });
      nearDuplicates++;
      continue;
    }
    const lang = pick(langs);
    const lp = byLang.get(lang)!;
    const k = 3 + Math.floor(rand() * 6);
    const sentences = Array.from({ length: k }, () => {
      const s = pick(lp);
      return { text: s.text, english: s.english };
    });
    docs.push({ id, lang: lang as MatchDocument['lang'], published: null, eventDates: [], sentences });
  }
  return { docs, nearDuplicates };
}

const mb = (b: number) => Math.round(b / 1048576);
const results: unknown[] = [];
const sizes = (argValue('--sizes') ?? '1000,10000,100000').split(',').map(Number);
for (const n of sizes.filter((x) => x <= max)) {
  const { docs, nearDuplicates } = build(n);
  globalThis.gc?.();
  let peak = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const index = new MatchIndex();
  let matches = 0;
  const levels: Record<string, number> = {};
  let dupFound = 0;
  // the share of reading each document (its fingerprint) in the whole, timed apart
  let fingerprintMs = 0;
  for (const d of docs) {
    const tf = performance.now();
    const f = fingerprint(d);
    fingerprintMs += performance.now() - tf;
    const ms = index.add(f);
    matches += ms.length;
    for (const m of ms) {
      levels[m.level] = (levels[m.level] ?? 0) + 1;
      if (m.level === 'duplicate') dupFound++;
    }
    if (d.id % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  const allPairs = (n * (n - 1)) / 2;
  let allPairsSeconds: number | null = null;
  let allPairsNote = '';
  if (n <= 10_000 && !process.argv.includes('--index-only')) {
    const fps = docs.map((d) => fingerprint(d));
    const tf = performance.now();
    if (n <= 1000) {
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) compareDocuments(fps[i]!, fps[j]!);
      allPairsSeconds = (performance.now() - tf) / 1000;
      allPairsNote = 'all pairs timed in full (fingerprints precomputed)';
    } else {
      const sample = 200_000;
      for (let s = 0; s < sample; s++) {
        const i = Math.floor(rand() * n);
        let j = Math.floor(rand() * n);
        if (j === i) j = (j + 1) % n;
        compareDocuments(fps[i]!, fps[j]!);
      }
      allPairsSeconds = ((performance.now() - tf) / 1000) * (allPairs / sample);
      allPairsNote = `extrapolated from ${sample} random pairs (fingerprints precomputed)`;
    }
  }
  results.push({
    documents: n,
    nearDuplicatesPlanted: nearDuplicates,
    duplicateMatches: dupFound,
    seconds: Math.round(seconds * 100) / 100,
    // CPU time of the process while indexing: steadier than wall time on a busy machine
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    fingerprintSeconds: Math.round(fingerprintMs / 10) / 100,
    msPerDocument: Math.round((seconds * 1e6) / n) / 1000,
    comparisons: index.comparisons,
    comparisonsPerDocument: Math.round((index.comparisons / n) * 10) / 10,
    postingsReadPerDocument: Math.round(index.postingsRead / n),
    matches,
    levels,
    peakRssMB: mb(peak),
    allPairs,
    allPairsSeconds: allPairsSeconds === null ? null : Math.round(allPairsSeconds * 10) / 10,
    speedupVsAllPairs: allPairsSeconds === null ? null : Math.round((allPairsSeconds / seconds) * 10) / 10,
    allPairsNote: allPairsNote || 'not run at this size',
  });
}
console.log(JSON.stringify({ pooledSentences: pool.length, languages: langs, results }, null, 2));
