// Document-level views of a fingerprint that comparisons need (cached per fingerprint object,
// never persisted): term-frequency vectors of the whole text, the headline and the lead in the
// document's own language and in English, and the sets of names, numbers and event months.
import { idFrequencies, intern, internKind, termFrequencies, type Vec } from './vectors.ts';
import type { Fingerprint, SentenceFeatures } from './types.ts';

/** Sentences with fewer stems are too short to tell (datelines, "He said."). */
export const MIN_STEMS = 3;
/** The lead: the headline and the first sentences, where a news report says what happened. */
const LEAD_SENTENCES = 3;

/** Numbers that say something: not 0-10 (counts, list items), written as given. */
export function informativeNumber(n: string): boolean {
  const v = Number(n);
  return !(Number.isInteger(v) && v >= 0 && v <= 10);
}

/** Vectors of one text space (own language or English): whole text, headline, lead. */
export interface TextVectors {
  body: Vec;
  title: Vec;
  lead: Vec;
  terms: number;
}

export interface Views {
  names: Set<string>;
  numbers: Set<string>;
  months: Set<string>;
  own: TextVectors;
  en: TextVectors;
  /** the set of names as a 0/1 vector (weighted by rarity for overlaps) */
  nameSet: Vec;
  enCoverage: number;
  ownSets: (Int32Array | null)[];
  enSets: (Int32Array | null)[];
  /** sentences with enough stems to be compared, per space */
  ownComparable: number;
  enComparable: number;
}
const cache = new WeakMap<Fingerprint, Views>();

/** Vectors of one space from its sentences' term ids (each term interned once per sentence). */
function textVectors(lists: (Int32Array | null)[]): TextVectors {
  const body = idFrequencies(lists);
  // a short report is all lead: the same vector, so comparisons can skip the second cosine
  return {
    body,
    title: lists.length <= 1 ? body : idFrequencies(lists.slice(0, 1)),
    lead: lists.length <= LEAD_SENTENCES ? body : idFrequencies(lists.slice(0, LEAD_SENTENCES)),
    terms: lists.reduce((n, l) => n + (l?.length ?? 0), 0),
  };
}

const ids = (list: readonly string[] | null): Int32Array | null => (list ? Int32Array.from(list, intern) : null);
/** Sorted distinct ids of a sentence (what passages compare). */
function distinct(list: Int32Array | null): Int32Array | null {
  if (!list || !list.length) return null;
  return Int32Array.from(new Set(list)).sort();
}

const nameId = (t: string) => internKind('n', t);
const cognateId = (t: string) => internKind('c', t);

export function views(f: Fingerprint): Views {
  let d = cache.get(f);
  if (d) return d;
  const names = new Set<string>();
  const numbers = new Set<string>();
  for (const s of f.sentences) {
    for (const n of s.names) names.add(n);
    for (const n of s.numbers) if (informativeNumber(n)) numbers.add(n);
  }
  const withEn = f.sentences.filter((s) => s.en !== null).length;
  const ownIds = f.sentences.map((s) => ids(s.own));
  const enIds = f.lang === 'en' ? ownIds : f.sentences.map((s) => ids(s.en));
  const ownSets = ownIds.map(distinct);
  const enSets = f.lang === 'en' ? ownSets : enIds.map(distinct);
  const comparable = (sets: (Int32Array | null)[]) => sets.reduce((n, x) => n + (x && x.length >= MIN_STEMS ? 1 : 0), 0);
  const own = textVectors(ownIds);
  d = {
    names, numbers,
    months: new Set(f.eventDates.map((x) => x.slice(0, 7))),
    own,
    en: f.lang === 'en' ? own : textVectors(enIds),
    nameSet: termFrequencies([[...names]], nameId),
    enCoverage: f.sentences.length ? withEn / f.sentences.length : 0,
    ownSets,
    enSets,
    ownComparable: comparable(ownSets),
    enComparable: comparable(enSets),
  };
  cache.set(f, d);
  return d;
}

/** Term-frequency vectors of names and cognate stems: only pairs without a common text need them. */
export interface CrossViews {
  nameVec: Vec;
  cognateVec: Vec;
  cognateTitle: Vec;
}
const crossCache = new WeakMap<Fingerprint, CrossViews>();
export function crossViews(f: Fingerprint): CrossViews {
  let c = crossCache.get(f);
  if (!c) {
    c = {
      nameVec: termFrequencies(f.sentences.map((s) => s.names), nameId),
      cognateVec: termFrequencies(f.sentences.map((s) => s.cognates), cognateId),
      cognateTitle: termFrequencies(f.sentences.slice(0, 1).map((s) => s.cognates), cognateId),
    };
    crossCache.set(f, c);
  }
  return c;
}

/** The terms of a document per space, for counting background frequencies. */
export function documentTerms(f: Fingerprint): Map<`stem:${string}` | 'name' | 'cognate', string[]> {
  const all = (pick: (s: SentenceFeatures) => string[] | null) => f.sentences.flatMap((s) => pick(s) ?? []);
  const out = new Map<`stem:${string}` | 'name' | 'cognate', string[]>([
    [`stem:${f.lang}`, all((s) => s.own)],
    ['name', all((s) => s.names)],
    ['cognate', all((s) => s.cognates)],
  ]);
  if (f.lang !== 'en' && f.sentences.some((s) => s.en)) out.set('stem:en', all((s) => s.en));
  return out;
}

export { intern };
