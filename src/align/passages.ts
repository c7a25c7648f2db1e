// Non-monotonic passage matching for two independent reports of the same story: facts come in a
// different order, so every sentence pair is scored and pairs are taken greedily, best first,
// each sentence used at most once.
import type { AlignSentence, PassageLink } from './types.ts';
import { DocFeatures } from './features.ts';
import { contextFor, simAnchorsOnly, similarity } from './similarity.ts';
import { runNow, type AlignWork } from './work.ts';

/** Rows of the score matrix between two pause points. */
const ROWS_PER_YIELD = 8;

export interface PassageOptions {
  /** Minimum similarity (0..1) of a link. Default 0.35. */
  threshold?: number;
}

export function matchPassages(a: AlignSentence[], b: AlignSentence[], opts: PassageOptions = {}): PassageLink[] {
  return runNow(passageWork(a, b, opts));
}

/** matchPassages as work that can pause between rows (for progress and cancelling). */
export function passageWork(a: AlignSentence[], b: AlignSentence[], opts: PassageOptions = {}): AlignWork<PassageLink[]> {
  return { total: a.length && b.length ? Math.floor((a.length - 1) / ROWS_PER_YIELD) * ROWS_PER_YIELD : 0, steps: passageSteps(a, b, opts) };
}

function* passageSteps(a: AlignSentence[], b: AlignSentence[], opts: PassageOptions): Generator<number, PassageLink[]> {
  const threshold = opts.threshold ?? 0.35;
  if (a.length === 0 || b.length === 0) return [];
  const A = DocFeatures.of(a), B = DocFeatures.of(b);
  const ctx = contextFor(A, B);
  const candidates: PassageLink[] = [];
  for (let i = 0; i < A.length; i++) {
    if (i % ROWS_PER_YIELD === 0 && i > 0) yield ROWS_PER_YIELD;
    const sa = A.single[i]!;
    for (let j = 0; j < B.length; j++) {
      const sb = B.single[j]!;
      const s = sa.hasEn && sb.hasEn ? similarity(sa, sb, ctx) : simAnchorsOnly(sa, sb);
      if (s >= threshold) candidates.push({ a: i, b: j, score: Math.round(s * 1000) / 1000 });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>(), usedB = new Set<number>();
  const links: PassageLink[] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    links.push(c);
  }
  return links.sort((x, y) => x.a - y.a);
}
