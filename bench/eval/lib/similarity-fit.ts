// Fitting Tandem's similarity scorer on rated news pairs: ridge regression of the rating on the
// pair features (src/match/features.ts), one model per feature set, k-fold cross-validation that
// reports what the shipped code (compareFingerprints) scores on pairs it was not fitted on, and
// level thresholds calibrated on the cross-validated scores.
import { compareFingerprints, fingerprint } from '../../../src/match/compare.ts';
import { measure, modelKind, TEXT_FEATURES, type Basis, type FeatureName, type ModelKind } from '../../../src/match/features.ts';
import { tokenize } from '../../../src/match/normalize.ts';
import type { LinearModel, SimilarityModel } from '../../../src/match/scorer.ts';
import { countFrequencies, TermWeights, type BackgroundFrequencies } from '../../../src/match/term-weights.ts';
import type { Fingerprint, MatchDocument } from '../../../src/match/types.ts';
import { termOf } from '../../../src/match/vectors.ts';
import { documentTerms, views } from '../../../src/match/views.ts';
import type { RatedPair, SemevalSet } from './semeval-data.ts';

export const LAMBDA = 10;
export const FOLDS = 10;
export const REPEATS = 5;
/** Background terms must occur in this many articles (no rare word of one article is shipped). */
export const MIN_DOCS = 3;

export function pearson(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx && syy ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Solves (A + λI) w = b by Gauss-Jordan elimination with partial pivoting (A is small). */
function solve(a: number[][], b: number[]): number[] {
  const d = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let i = 0; i < d; i++) {
    let p = i;
    for (let k = i + 1; k < d; k++) if (Math.abs(m[k]![i]!) > Math.abs(m[p]![i]!)) p = k;
    [m[i], m[p]] = [m[p]!, m[i]!];
    for (let k = 0; k < d; k++) {
      if (k === i) continue;
      const f = m[k]![i]! / m[i]![i]!;
      for (let j = i; j <= d; j++) m[k]![j]! -= f * m[i]![j]!;
    }
  }
  return m.map((row, i) => row[d]! / row[i]!);
}

export interface Term { feature: FeatureName; transform: 'raw' | 'sqrt' }
export const TERMS: Record<ModelKind, Term[]> = {
  // Square roots: overlaps of unrelated news are small and spread out; sqrt makes the rating about
  // linear in them (raw terms beside them added nothing in cross-validation: 0.839 either way).
  text: TEXT_FEATURES.map((feature) => ({ feature, transform: 'sqrt' as const })),
  // Cross-language pairs are few (about a hundred): two features; numbers and the headline's
  // cognates lowered the cross-validated correlation (0.651 with all four, 0.675 with these two).
  cross: [{ feature: 'cognate_cosine', transform: 'raw' }, { feature: 'name_cosine', transform: 'raw' }],
};
const apply = (x: number, t: Term['transform']) => (t === 'sqrt' ? Math.sqrt(Math.max(0, x)) : x);

/**
 * Ridge regression of the rating on standardized terms, every coefficient constrained to say "more
 * overlap, more similar" (a negative coefficient on the rating): terms that would take the other
 * sign are dropped and the rest refitted, until none does. Correlated terms otherwise trade
 * opposite signs, and an analyst would read "16 shared names" as evidence against.
 */
export function fitLinear(rows: { features: Partial<Record<FeatureName, number>>; rating: number }[], terms: Term[], lambda = LAMBDA): Omit<LinearModel, 'levels'> {
  const x = rows.map((r) => terms.map((t) => apply(r.features[t.feature] ?? 0, t.transform)));
  const mean = terms.map((_, j) => x.reduce((s, r) => s + r[j]!, 0) / x.length);
  const sd = terms.map((_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / x.length) || 1);
  const z = x.map((r) => r.map((v, j) => (v - mean[j]!) / sd[j]!));
  const ym = rows.reduce((s, r) => s + r.rating, 0) / rows.length;
  let active = terms.map((_, j) => j);
  let w: number[] = [];
  for (;;) {
    const a = active.map((i) => active.map((j) => z.reduce((s, r) => s + r[i]! * r[j]!, 0) + (i === j ? lambda : 0)));
    const b = active.map((i) => z.reduce((s, r, k) => s + r[i]! * (rows[k]!.rating - ym), 0));
    w = solve(a, b);
    const wrong = w.map((c, k) => [c, k] as const).filter(([c]) => c > 0).sort((p, q) => q[0] - p[0]);
    if (!wrong.length) break;
    active = active.filter((_, k) => k !== wrong[0]![1]);
  }
  return { intercept: ym, terms: active.map((j, k) => ({ ...terms[j]!, mean: mean[j]!, sd: sd[j]!, coef: w[k]! })) };
}

