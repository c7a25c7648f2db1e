// Pairwise comparison: features of a document (fingerprint), repeated passages, graded match.
import type { Lang } from '../api/types.ts';
import { cognateKeys, contentStems, findNumbers, sentenceNames, tokenize } from './normalize.ts';
import type { DocumentMatch, Evidence, Fingerprint, MatchDocument, MatchLevel, RepeatedPassage, SentenceFeatures } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Fingerprint

export function fingerprint(doc: MatchDocument): Fingerprint {
  const surface = new Map<string, string>();
  const sentences: SentenceFeatures[] = doc.sentences.map((s) => {
    const english = doc.lang === 'en' ? s.text : s.english;
    const tokens = tokenize(s.text);
    const own = contentStems(tokens, doc.lang);
    return {
      own,
      en: english === null ? null : doc.lang === 'en' ? own : contentStems(english, 'en'),
      names: sentenceNames(s.text, doc.lang, tokens, surface),
      numbers: findNumbers(s.text, doc.lang),
      cognates: cognateKeys(tokens, doc.lang),
    };
  });
  return { v: 1, id: doc.id, lang: doc.lang, published: doc.published, eventDates: [...doc.eventDates], sentences, display: Object.fromEntries(surface) };
}

// ---------------------------------------------------------------------------------------------
// Derived document-level views (cached per fingerprint object, never persisted). Stems and features
// are interned to integers so that overlaps are merge joins over sorted typed arrays.

const INTERN = new Map<string, number>();
function intern(s: string): number {
  let v = INTERN.get(s);
  if (v === undefined) {
    v = INTERN.size;
    INTERN.set(s, v);
  }
  return v;
}

/** A sparse vector: sorted feature ids with their weights. */
interface Vec {
  ids: Int32Array;
  w: Float64Array;
  /** Euclidean norm for cosines; total weight for the feature-overlap score. */
  norm: number;
  total: number;
}

function vec(weights: Map<number, number>): Vec {
  const ids = Int32Array.from(weights.keys()).sort();
  const w = new Float64Array(ids.length);
  let sq = 0;
  let total = 0;
  for (let i = 0; i < ids.length; i++) {
    const x = weights.get(ids[i]!)!;
    w[i] = x;
    sq += x * x;
    total += x;
  }
  return { ids, w, norm: Math.sqrt(sq), total };
}

/** Sum over shared ids of wa*wb (dot) or of min weight (shared mass). */
function dot(a: Vec, b: Vec): number {
  const ai = a.ids;
  const bi = b.ids;
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) {
      s += a.w[i++]! * b.w[j++]!;
    } else if (x < y) i++;
    else j++;
  }
  return s;
}
function sharedMass(a: Vec, b: Vec): number {
  const ai = a.ids;
  const bi = b.ids;
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) {
      s += Math.min(a.w[i++]!, b.w[j++]!);
    } else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Sorted distinct interned ids of a token list (null for none). */
function idSet(list: string[] | null): Int32Array | null {
  if (!list || !list.length) return null;
  const ids = Int32Array.from(new Set(list.map(intern))).sort();
  return ids;
}

interface Derived {
  names: Set<string>;
  numbers: Set<string>;
  cognates: Set<string>;
  months: Set<string>;
  own: Vec;
  en: Vec;
  enCoverage: number;
  ownSets: (Int32Array | null)[];
  enSets: (Int32Array | null)[];
  /** sentences with enough stems to be compared, per space */
  ownComparable: number;
  enComparable: number;
  /** language-independent features of each sentence (names, informative numbers, cognates); lazily */
  li: Vec[] | null;
}
const cache = new WeakMap<Fingerprint, Derived>();

function tf(lists: (string[] | null)[]): Vec {
  const m = new Map<number, number>();
  for (const l of lists) if (l) for (const t of l) {
    const id = intern(t);
    m.set(id, (m.get(id) ?? 0) + 1);
  }
  for (const [k, v] of m) m.set(k, 1 + Math.log(v));
  return vec(m);
}

/** Numbers that say something: not 0-10 (counts, list items), written as given. */
function informativeNumber(n: string): boolean {
  const v = Number(n);
  return !(Number.isInteger(v) && v >= 0 && v <= 10);
}

