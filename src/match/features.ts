// Pair features: the measurements the fitted scorer combines (see scorer.ts). Each is 0..1 and
// says how much two reports share of one kind of evidence, weighted by how rare the shared
// terms are in news (term-weights.ts). Two sets: on a comparable text (the same language, or both
// translated into English), and language-independent (names, numbers, cognate stems) for reports in
// two languages with no translation.
import { cosine, intern, internKind, sharedMass, weightedFrequencies, weightedVec, type Vec } from './vectors.ts';
import { views } from './views.ts';
import type { TermWeights } from './term-weights.ts';
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

/** The lead: the headline and the first sentences, where a news report says what happened. */
const LEAD_SENTENCES = 3;

/** Rarity-weighted vectors of one text space: whole text, headline, lead. */
interface TextVectors {
  body: Vec;
  title: Vec;
  lead: Vec;
}

/**
 * A document's vectors weighted by one model's term rarities, each made once per document and
 * model, straight from the fingerprint's terms: a collection holds one of these per document, so
 * no unweighted copy is kept beside it.
 */
interface WeightedViews {
  own?: TextVectors;
  en?: TextVectors;
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
  if (!w) byDoc.set(f, (w = {}));
  return w;
}

function textVectors(lists: (readonly string[] | null)[], idf: (id: number) => number): TextVectors {
  // one pass: each term is interned once and counted into the headline, the lead and the body
  const body = new Map<number, number>();
  const title = new Map<number, number>();
  const lead = new Map<number, number>();
  lists.forEach((list, i) => {
    if (!list) return;
    for (const t of list) {
      const k = intern(t);
      body.set(k, (body.get(k) ?? 0) + 1);
      if (i === 0) title.set(k, (title.get(k) ?? 0) + 1);
      if (i < LEAD_SENTENCES) lead.set(k, (lead.get(k) ?? 0) + 1);
    }
  });
  const b = weightedVec(body, idf);
  // a short report is all lead: the same vector, so comparisons can skip the second cosine
  return { body: b, title: lists.length <= 1 ? b : weightedVec(title, idf), lead: lists.length <= LEAD_SENTENCES ? b : weightedVec(lead, idf) };
}

const nameId = (t: string) => internKind('n', t);
const cognateId = (t: string) => internKind('c', t);

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

/** A document's name and cognate vectors, for pairs without a common text (made once). */
function crossVectors(w: WeightedViews, f: Fingerprint, names: (id: number) => number, cognates: (id: number) => number): void {
  if (w.cognateVec) return;
  w.cognateVec = weightedFrequencies(f.sentences.map((s) => s.cognates), cognateId, cognates);
  w.nameVec = weightedFrequencies(f.sentences.map((s) => s.names), nameId, names);
  w.cognateTitle = weightedFrequencies(f.sentences.slice(0, 1).map((s) => s.cognates), cognateId, cognates);
}

/** A document's weighted vectors in the text space of a comparison: its own language, or English. */
function textOf(w: WeightedViews, f: Fingerprint, own: boolean, weights: TermWeights): TextVectors {
  if (own || f.lang === 'en') return (w.own ??= textVectors(f.sentences.map((s) => s.own), weights.forSpace(`stem:${f.lang}`)));
  return (w.en ??= textVectors(f.sentences.map((s) => s.en), weights.forSpace('stem:en')));
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
  let features: PairMeasurements['features'];
  // each set is made as one object literal: one shape, its numbers stored in place
  if (modelKind(basis) === 'cross') {
    crossVectors(wx, fx, names, cognates);
    crossVectors(wy, fy, names, cognates);
    features = {
      numbers,
      cognate_cosine: cosine(wx.cognateVec!, wy.cognateVec!),
      name_cosine: cosine(wx.nameVec!, wy.nameVec!),
      cognate_headline_body: Math.max(cosine(wx.cognateTitle!, wy.cognateVec!), cosine(wy.cognateTitle!, wx.cognateVec!)),
    };
  } else {
    const own = basis === 'same_language';
    const tx = textOf(wx, fx, own, weights);
    const ty = textOf(wy, fy, own, weights);
    const text = cosine(tx.body, ty.body);
    wx.nameSet ??= weightedFrequencies([[...dx.names]], nameId, names);
    wy.nameSet ??= weightedFrequencies([[...dy.names]], nameId, names);
    const shared = sharedMass(wx.nameSet, wy.nameSet);
    const nx = own ? dx.ownTerms : dx.enTerms;
    const ny = own ? dy.ownTerms : dy.enTerms;
    features = {
      text_cosine: text,
      headline_cosine: cosine(tx.title, ty.title),
      lead_cosine: tx.lead === tx.body && ty.lead === ty.body ? text : cosine(tx.lead, ty.lead),
      headline_body: Math.max(cosine(tx.title, ty.body), cosine(ty.title, tx.body)),
      // rarity-weighted overlap of the two name sets: Dice, and containment in the smaller
      names: shared ? (2 * shared) / (wx.nameSet.total + wy.nameSet.total) : 0,
      names_in_smaller: shared ? shared / Math.min(wx.nameSet.total, wy.nameSet.total) : 0,
      numbers,
      same_month: dx.months.size && dy.months.size && sharedSize(dx.months, dy.months) ? 1 : 0,
      length_ratio: Math.min(nx, ny) / Math.max(1, nx, ny),
    };
  }
  const shared = () => ({ names: intersect(dx.names, dy.names).sort(), numbers: intersect(dx.numbers, dy.numbers).sort(), months: intersect(dx.months, dy.months).sort() });
  const sharedNames = dx.names.size && dy.names.size ? sharedSize(dx.names, dy.names) : 0;
  return { features, names: sharedNames, shared };
}