/**
 * Gold levels from ratings (1 very similar .. 4 very dissimilar, averaged over annotators): the same
 * event is overall <= 1.5; the same story is overall <= 2.5 with the same actors (entities <= 2.5):
 * two storms or two elections on one topic are alike, but not one story an analyst follows.
 */
export const goldLevel = (q: Pick<RatedPair, 'overall' | 'aspects'>): 2 | 1 | 0 => (q.overall <= 1.5 ? 2 : q.overall <= 2.5 && (q.aspects.entities ?? 4) <= 2.5 ? 1 : 0);

/** Thresholds on the score that best separate the gold levels, by macro-averaged F1 over a grid. */
export function calibrateLevels(scores: number[], pairs: Pick<RatedPair, 'overall' | 'aspects'>[]): { same_event: number; same_story: number; macroF1: number } {
  const gold = pairs.map(goldLevel);
  let best = { same_event: 0.7, same_story: 0.4, macroF1: -1 };
  for (let story = 0.05; story < 0.95; story += 0.01) {
    for (let event = story + 0.02; event < 1; event += 0.01) {
      const pred = scores.map((s) => (s >= event ? 2 : s >= story ? 1 : 0));
      let f1 = 0;
      for (const c of [0, 1, 2]) {
        const tp = pred.filter((p, i) => p === c && gold[i] === c).length;
        const fp = pred.filter((p, i) => p === c && gold[i] !== c).length;
        const fn = pred.filter((p, i) => p !== c && gold[i] === c).length;
        f1 += tp ? (2 * tp) / (2 * tp + fp + fn) / 3 : 0;
      }
      if (f1 > best.macroF1 + 1e-9) best = { same_event: Math.round(event * 100) / 100, same_story: Math.round(story * 100) / 100, macroF1: f1 };
    }
  }
  return best;
}

/**
 * Frequent capitalised German words that are not names: capitalised mid-sentence in at least
 * `minDocs` German articles and never capitalised in an English one (where only names are).
 */
export function germanCommonNouns(docs: MatchDocument[], minDocs = MIN_DOCS): string[] {
  const english = new Set<string>();
  const german = new Map<string, number>();
  for (const d of docs) {
    if (d.lang !== 'en' && d.lang !== 'de') continue;
    const seen = new Set<string>();
    for (const s of d.sentences) {
      const tokens = tokenize(s.text);
      tokens.forEach((t, i) => {
        if (i === 0 || !/^\p{Lu}\p{Ll}/u.test(t.text)) return;
        seen.add(t.text.toLowerCase());
      });
    }
    if (d.lang === 'en') for (const w of seen) english.add(w);
    else for (const w of seen) german.set(w, (german.get(w) ?? 0) + 1);
  }
  return [...german].filter(([w, n]) => n >= minDocs && !english.has(w)).map(([w]) => w).sort();
}

/**
 * The fewest shared names that make a pair at least the same story: the smallest k (from 4: who,
 * where and more; fewer chains unrelated reports of one country into stories) at which, among pairs
 * sharing >= k names (at least 10 of them), at least 70% are rated same story or closer.
 */
export function calibrateStoryNames(shared: number[], pairs: Pick<RatedPair, 'overall' | 'aspects'>[]): { storyNames: number; precision: number; pairs: number } {
  for (let k = 4; k <= 12; k++) {
    const sel = pairs.filter((_, i) => shared[i]! >= k);
    if (sel.length < 10) break;
    const precision = sel.filter((q) => goldLevel(q) >= 1).length / sel.length;
    if (precision >= 0.7) return { storyNames: k, precision: Math.round(precision * 100) / 100, pairs: sel.length };
  }
  return { storyNames: 99, precision: 0, pairs: 0 };
}

