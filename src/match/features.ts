// Pair features: the measurements the fitted scorer combines (see scorer.ts). Each is 0..1 and
// says how much two reports share of one kind of evidence, weighted by how rare the shared
// terms are in news (term-weights.ts). Two sets: on a comparable text (the same language, or both
// translated into English), and language-independent (names, numbers, cognate stems) for reports in
// two languages with no translation.
import { cosine, sharedIds, sharedMass, weighted, type Vec } from './vectors.ts';
import { crossViews, views, type TextVectors, type Views } from './views.ts';
import type { TermSpace, TermWeights } from './term-weights.ts';
import type { Fingerprint } from './types.ts';

export const TEXT_FEATURES = ['text_cosine', 'headline_cosine', 'lead_cosine', 'headline_body', 'names', 'names_in_smaller', 'numbers', 'same_month', 'length_ratio'] as const;
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

/** Rarity-weighted overlap of two term sets (0/1 vectors weighted by idf): Dice, and containment in the smaller. */
function weightedOverlap(a: Vec, b: Vec): { dice: number; smaller: number } {
  const shared = sharedMass(a, b);
  if (!shared) return { dice: 0, smaller: 0 };
  return { dice: (2 * shared) / (a.total + b.total), smaller: shared / Math.min(a.total, b.total) };
}

/** A document's vectors weighted by one model's term rarities, each made once per document and model. */
interface WeightedViews {
  text: Map<TermSpace, { body: Vec; title: Vec; lead: Vec }>;
  nameVec?: Vec;
  cognateVec?: Vec;
  cognateTitle?: Vec;
  nameSet?: Vec;
}
const weightedCache = new WeakMap<TermWeights, WeakMap<Fingerprint, WeightedViews>>();

function weightedViews(f: Fingerprint, weights: TermWeights): WeightedViews {
  let byDoc = weightedCache.get(weights);
  if (!byDoc) weightedCache.set(weights, (byDoc = new WeakMap()));
  let w = byDoc.get(f);
  if (!w) byDoc.set(f, (w = { text: new Map() }));
  return w;
}

function weightedText(w: WeightedViews, t: TextVectors, space: TermSpace, weights: TermWeights): { body: Vec; title: Vec; lead: Vec } {
  let v = w.text.get(space);
  if (!v) {
    const idf = weights.forSpace(space);
    const body = weighted(t.body, idf);
    w.text.set(space, (v = { body, title: t.title === t.body ? body : weighted(t.title, idf), lead: t.lead === t.body ? body : weighted(t.lead, idf) }));
  }
  return v;
}

export interface PairMeasurements {
  features: Partial<Record<FeatureName, number>>;
  /** how many names both documents mention */
  names: number;
  /** what they share, sorted (made on demand: only evidence needs the strings) */
  shared: () => { names: string[]; numbers: string[]; months: string[] };
}

function sharedSize<T>(a: Set<T>, b: Set<T>): number {
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of s) if (l.has(x)) n++;
  return n;
}

/** The text space two documents are compared in, with its term weights. */
function textSpace(fx: Fingerprint, dx: Views, dy: Views, basis: Basis): { x: TextVectors; y: TextVectors; space: TermSpace } {
  if (basis === 'same_language') return { x: dx.own, y: dy.own, space: `stem:${fx.lang}` };
  return { x: dx.en, y: dy.en, space: 'stem:en' };
}

export function measure(fx: Fingerprint, fy: Fingerprint, basis: Basis, weights: TermWeights): PairMeasurements {
  const dx = views(fx);
  const dy = views(fy);
  const wx = weightedViews(fx, weights);
  const wy = weightedViews(fy, weights);
  const names = weights.forSpace('name');
  const cognates = weights.forSpace('cognate');
  const sharedNumbers = dx.numbers.size && dy.numbers.size ? sharedSize(dx.numbers, dy.numbers) : 0;
  const numbers = sharedNumbers ? (2 * sharedNumbers) / (dx.numbers.size + dy.numbers.size) : 0;
  const features: PairMeasurements['features'] = { numbers };
  if (modelKind(basis) === 'cross') {
    for (const [w, f] of [[wx, fx], [wy, fy]] as const) {
      if (w.cognateVec) continue;
      const c = crossViews(f);
      w.cognateVec = weighted(c.cognateVec, cognates);
      w.nameVec = weighted(c.nameVec, names);
      w.cognateTitle = weighted(c.cognateTitle, cognates);
    }
    features.cognate_cosine = cosine(wx.cognateVec!, wy.cognateVec!);
    features.name_cosine = cosine(wx.nameVec!, wy.nameVec!);
    features.cognate_headline_body = Math.max(cosine(wx.cognateTitle!, wy.cognateVec!), cosine(wy.cognateTitle!, wx.cognateVec!));
  } else {
    const { x, y, space } = textSpace(fx, dx, dy, basis);
    const tx = weightedText(wx, x, space, weights);
    const ty = weightedText(wy, y, space, weights);
    features.text_cosine = cosine(tx.body, ty.body);
    features.headline_cosine = cosine(tx.title, ty.title);
    features.lead_cosine = tx.lead === tx.body && ty.lead === ty.body ? features.text_cosine : cosine(tx.lead, ty.lead);
    features.headline_body = Math.max(cosine(tx.title, ty.body), cosine(ty.title, tx.body));
    for (const [w, d] of [[wx, dx], [wy, dy]] as const) w.nameSet ??= weighted(d.nameSet, names);
    const shared = weightedOverlap(wx.nameSet!, wy.nameSet!);
    features.names = shared.dice;
    features.names_in_smaller = shared.smaller;
    features.same_month = dx.months.size && dy.months.size && sharedSize(dx.months, dy.months) ? 1 : 0;
    features.length_ratio = Math.min(x.terms, y.terms) / Math.max(1, x.terms, y.terms);
  }
  const shared = () => ({ names: intersect(dx.names, dy.names).sort(), numbers: intersect(dx.numbers, dy.numbers).sort(), months: intersect(dx.months, dy.months).sort() });
  return { features, names: sharedIds(dx.nameSet.ids, dy.nameSet.ids), shared };
}
