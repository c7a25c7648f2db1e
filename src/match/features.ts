// Pair features: the measurements the fitted scorer combines (see scorer.ts). Each is 0..1 and
// says how much two reports share of one kind of evidence, weighted by how rare the shared
// terms are in news (term-weights.ts). Two sets: on a comparable text (the same language, or both
// translated into English), and language-independent (names, numbers, cognate stems) for reports in
// two languages with no translation.
import { cosine, weighted, type Vec } from './vectors.ts';
import { views, type TextVectors, type Views } from './views.ts';
import type { TermSpace, TermWeights } from './term-weights.ts';
import type { Fingerprint } from './types.ts';

export const TEXT_FEATURES = ['text_cosine', 'headline_cosine', 'lead_cosine', 'headline_body', 'names', 'names_in_smaller', 'cognates', 'numbers', 'same_month', 'length_ratio'] as const;
export const CROSS_FEATURES = ['cognate_cosine', 'name_cosine', 'numbers', 'cognate_headline_body'] as const;
export type FeatureName = (typeof TEXT_FEATURES)[number] | (typeof CROSS_FEATURES)[number];
export type Basis = 'translation' | 'same_language' | 'language_independent';
/** Which feature set, and so which fitted model, a basis is judged with. */
export type ModelKind = 'text' | 'cross';
export const modelKind = (basis: Basis): ModelKind => (basis === 'language_independent' ? 'cross' : 'text');

function intersect<T>(a: Set<T>, b: Set<T>): T[] {
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  const out: T[] = [];
  for (const x of s) if (l.has(x)) out.push(x);
  return out;
}

/** Rarity-weighted overlap of two term sets: Dice, and containment in the smaller set. */
function weightedOverlap(a: Set<string>, b: Set<string>, idf: (t: string) => number): { dice: number; smaller: number } {
  let ta = 0;
  let tb = 0;
  let shared = 0;
  for (const t of a) {
    const w = idf(t);
    ta += w;
    if (b.has(t)) shared += w;
  }
  for (const t of b) tb += idf(t);
  if (!shared) return { dice: 0, smaller: 0 };
  return { dice: (2 * shared) / (ta + tb), smaller: shared / Math.min(ta, tb) };
}

function weightedCosine(a: Vec, b: Vec, idf: (id: number) => number): number {
  return cosine(weighted(a, idf), weighted(b, idf));
}

export interface PairMeasurements {
  features: Partial<Record<FeatureName, number>>;
  sharedNames: string[];
  sharedNumbers: string[];
  sharedMonths: string[];
}

/** The text space two documents are compared in, with its term weights. */
function textSpace(fx: Fingerprint, dx: Views, dy: Views, basis: Basis): { x: TextVectors; y: TextVectors; space: TermSpace } {
  if (basis === 'same_language') return { x: dx.own, y: dy.own, space: `stem:${fx.lang}` };
  return { x: dx.en, y: dy.en, space: 'stem:en' };
}

export function measure(fx: Fingerprint, fy: Fingerprint, basis: Basis, weights: TermWeights): PairMeasurements {
  const dx = views(fx);
  const dy = views(fy);
  const sharedNames = intersect(dx.names, dy.names).sort();
  const sharedNumbers = intersect(dx.numbers, dy.numbers).sort();
  const sharedMonths = intersect(dx.months, dy.months).sort();
  const numbers = sharedNumbers.length ? (2 * sharedNumbers.length) / (dx.numbers.size + dy.numbers.size) : 0;
  const nameIdf = weights.forSpace('name');
  const cognateIdf = weights.forSpace('cognate');
  const features: PairMeasurements['features'] = { numbers };
  if (modelKind(basis) === 'cross') {
    features.cognate_cosine = weightedCosine(dx.cognateVec, dy.cognateVec, cognateIdf);
    features.name_cosine = weightedCosine(dx.nameVec, dy.nameVec, nameIdf);
    features.cognate_headline_body = Math.max(weightedCosine(dx.cognateTitle, dy.cognateVec, cognateIdf), weightedCosine(dy.cognateTitle, dx.cognateVec, cognateIdf));
  } else {
    const { x, y, space } = textSpace(fx, dx, dy, basis);
    const idf = weights.forSpace(space);
    const body = [weighted(x.body, idf), weighted(y.body, idf)] as const;
    const title = [weighted(x.title, idf), weighted(y.title, idf)] as const;
    features.text_cosine = cosine(body[0], body[1]);
    features.headline_cosine = cosine(title[0], title[1]);
    features.lead_cosine = weightedCosine(x.lead, y.lead, idf);
    features.headline_body = Math.max(cosine(title[0], body[1]), cosine(title[1], body[0]));
    const names = weightedOverlap(dx.names, dy.names, (t) => weights.idf('name', t));
    features.names = names.dice;
    features.names_in_smaller = names.smaller;
    features.cognates = weightedOverlap(dx.cognates, dy.cognates, (t) => weights.idf('cognate', t)).dice;
    features.same_month = sharedMonths.length ? 1 : 0;
    features.length_ratio = Math.min(x.terms, y.terms) / Math.max(1, x.terms, y.terms);
  }
  return { features, sharedNames, sharedNumbers, sharedMonths };
}
