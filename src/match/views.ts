// Document-level views of a fingerprint that comparisons need (cached per fingerprint object,
// never persisted): term-frequency vectors of the whole text, the headline and the lead in the
// document's own language and in English, and the sets of names, numbers and event months.
import { idSet, intern, internKind, termFrequencies, type Vec } from './vectors.ts';
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
  cognates: Set<string>;
  months: Set<string>;
  own: TextVectors;
  en: TextVectors;
  nameVec: Vec;
  cognateVec: Vec;
  cognateTitle: Vec;
  enCoverage: number;
  ownSets: (Int32Array | null)[];
  enSets: (Int32Array | null)[];
  /** sentences with enough stems to be compared, per space */
  ownComparable: number;
  enComparable: number;
}
const cache = new WeakMap<Fingerprint, Views>();

function textVectors(lists: (string[] | null)[]): TextVectors {
  return {
    body: termFrequencies(lists),
    title: termFrequencies(lists.slice(0, 1)),
    lead: termFrequencies(lists.slice(0, LEAD_SENTENCES)),
    terms: lists.reduce((n, l) => n + (l?.length ?? 0), 0),
  };
}

const nameId = (t: string) => internKind('n', t);
const cognateId = (t: string) => internKind('c', t);

export function views(f: Fingerprint): Views {
  let d = cache.get(f);
  if (d) return d;
  const names = new Set<string>();
  const numbers = new Set<string>();
  const cognates = new Set<string>();
  for (const s of f.sentences) {
    for (const c of s.cognates) cognates.add(c);
    for (const n of s.names) names.add(n);
    for (const n of s.numbers) if (informativeNumber(n)) numbers.add(n);
  }
  const withEn = f.sentences.filter((s) => s.en !== null).length;
  const ownSets = f.sentences.map((s) => idSet(s.own));
  const enSets = f.lang === 'en' ? ownSets : f.sentences.map((s) => idSet(s.en));
  const comparable = (sets: (Int32Array | null)[]) => sets.reduce((n, x) => n + (x && x.length >= MIN_STEMS ? 1 : 0), 0);
  const own = textVectors(f.sentences.map((s) => s.own));
  d = {
    names, numbers, cognates,
    months: new Set(f.eventDates.map((x) => x.slice(0, 7))),
    own,
    en: f.lang === 'en' ? own : textVectors(f.sentences.map((s) => s.en)),
    nameVec: termFrequencies(f.sentences.map((s) => s.names), nameId),
    cognateVec: termFrequencies(f.sentences.map((s) => s.cognates), cognateId),
    cognateTitle: termFrequencies(f.sentences.slice(0, 1).map((s) => s.cognates), cognateId),
    enCoverage: f.sentences.length ? withEn / f.sentences.length : 0,
    ownSets,
    enSets,
    ownComparable: comparable(ownSets),
    enComparable: comparable(enSets),
  };
  cache.set(f, d);
  return d;
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