/**
 * Weights of language-independent features in the sentence-aligned score: a shared folded name or
 * an informative number is strong; a shared cognate stem (5 folded letters) weaker.
 */
const LI_WEIGHT = { name: 1, number: 1, cognate: 0.75 };

/** Feature ids per kind (a shared counter with the stems, so ids never collide across kinds). */
const INTERN_KIND = { c: new Map<string, number>(), n: new Map<string, number>(), '#': new Map<string, number>() };
function internKind(kind: keyof typeof INTERN_KIND, s: string): number {
  const m = INTERN_KIND[kind];
  let v = m.get(s);
  if (v === undefined) {
    v = intern(`${kind}:${s}`);
    m.set(s, v);
  }
  return v;
}

function liVec(s: SentenceFeatures): Vec {
  const m = new Map<number, number>();
  for (const c of s.cognates) m.set(internKind('c', c), LI_WEIGHT.cognate);
  for (const n of s.names) m.set(internKind('n', n), LI_WEIGHT.name);
  for (const n of s.numbers) if (informativeNumber(n)) m.set(internKind('#', n), LI_WEIGHT.number);
  return vec(m);
}
function liOf(f: Fingerprint, d: Derived): Vec[] {
  return (d.li ??= f.sentences.map(liVec));
}

export function derive(f: Fingerprint): Derived {
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
  const months = new Set(f.eventDates.map((x) => x.slice(0, 7)));
  const withEn = f.sentences.filter((s) => s.en !== null).length;
  const ownSets = f.sentences.map((s) => idSet(s.own));
  const enSets = f.lang === 'en' ? ownSets : f.sentences.map((s) => idSet(s.en));
  const comparable = (sets: (Int32Array | null)[]) => sets.reduce((n, x) => n + (x && x.length >= MIN_STEMS ? 1 : 0), 0);
  d = {
    names, numbers, cognates, months,
    own: tf(f.sentences.map((s) => s.own)),
    en: tf(f.sentences.map((s) => s.en)),
    enCoverage: f.sentences.length ? withEn / f.sentences.length : 0,
    ownSets,
    enSets,
    ownComparable: comparable(ownSets),
    enComparable: comparable(enSets),
    li: null,
  };
  cache.set(f, d);
  return d;
}

function cosine(a: Vec, b: Vec): number {
  if (!a.norm || !b.norm) return 0;
  return dot(a, b) / (a.norm * b.norm);
}

function intersect<T>(a: Set<T>, b: Set<T>): T[] {
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  const out: T[] = [];
  for (const x of s) if (l.has(x)) out.push(x);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Passages

/** Sentence pairs at least this similar (Dice over content stems) can be part of a passage. */
const PAIR_MIN = 0.42;
/** A one-sentence passage must be at least this similar and this long. */
const SINGLE_MIN = 0.7;
const SINGLE_MIN_STEMS = 6;
/** ...or, for long sentences (paraphrased wire copy), at least PAIR_MIN with this many stems. */
const SINGLE_LONG_STEMS = 12;
/** Long sentences sharing this much are paraphrased copy even when below PAIR_MIN. */
const PAIR_MIN_LONG = 0.35;
/** Sentences with fewer stems are too short to tell (datelines, "He said."). */
const MIN_STEMS = 3;

function dice(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}

interface Pair { i: number; j: number; sim: number }

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k <= to; k++) out.push(k);
  return out;
}

