// Document-level views of a fingerprint that comparisons need (cached per fingerprint object,
// never persisted): each sentence's distinct terms (for passages), and the sets of names, numbers
// and event months. The rarity-weighted vectors live in features.ts: only they are kept.
import { intern } from './vectors.ts';
import type { Fingerprint, SentenceFeatures } from './types.ts';

/** Sentences with fewer stems are too short to tell (datelines, "He said."). */
export const MIN_STEMS = 3;

/** Numbers that say something: not 0-10 (counts, list items), written as given. */
export function informativeNumber(n: string): boolean {
  const v = Number(n);
  return !(Number.isInteger(v) && v >= 0 && v <= 10);
}

export interface Views {
  names: Set<string>;
  numbers: Set<string>;
  months: Set<string>;
  /** content terms of the whole text, in its own language and in English */
  ownTerms: number;
  enTerms: number;
  enCoverage: number;
  /** each sentence's distinct terms in its own language or in English (made when first asked) */
  sets(space: 'own' | 'en'): SentenceSets;
}

/**
 * The sorted distinct term ids of each sentence, all in one array (sentence i holds
 * ids[start[i]] .. ids[start[i + 1] - 1]: two typed arrays per document, not one per sentence),
 * and how many sentences have enough to be compared.
 */
export interface SentenceSets {
  ids: Int32Array;
  start: Int32Array;
  comparable: number;
}
const cache = new WeakMap<Fingerprint, Views>();

/** Sorted distinct term ids of each sentence (what passages compare), packed. */
function packedSets(lists: readonly (readonly string[] | null)[]): SentenceSets {
  const start = new Int32Array(lists.length + 1);
  const all: number[] = [];
  let comparable = 0;
  lists.forEach((list, i) => {
    const ids = list && list.length ? [...new Set(list)].map(intern).sort((a, b) => a - b) : [];
    for (const id of ids) all.push(id);
    start[i + 1] = all.length;
    if (ids.length >= MIN_STEMS) comparable++;
  });
  return { ids: Int32Array.from(all), start, comparable };
}

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
  // passages need these only for the few pairs worth looking at
  let own: SentenceSets | null = null;
  let en: SentenceSets | null = null;
  const sentenceSets = (pick: (s: SentenceFeatures) => string[] | null): SentenceSets => packedSets(f.sentences.map(pick));
  const terms = (pick: (s: SentenceFeatures) => string[] | null) => f.sentences.reduce((n, s) => n + (pick(s)?.length ?? 0), 0);
  const ownTerms = terms((s) => s.own);
  d = {
    names, numbers,
    months: new Set(f.eventDates.map((x) => x.slice(0, 7))),
    ownTerms,
    enTerms: f.lang === 'en' ? ownTerms : terms((s) => s.en),
    enCoverage: f.sentences.length ? withEn / f.sentences.length : 0,
    sets: (space) => (space === 'own' || f.lang === 'en' ? (own ??= sentenceSets((s) => s.own)) : (en ??= sentenceSets((s) => s.en))),
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
