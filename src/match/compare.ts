// Pairwise comparison: features of a document (fingerprint), repeated passages, graded match.
import type { Lang } from '../api/types.ts';
import { cognateKeys, contentStems, findNumbers, sentenceNames } from './normalize.ts';
import type { DocumentMatch, Evidence, Fingerprint, MatchDocument, MatchLevel, RepeatedPassage, SentenceFeatures } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Fingerprint

export function fingerprint(doc: MatchDocument): Fingerprint {
  const sentences: SentenceFeatures[] = doc.sentences.map((s) => {
    const english = doc.lang === 'en' ? s.text : s.english;
    const own = contentStems(s.text, doc.lang);
    return {
      own,
      en: english === null ? null : doc.lang === 'en' ? own : contentStems(english, 'en'),
      names: sentenceNames(s.text, doc.lang),
      numbers: findNumbers(s.text, doc.lang),
      cognates: cognateKeys(s.text, doc.lang),
    };
  });
  return { v: 1, id: doc.id, lang: doc.lang, published: doc.published, eventDates: [...doc.eventDates], sentences };
}

// ---------------------------------------------------------------------------------------------
// Derived document-level views (cached per fingerprint object, never persisted)

interface Derived {
  names: Set<string>;
  numbers: Set<string>;
  cognates: Set<string>;
  months: Set<string>;
  ownTf: Map<string, number>;
  ownNorm: number;
  enTf: Map<string, number>;
  enNorm: number;
  enCoverage: number;
  ownSets: (Set<string> | null)[];
  enSets: (Set<string> | null)[];
}
const cache = new WeakMap<Fingerprint, Derived>();

function tf(lists: (string[] | null)[]): [Map<string, number>, number] {
  const m = new Map<string, number>();
  for (const l of lists) if (l) for (const t of l) m.set(t, (m.get(t) ?? 0) + 1);
  let norm = 0;
  for (const [k, v] of m) {
    const w = 1 + Math.log(v);
    m.set(k, w);
    norm += w * w;
  }
  return [m, Math.sqrt(norm)];
}

/** Numbers that say something: not 0-10 (counts, list items), written as given. */
function informativeNumber(n: string): boolean {
  const v = Number(n);
  return !(Number.isInteger(v) && v >= 0 && v <= 10);
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
  const [ownTf, ownNorm] = tf(f.sentences.map((s) => s.own));
  const [enTf, enNorm] = tf(f.sentences.map((s) => s.en));
  const withEn = f.sentences.filter((s) => s.en !== null).length;
  d = {
    names, numbers, cognates, months, ownTf, ownNorm, enTf, enNorm,
    enCoverage: f.sentences.length ? withEn / f.sentences.length : 0,
    ownSets: f.sentences.map((s) => (s.own.length ? new Set(s.own) : null)),
    enSets: f.sentences.map((s) => (s.en && s.en.length ? new Set(s.en) : null)),
  };
  cache.set(f, d);
  return d;
}

function cosine(a: Map<string, number>, na: number, b: Map<string, number>, nb: number): number {
  if (!na || !nb) return 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small) {
    const w = big.get(k);
    if (w !== undefined) dot += v * w;
  }
  return dot / (na * nb);
}