/** Names the two documents of a pair share (folded). */
export function sharedNameCount(p: Prepared, q: RatedPair): number {
  const a = views(p.fingerprints.get(q.a)!).names;
  const b = views(p.fingerprints.get(q.b)!).names;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

export function emptyModel(commonNouns: string[]): SimilarityModel {
  const zero: LinearModel = { intercept: 2.5, terms: [], levels: { same_event: 0.7, same_story: 0.4, storyNames: 99 } };
  return {
    version: 1, data: '', method: '', levelCalibration: '', crossValidated: {},
    models: { text: zero, cross: zero }, commonNouns: { de: commonNouns }, background: { documents: {}, df: {} },
  };
}

export interface Prepared {
  set: SemevalSet;
  fingerprints: Map<number, Fingerprint>;
  commonNouns: string[];
}

export function prepare(set: SemevalSet): Prepared {
  const commonNouns = germanCommonNouns([...set.docs.values()]);
  const base = emptyModel(commonNouns);
  const fingerprints = new Map([...set.docs].map(([id, d]) => [id, fingerprint(d, base)]));
  return { set, fingerprints, commonNouns };
}

function basisOf(fa: Fingerprint, fb: Fingerprint): Basis {
  // without MT here: same language, or language-independent
  return fa.lang === fb.lang ? 'same_language' : 'language_independent';
}

/** Fits the full scorer (both models, background, levels from given cross-validated scores). */
export function fitModel(p: Prepared, pairs: RatedPair[], levels?: Record<ModelKind, LinearModel['levels']>): SimilarityModel {
  const docIds = new Set(pairs.flatMap((q) => [q.a, q.b]));
  const background: BackgroundFrequencies = countFrequencies([...docIds].map((id) => documentTerms(p.fingerprints.get(id)!)), MIN_DOCS);
  const weights = new TermWeights(background, termOf);
  const rows: Record<ModelKind, { features: Partial<Record<FeatureName, number>>; rating: number }[]> = { text: [], cross: [] };
  for (const q of pairs) {
    const fa = p.fingerprints.get(q.a)!;
    const fb = p.fingerprints.get(q.b)!;
    const basis = basisOf(fa, fb);
    rows[modelKind(basis)].push({ features: measure(fa, fb, basis, weights).features, rating: q.overall });
  }
  const model = emptyModel(p.commonNouns);
  model.background = background as SimilarityModel['background'];
  for (const kind of ['text', 'cross'] as const) {
    model.models[kind] = { ...fitLinear(rows[kind], TERMS[kind]), levels: levels?.[kind] ?? { same_event: 0.7, same_story: 0.4, storyNames: 99 } };
  }
  return model;
}

/** Seeded shuffle (Park-Miller), so folds are the same in every run. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed * 7919 + 1;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface CrossValidation {
  /** per repeat: pair id -> the score compareFingerprints gave it, fitted without it */
  scores: Map<string, number>[];
}

export function crossValidate(p: Prepared, folds = FOLDS, repeats = REPEATS): CrossValidation {
  const scores: Map<string, number>[] = [];
  for (let r = 0; r < repeats; r++) {
    const order = shuffled(p.set.pairs, r);
    const out = new Map<string, number>();
    for (let f = 0; f < folds; f++) {
      const test = order.filter((_, i) => i % folds === f);
      const model = fitModel(p, order.filter((_, i) => i % folds !== f));
      for (const q of test) out.set(q.id, compareFingerprints(p.fingerprints.get(q.a)!, p.fingerprints.get(q.b)!, { model }).score);
    }
    scores.push(out);
  }
  return { scores };
}

export const langGroup = (q: RatedPair) => (q.langs === 'en-de' ? 'de-en' : q.langs);

/** Mean over repeats of Pearson(score, -rating) per language pair, and over all pairs. */
export function pearsonByGroup(pairs: RatedPair[], scores: Map<string, number>[]): Record<string, number> {
  const groups = ['en-en', 'de-de', 'de-en', 'all'];
  const out: Record<string, number> = {};
  for (const g of groups) {
    const sel = pairs.filter((q) => g === 'all' || langGroup(q) === g);
    const v = scores.map((s) => pearson(sel.map((q) => s.get(q.id) ?? 0), sel.map((q) => -q.overall)));
    out[g] = Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 1000) / 1000;
  }
  return out;
}