function passagesFromSets(sa: (Int32Array | null)[], sb: (Int32Array | null)[], within: boolean): { i: number[]; j: number[]; score: number }[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < sa.length; i++) {
    const x = sa[i];
    if (!x || x.length < MIN_STEMS) continue;
    for (let j = within ? i + 1 : 0; j < sb.length; j++) {
      const y = sb[j];
      if (!y || y.length < MIN_STEMS) continue;
      // Dice cannot reach PAIR_MIN_LONG when the sizes differ too much: skip the merge
      const lo = Math.min(x.length, y.length);
      if ((2 * lo) / (x.length + y.length) < PAIR_MIN_LONG) continue;
      const sim = dice(x, y);
      if (sim >= PAIR_MIN || (!within && sim >= PAIR_MIN_LONG && lo >= SINGLE_LONG_STEMS)) pairs.push({ i, j, sim });
    }
  }
  if (!pairs.length) return [];
  // Best-first: strongest pairs claim their sentences; chains grow along diagonals with gaps <= 1.
  pairs.sort((p, q) => q.sim - p.sim || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const chosen: Pair[] = [];
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    if (within && (usedB.has(p.i) || usedA.has(p.j))) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    chosen.push(p);
  }
  chosen.sort((p, q) => p.i - q.i || p.j - q.j);
  const chains: Pair[][] = [];
  for (const p of chosen) {
    const c = chains.find((ch) => {
      const last = ch[ch.length - 1]!;
      return p.i > last.i && p.i - last.i <= 2 && p.j > last.j && p.j - last.j <= 2;
    });
    if (c) c.push(p);
    else chains.push([p]);
  }
  const out: { i: number[]; j: number[]; score: number }[] = [];
  for (const ch of chains) {
    const mean = ch.reduce((s, p) => s + p.sim, 0) / ch.length;
    if (ch.length === 1) {
      const p = ch[0]!;
      const shorter = Math.min(sa[p.i]!.length, sb[p.j]!.length);
      if (!((p.sim >= SINGLE_MIN && shorter >= SINGLE_MIN_STEMS) || (!within && shorter >= SINGLE_LONG_STEMS))) continue;
    }
    const first = ch[0]!;
    const last = ch[ch.length - 1]!;
    out.push({ i: range(first.i, last.i), j: range(first.j, last.j), score: Math.round(mean * 1000) / 1000 });
  }
  return out;
}

/** Which sentence features two documents are compared on. */
function space(fa: Fingerprint, fb: Fingerprint): { basis: DocumentMatch['basis']; sa: (Int32Array | null)[]; sb: (Int32Array | null)[]; na: number; nb: number } {
  const da = derive(fa);
  const db = derive(fb);
  if (fa.lang === fb.lang) return { basis: 'same_language', sa: da.ownSets, sb: db.ownSets, na: da.ownComparable, nb: db.ownComparable };
  const basis = da.enCoverage >= 0.5 && db.enCoverage >= 0.5 ? 'translation' : 'language_independent';
  return { basis, sa: da.enSets, sb: db.enSets, na: da.enComparable, nb: db.enComparable };
}

export function repeatedPassages(fa: Fingerprint, fb?: Fingerprint): RepeatedPassage[] {
  if (!fb) {
    const d = derive(fa);
    // within one document: its own language (its English if any would only add noise)
    return passagesFromSets(d.ownSets, d.ownSets, true).map((p) => ({ a: { doc: fa.id, sentences: p.i }, b: { doc: fa.id, sentences: p.j }, score: p.score }));
  }
  const { sa, sb } = space(fa, fb);
  return passagesFromSets(sa, sb, false).map((p) => ({ a: { doc: fa.id, sentences: p.i }, b: { doc: fb.id, sentences: p.j }, score: p.score }));
}

// ---------------------------------------------------------------------------------------------
// Event dates

function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 15) / 86_400_000;
}

/** Publication dates more than this many days apart are different events. */
const EVENT_WINDOW_DAYS = 45;

function eventDateEvidence(fa: Fingerprint, fb: Fingerprint): { agree: boolean; conflict: boolean; detail: string } {
  if (fa.published && fb.published) {
    const gap = Math.abs(toDay(fa.published) - toDay(fb.published));
    if (gap > EVENT_WINDOW_DAYS) return { agree: false, conflict: true, detail: `published ${fa.published} vs ${fb.published} (${Math.round(gap)} days apart)` };
    return { agree: true, conflict: false, detail: `published ${fa.published} and ${fb.published} (${Math.round(gap)} days apart)` };
  }
  // Without both publication dates, the latest date each mentions is a lower bound of its event:
  // a report published before the other mentions things that happen is about an earlier event.
  for (const [p, q] of [[fa, fb], [fb, fa]] as const) {
    if (!p.published) continue;
    const later = q.eventDates.filter((d) => toDay(d.length === 7 ? `${d}-01` : d) - toDay(p.published!) > EVENT_WINDOW_DAYS).sort().pop();
    if (later) return { agree: false, conflict: true, detail: `${p.id} published ${p.published}, ${q.id} mentions the later ${later}` };
  }
  const latest = (f: Fingerprint) => (f.published ? [f.published] : f.eventDates).reduce<string | null>((m, x) => (m === null || x > m ? x : m), null);
  const la = latest(fa);
  const lb = latest(fb);
  if (la && lb) {
    const gap = Math.abs(toDay(la) - toDay(lb));
    // A lower bound cannot prove agreement, but a large gap to a published date is telling.
    if (gap > 365) return { agree: false, conflict: true, detail: `latest dates ${la} vs ${lb} (over a year apart)` };
    return { agree: false, conflict: false, detail: `latest dates ${la} and ${lb}` };
  }
  return { agree: false, conflict: false, detail: 'no dates to compare' };
}

