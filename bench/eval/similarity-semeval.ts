// Similarity on rated news pairs (SemEval-2022 Task 8 kind): Pearson correlation of the score with
// the human rating (higher similarity = lower rating, so correlated with -overall), per language
// pair, for Tandem beside two lexical baselines computed in the same run on the same articles:
//   - TF-IDF cosine of word unigrams (lower-cased \w\w+ tokens, smoothed idf over the data set's
//     articles, l2-normalized raw counts: scikit-learn's TfidfVectorizer defaults);
//   - MinHash (128 hashes) estimate of the Jaccard similarity of word 3-shingles.
// Tandem is scored by compareFingerprints itself, fitted k-fold: every pair is scored by a model that
// never saw it (bench/eval/lib/similarity-fit.ts). With --shipped the shipped model
// (src/match/similarity-model.json) scores every pair as it is: the figure for unseen data.
// Also prints the FLORES clustering figures of bench/eval/match-flores.ts (with and without MT).
//   npx tsx bench/eval/similarity-semeval.ts [--data DIR] [--shipped] [--no-flores]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { compareFingerprints } from '../../src/match/compare.ts';
import { argValue, DEFAULT_DATA } from './lib/match-data.ts';
import { loadSemeval, semevalAvailable, type RatedPair, type SemevalSet } from './lib/semeval-data.ts';
import { crossValidate, FOLDS, langGroup, pearson, pearsonByGroup, prepare, REPEATS } from './lib/similarity-fit.ts';

const dir = argValue('--data') ?? join(DEFAULT_DATA, 'semeval-train');
if (!semevalAvailable(dir)) {
  console.log(JSON.stringify({ skipped: `no rated pairs at ${dir} (../shared/data/semeval-train not present?)` }));
  process.exit(0);
}
const shipped = process.argv.includes('--shipped');
const set = await loadSemeval(dir);

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
}
const textOf = (set: SemevalSet, id: number) => set.docs.get(id)!.sentences.map((s) => s.text).join(' ');

function tfidfScores(set: SemevalSet): Map<string, number> {
  const tokens = new Map([...set.docs.keys()].map((id) => [id, words(textOf(set, id))]));
  const df = new Map<string, number>();
  for (const t of tokens.values()) for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = tokens.size;
  const vector = (t: string[]) => {
    const v = new Map<string, number>();
    for (const w of t) v.set(w, (v.get(w) ?? 0) + 1);
    let norm = 0;
    for (const [w, c] of v) {
      const x = c * (Math.log((n + 1) / ((df.get(w) ?? 0) + 1)) + 1);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  };
  const vectors = new Map([...tokens].map(([id, t]) => [id, vector(t)]));
  return new Map(set.pairs.map((q) => {
    const a = vectors.get(q.a)!;
    const b = vectors.get(q.b)!;
    let dot = 0;
    for (const [w, x] of a) dot += x * (b.get(w) ?? 0);
    return [q.id, dot];
  }));
}

function minhashScores(set: SemevalSet, hashes = 128): Map<string, number> {
  const seeds = Array.from({ length: hashes }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) >>> 0) || 1);
  const hash = (s: string, seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) >>> 0;
  };
  const signature = (id: number) => {
    const w = words(textOf(set, id));
    const shingles = new Set<string>();
    for (let i = 0; i + 3 <= w.length; i++) shingles.add(w.slice(i, i + 3).join(' '));
    return seeds.map((seed) => {
      let min = 0xffffffff;
      for (const s of shingles) min = Math.min(min, hash(s, seed));
      return shingles.size ? min : -1;
    });
  };
  const sigs = new Map([...set.docs.keys()].map((id) => [id, signature(id)]));
  return new Map(set.pairs.map((q) => {
    const a = sigs.get(q.a)!;
    const b = sigs.get(q.b)!;
    const same = a.filter((x, i) => x >= 0 && x === b[i]).length;
    return [q.id, same / hashes];
  }));
}

function byGroup(pairs: RatedPair[], scores: Map<string, number>) {
  return pearsonByGroup(pairs, [scores]);
}

const prepared = prepare(set);
const started = performance.now();
const tandemScores = shipped
  ? [new Map(set.pairs.map((q) => [q.id, compareFingerprints(prepared.fingerprints.get(q.a)!, prepared.fingerprints.get(q.b)!).score]))]
  : crossValidate(prepared).scores;
const tandem = pearsonByGroup(set.pairs, tandemScores);
const tfidf = byGroup(set.pairs, tfidfScores(set));
const minhash = byGroup(set.pairs, minhashScores(set));
const seconds = (performance.now() - started) / 1000;

const TARGETS: Record<string, { pearson: number; aboveTfidf?: number }> = { 'en-en': { pearson: 0.8, aboveTfidf: 0.05 }, 'de-de': { pearson: 0.5 }, 'de-en': { pearson: 0.65 } };
const groups: Record<string, unknown> = {};
for (const g of ['en-en', 'de-de', 'de-en', 'all']) {
  const t = TARGETS[g];
  const n = set.pairs.filter((q) => g === 'all' || langGroup(q) === g).length;
  groups[g] = {
    pairs: n, tandem: tandem[g], tfidf: tfidf[g], minhash: minhash[g],
    tandemMinusTfidf: Math.round((tandem[g]! - tfidf[g]!) * 1000) / 1000,
    ...(t ? { target: t, met: tandem[g]! >= t.pearson && (t.aboveTfidf === undefined || tandem[g]! - tfidf[g]! >= t.aboveTfidf) } : {}),
  };
}

let flores: unknown = 'not run (--no-flores)';
if (!process.argv.includes('--no-flores')) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'match-flores.ts')], { encoding: 'utf8', maxBuffer: 64 << 20 });
  try {
    const r = JSON.parse(run.stdout) as Record<string, { eventClusters?: { pairwise: { f1: number } } }>;
    flores = r.skipped ?? { eventClustersPairwiseF1: { withTranslations: r.withTranslations?.eventClusters?.pairwise.f1, withoutTranslations: r.withoutTranslations?.eventClusters?.pairwise.f1 }, target: { withTranslations: 0.99, withoutTranslations: 0.88 } };
  } catch {
    flores = { error: run.stderr.slice(-500) };
  }
}

console.log(JSON.stringify({
  data: dir,
  tandem: shipped ? 'shipped model (src/match/similarity-model.json), every pair' : `${FOLDS}-fold cross-validated, mean of ${REPEATS} repeats (each pair scored by a model fitted without it)`,
  pairs: set.pairs.length,
  articlesRefusedByIngest: set.failed,
  pearson: groups,
  seconds: Math.round(seconds * 10) / 10,
  floresClustering: flores,
  check: { allPairs: pearson(set.pairs.map((q) => tandemScores[0]!.get(q.id) ?? 0), set.pairs.map((q) => -q.overall)) },
}, null, 2));
