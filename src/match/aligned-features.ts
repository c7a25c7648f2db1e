// Corresponding sentences without a translation: each sentence becomes a vector of its
// language-independent features (folded names, informative numbers, cognate stems); two documents
// score the best monotonic chain of sentence pairs, summed and divided by the longer document's
// sentence count. Features shared in corresponding sentences (a translation, copied wire text) add
// up; the same number of chance overlaps scattered over two long documents do not, so one
// threshold serves 3-sentence and 30-sentence documents alike. Tuned on one half of flores-dev
// stories (by URL), checked on the other half and on ntrex128.
import { informativeNumber } from './views.ts';
import { internKind, sharedMass, vec, type Vec } from './vectors.ts';
import type { Fingerprint, SentenceFeatures } from './types.ts';

/** A chain at least this strong is a translation or a copy: the same event. */
export const EVENT_ALIGNED = 0.11;
/** ...and this strong, a report of the same story. */
export const STORY_ALIGNED = 0.08;

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Weights of language-independent features in the sentence-aligned score: a shared folded name or
 * an informative number is strong; a shared cognate stem (5 folded letters) weaker.
 */
const LI_WEIGHT = { name: 1, number: 1, cognate: 0.75 };

function liVec(s: SentenceFeatures): Vec {
  const m = new Map<number, number>();
  for (const c of s.cognates) m.set(internKind('c', c), LI_WEIGHT.cognate);
  for (const n of s.names) m.set(internKind('n', n), LI_WEIGHT.name);
  for (const n of s.numbers) if (informativeNumber(n)) m.set(internKind('#', n), LI_WEIGHT.number);
  return vec(m);
}

const cache = new WeakMap<Fingerprint, Vec[]>();
function sentenceVectors(f: Fingerprint): Vec[] {
  let v = cache.get(f);
  if (!v) cache.set(f, (v = f.sentences.map(liVec)));
  return v;
}

export function alignedFeatures(fa: Fingerprint, fb: Fingerprint): { score: number; pairs: [number, number, number][] } {
  return alignedFeatureScore(sentenceVectors(fa), sentenceVectors(fb));
}

/** The sentence-aligned feature score of two documents, with the sentence pairs on the chain. */
function alignedFeatureScore(a: Vec[], b: Vec[]): { score: number; pairs: [number, number, number][] } {
  const m = a.length;
  const n = b.length;
  if (!m || !n) return { score: 0, pairs: [] };
  const w = new Float64Array(m * n);
  let any = false;
  for (let i = 0; i < m; i++) {
    const x = a[i]!;
    if (!x.total) continue;
    for (let j = 0; j < n; j++) {
      const y = b[j]!;
      if (!y.total) continue;
      const shared = sharedMass(x, y);
      if (shared > 0) {
        w[i * n + j] = shared / Math.sqrt(x.total * y.total);
        any = true;
      }
    }
  }
  if (!any) return { score: 0, pairs: [] };
  const c = n + 1;
  const d = new Float64Array((m + 1) * c);
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) d[i * c + j] = Math.max(d[(i - 1) * c + j]!, d[i * c + j - 1]!, d[(i - 1) * c + j - 1]! + w[(i - 1) * n + j - 1]!);
  }
  const pairs: [number, number, number][] = [];
  for (let i = m, j = n; i > 0 && j > 0;) {
    const v = w[(i - 1) * n + j - 1]!;
    if (v > 0 && d[i * c + j] === d[(i - 1) * c + j - 1]! + v) {
      pairs.push([i - 1, j - 1, r3(v)]);
      i--;
      j--;
    } else if (d[i * c + j] === d[(i - 1) * c + j]) i--;
    else j--;
  }
  return { score: d[m * c + n]! / Math.max(m, n), pairs: pairs.reverse() };
}