// ---------------------------------------------------------------------------------------------
// Comparison

/**
 * Without comparable text (different languages, no English), two reports are judged on their
 * language-independent features (folded names, numbers, cognate stems) sentence by sentence: each
 * sentence pair scores the weight it shares relative to what both sentences carry (a cosine), the
 * best monotonic chain of sentence pairs is summed, and the sum is divided by the longer document's
 * sentence count. Features shared in corresponding sentences (a translation, copied wire text) add
 * up; the same number of chance overlaps scattered over two long documents do not, so one threshold
 * serves 3-sentence and 30-sentence documents alike. Tuned on one half of flores-dev stories (by
 * URL), checked on the other half and on ntrex128.
 */
const EVENT_ALIGNED = 0.11;
const STORY_ALIGNED = 0.08;
/** ...or related coverage: this many shared names and numbers, a fifth of the smaller name set. */
const STORY_NAMES = 4;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

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

/** Overlap of two feature sets as containment in the smaller, damped for tiny sets. */
function overlap(shared: number, a: number, b: number): number {
  if (!shared) return 0;
  return shared / (Math.min(a, b) + 1);
}

export function compareFingerprints(fa: Fingerprint, fb: Fingerprint): DocumentMatch {
  const [x, y] = fa.id <= fb.id ? [fa, fb] : [fb, fa];
  const da = derive(x);
  const db = derive(y);
  const { basis } = space(x, y);
  const evidence: Evidence[] = [];

  const sharedNames = intersect(da.names, db.names).sort();
  const sharedNumbers = intersect(da.numbers, db.numbers).sort();
  const sharedMonths = intersect(da.months, db.months).sort();
  // cognates only matter without a comparable text
  const sharedCognates = basis === 'language_independent' ? intersect(da.cognates, db.cognates).sort() : [];
  // de-de pairs: capitalized German nouns inflate the name sets; names count for less.
  const nameWeight = x.lang === 'de' && y.lang === 'de' ? 0.5 : 1;
  const nameSim = overlap(sharedNames.length, da.names.size, db.names.size) * nameWeight;
  const numSim = overlap(sharedNumbers.length, da.numbers.size, db.numbers.size);
  const dateSim = sharedMonths.length ? 1 : 0;
  const ev = eventDateEvidence(x, y);

  let lex: number | null = null;
  if (basis === 'same_language') lex = cosine(da.own, db.own);
  else if (basis === 'translation') lex = cosine(da.en, db.en);
  const aligned = lex === null ? alignedFeatureScore(liOf(x, da), liOf(y, db)) : null;

  // Passages only when there is a comparable text and some reason to look.
  let passages: RepeatedPassage[] = [];
  let covA = 0;
  let covB = 0;
  const { na, nb } = space(x, y);
  if (na && nb && ((lex ?? 0) >= 0.1 || nameSim >= 0.2 || basis === 'language_independent')) {
    passages = repeatedPassages(x, y);
    covA = new Set(passages.flatMap((p) => p.a.sentences)).size / na;
    covB = new Set(passages.flatMap((p) => p.b.sentences)).size / nb;
  }
  const covMin = Math.min(covA, covB, 1);
  const covMax = Math.max(covA, covB);

  // ---- score
  const li = Math.min(1, 0.6 * nameSim + 0.3 * numSim + 0.1 * dateSim);
  const mass = sharedNames.length * nameWeight + sharedNumbers.length + 0.5 * sharedCognates.length;
  const al = aligned?.score ?? 0;
  let score: number;
  if (lex !== null) score = Math.min(1, 0.55 * lex + 0.25 * li + 0.2 * covMax);
  else score = Math.min(1, 0.5 * Math.min(1, al / (2 * EVENT_ALIGNED)) + 0.25 * (1 - Math.exp(-mass / 4)) + 0.25 * li);
  score = Math.max(score, covMin);

  // ---- level
  const lenRatio = Math.min(x.sentences.length, y.sentences.length) / Math.max(1, x.sentences.length, y.sentences.length);
  let level: MatchLevel = 'unrelated';
  let decisive: string;
  if ((covMin >= 0.7 && lenRatio >= 0.6) || (lex !== null && lex >= 0.8 && lenRatio >= 0.6)) {
    level = 'duplicate';
    decisive = covMin >= 0.7 ? 'passages' : 'lexical';
  } else if (!ev.conflict && ((lex !== null && score >= 0.45) || (lex === null && al >= EVENT_ALIGNED) || covMin >= 0.5)) {
    level = 'same_event';
    decisive = covMin >= 0.5 ? 'passages' : lex !== null ? 'lexical' : 'aligned_features';
  } else if ((lex !== null && score >= 0.2) || (lex === null && (al >= STORY_ALIGNED || (sharedNames.length * nameWeight + sharedNumbers.length >= STORY_NAMES && nameSim >= 0.2))) || covMax >= 0.2) {
    level = 'same_story';
    decisive = covMax >= 0.2 && (lex === null || score < 0.2) ? 'passages' : lex !== null ? 'lexical' : al >= STORY_ALIGNED ? 'aligned_features' : 'names';
    if (ev.conflict) decisive = 'event_date';
  } else {
    decisive = 'lexical';
  }
  if (level === 'same_story' && ev.conflict && (score >= 0.45 || covMin >= 0.5)) decisive = 'event_date';

  // Names as the documents wrote them (both spellings when they differ, e.g. "Lawrow / Lavrov").
  const shown = (n: string) => {
    const [p, q] = [x.display?.[n], y.display?.[n]];
    return p && q && p !== q ? `${p} / ${q}` : (p ?? q ?? n);
  };
  if (sharedNames.length) evidence.push({ kind: 'names', detail: `${sharedNames.length} shared name(s) of ${da.names.size}/${db.names.size}`, values: sharedNames.slice(0, 30).map(shown), weight: r3(nameSim) });
  if (sharedNumbers.length) evidence.push({ kind: 'numbers', detail: `${sharedNumbers.length} shared number(s)`, values: sharedNumbers.slice(0, 30), weight: r3(numSim) });
  if (sharedCognates.length && lex === null) evidence.push({ kind: 'cognates', detail: `${sharedCognates.length} shared word stem(s) across languages`, values: sharedCognates.slice(0, 30), weight: r3(0.5 * sharedCognates.length) });
  if (aligned && aligned.pairs.length) {
    evidence.push({
      kind: 'aligned_features',
      detail: `names, numbers and word stems shared by corresponding sentences: ${aligned.pairs.length} sentence pair(s), score ${r3(al)} (same event from ${EVENT_ALIGNED})`,
      values: aligned.pairs.slice(0, 30).map(([i, j, v]) => `${i}↔${j} (${v})`),
      weight: r3(al),
    });
  }
  if (sharedMonths.length) evidence.push({ kind: 'dates', detail: `shared dates ${sharedMonths.join(', ')}`, values: sharedMonths, weight: dateSim });
  evidence.push({ kind: 'event_date', detail: ev.detail, values: { agree: ev.agree, conflict: ev.conflict }, weight: ev.conflict ? -1 : ev.agree ? 1 : 0 });
  if (passages.length) evidence.push({ kind: 'passages', detail: `${passages.length} overlapping passage(s), covering ${Math.round(covA * 100)}% / ${Math.round(covB * 100)}% of sentences`, values: passages, weight: r3(covMin) });
  if (lex !== null) evidence.push({ kind: 'lexical', detail: `${basis === 'same_language' ? `${x.lang} text` : 'English translations'}: cosine ${r3(lex)}`, weight: r3(lex) });
  for (const e of evidence) if (e.kind === decisive && level !== 'unrelated') e.decisive = true;
  if (level !== 'unrelated' && !evidence.some((e) => e.decisive)) {
    const fallback = evidence.find((e) => e.kind === (lex !== null ? 'lexical' : 'names'));
    if (fallback) fallback.decisive = true;
  }
  return { a: x.id, b: y.id, score: r3(score), level, evidence, basis };
}

export type { Lang };
