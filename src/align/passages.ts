// Non-monotonic passage matching for two independent reports of the same story: facts come in a
// different order, so every sentence pair is scored and pairs are taken greedily, best first,
// each sentence used at most once.
import type { AlignSentence, PassageLink } from './types.ts';
import { DocFeatures, contextFor, simAnchorsOnly, similarity } from './features.ts';

export interface PassageOptions {
  /** Minimum similarity (0..1) of a link. Default 0.35. */
  threshold?: number;
}

export function matchPassages(a: AlignSentence[], b: AlignSentence[], opts: PassageOptions = {}): PassageLink[] {
  const threshold = opts.threshold ?? 0.35;
  if (a.length === 0 || b.length === 0) return [];
  const A = DocFeatures.of(a), B = DocFeatures.of(b);
  const ctx = contextFor(A, B);
  const candidates: PassageLink[] = [];
  for (let i = 0; i < A.length; i++) {
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