function intersect<T>(a: Set<T>, b: Set<T>): T[] {
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  return [...s].filter((x) => l.has(x));
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

function dice(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  for (const x of s) if (l.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

interface Pair { i: number; j: number; sim: number }

function passagesFromSets(sa: (Set<string> | null)[], sb: (Set<string> | null)[], within: boolean): { i: number[]; j: number[]; score: number }[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < sa.length; i++) {
    const x = sa[i];
    if (!x || x.size < MIN_STEMS) continue;
    for (let j = within ? i + 1 : 0; j < sb.length; j++) {
      const y = sb[j];
      if (!y || y.size < MIN_STEMS) continue;
      const sim = dice(x, y);
      if (sim >= PAIR_MIN || (!within && sim >= PAIR_MIN_LONG && Math.min(x.size, y.size) >= SINGLE_LONG_STEMS)) pairs.push({ i, j, sim });
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
      const shorter = Math.min(sa[p.i]!.size, sb[p.j]!.size);
      if (!((p.sim >= SINGLE_MIN && shorter >= SINGLE_MIN_STEMS) || (!within && shorter >= SINGLE_LONG_STEMS))) continue;
    }
    const first = ch[0]!;
    const last = ch[ch.length - 1]!;
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
    out.push({ i: range(first.i, last.i), j: range(first.j, last.j), score: Math.round(mean * 1000) / 1000 });
  }
  return out;
}

/** Which sentence features two documents are compared on. */
function space(fa: Fingerprint, fb: Fingerprint): { basis: DocumentMatch['basis']; sa: (Set<string> | null)[]; sb: (Set<string> | null)[] } {
  const da = derive(fa);
  const db = derive(fb);
  if (fa.lang === fb.lang) return { basis: 'same_language', sa: da.ownSets, sb: db.ownSets };
  const basis = da.enCoverage >= 0.5 && db.enCoverage >= 0.5 ? 'translation' : 'language_independent';
  return { basis, sa: da.enSets, sb: db.enSets };
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

const EVENT_MASS = 3.5;
const STORY_MASS = 2.5;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

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
  const sharedCognates = intersect(da.cognates, db.cognates).sort();
  // de-de pairs: capitalized German nouns inflate the name sets; names count for less.
  const nameWeight = x.lang === 'de' && y.lang === 'de' ? 0.5 : 1;
  const nameSim = overlap(sharedNames.length, da.names.size, db.names.size) * nameWeight;
  const numSim = overlap(sharedNumbers.length, da.numbers.size, db.numbers.size);
  const dateSim = sharedMonths.length ? 1 : 0;
  const ev = eventDateEvidence(x, y);

  let lex: number | null = null;
  if (basis === 'same_language') lex = cosine(da.ownTf, da.ownNorm, db.ownTf, db.ownNorm);
  else if (basis === 'translation') lex = cosine(da.enTf, da.enNorm, db.enTf, db.enNorm);

  // Passages only when there is a comparable text and some reason to look.
  let passages: RepeatedPassage[] = [];
  let covA = 0;
  let covB = 0;
  const sp = space(x, y);
  const comparable = (sets: (Set<string> | null)[]) => sets.filter((s) => s && s.size >= MIN_STEMS).length;
  const na = comparable(sp.sa);
  const nb = comparable(sp.sb);
  if (na && nb && ((lex ?? 0) >= 0.1 || nameSim >= 0.2 || basis === 'language_independent')) {
    passages = repeatedPassages(x, y);
    covA = new Set(passages.flatMap((p) => p.a.sentences)).size / na;
    covB = new Set(passages.flatMap((p) => p.b.sentences)).size / nb;
  }
  const covMin = Math.min(covA, covB, 1);
  const covMax = Math.max(covA, covB);

  // ---- score
  const li = Math.min(1, 0.6 * nameSim + 0.3 * numSim + 0.1 * dateSim);
  // Language-independent evidence mass: shared names and numbers count 1, cognates 1/2 (on flores
  // dev, >= 3.5 separates translations of one article from other pairs; >= 2.5 is a weak link).
  const mass = sharedNames.length * nameWeight + sharedNumbers.length + 0.5 * sharedCognates.length;
  let score: number;
  if (lex !== null) score = Math.min(1, 0.55 * lex + 0.25 * li + 0.2 * covMax);
  else score = Math.min(1, 0.5 * (1 - Math.exp(-mass / 4)) + 0.5 * li);
  score = Math.max(score, covMin);

  // ---- level
  const lenRatio = Math.min(x.sentences.length, y.sentences.length) / Math.max(1, x.sentences.length, y.sentences.length);
  let level: MatchLevel = 'unrelated';
  let decisive: string;
  if ((covMin >= 0.7 && lenRatio >= 0.6) || (lex !== null && lex >= 0.8 && lenRatio >= 0.6)) {
    level = 'duplicate';
    decisive = covMin >= 0.7 ? 'passages' : 'lexical';
  } else if (!ev.conflict && ((lex !== null && score >= 0.45) || (lex === null && mass >= EVENT_MASS) || covMin >= 0.5)) {
    level = 'same_event';
    decisive = covMin >= 0.5 ? 'passages' : lex !== null ? 'lexical' : sharedNames.length >= sharedNumbers.length ? 'names' : 'numbers';
  } else if ((lex !== null && score >= 0.2) || (lex === null && mass >= STORY_MASS) || covMax >= 0.2) {
    level = 'same_story';
    decisive = covMax >= 0.2 && (lex === null || score < 0.2) ? 'passages' : lex !== null ? 'lexical' : sharedNames.length >= sharedNumbers.length ? 'names' : 'numbers';
    if (ev.conflict) decisive = 'event_date';
  } else {
    decisive = 'lexical';
  }
  if (level === 'same_story' && ev.conflict && (score >= 0.45 || covMin >= 0.5)) decisive = 'event_date';

  if (sharedNames.length) evidence.push({ kind: 'names', detail: `${sharedNames.length} shared name(s) of ${da.names.size}/${db.names.size}`, values: sharedNames.slice(0, 30), weight: r3(nameSim) });
  if (sharedNumbers.length) evidence.push({ kind: 'numbers', detail: `${sharedNumbers.length} shared number(s)`, values: sharedNumbers.slice(0, 30), weight: r3(numSim) });
  if (sharedCognates.length && lex === null) evidence.push({ kind: 'cognates', detail: `${sharedCognates.length} shared word stem(s) across languages`, values: sharedCognates.slice(0, 30), weight: r3(0.5 * sharedCognates.length) });
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
