// The fitted similarity scorer: a ridge regression per feature set, fitted on news pairs with
// human similarity ratings (bench/eval/fit-similarity.ts writes similarity-model.json; the file
// states its data, method and cross-validated scores). It predicts the rating (1 = very similar ..
// 4 = very dissimilar); the score is that prediction mapped onto 0..1 (1 = rating 1). Levels are
// thresholds on the score calibrated on the same ratings (see the file's `levels`).
import { z } from 'zod';
import fitted from './similarity-model.json' with { type: 'json' };
import { CROSS_FEATURES, TEXT_FEATURES, type FeatureName, type ModelKind } from './features.ts';
import type { BackgroundFrequencies } from './term-weights.ts';

const FeatureNameSchema = z.enum([...new Set([...TEXT_FEATURES, ...CROSS_FEATURES])] as [FeatureName, ...FeatureName[]]);

const LinearModel = z.object({
  terms: z.array(z.object({ feature: FeatureNameSchema, transform: z.enum(['raw', 'sqrt']), mean: z.number(), sd: z.number().positive(), coef: z.number() })),
  intercept: z.number(),
  /** score thresholds of the levels (score = (4 - predicted rating) / 3) */
  levels: z.object({
    same_event: z.number(),
    same_story: z.number(),
    /** this many shared names make a pair at least the same story (calibrated, see levelCalibration) */
    storyNames: z.number().int().positive(),
  }),
});
export type LinearModel = z.infer<typeof LinearModel>;

export const SimilarityModel = z.object({
  version: z.number().int(),
  data: z.string(),
  method: z.string(),
  levelCalibration: z.string(),
  crossValidated: z.record(z.string(), z.unknown()),
  models: z.object({ text: LinearModel, cross: LinearModel }),
  /** capitalised common nouns per language (German), lower-cased: never names */
  commonNouns: z.record(z.string(), z.array(z.string())),
  background: z.object({ documents: z.record(z.string(), z.number()), df: z.record(z.string(), z.record(z.string(), z.number())) }),
});
export type SimilarityModel = z.infer<typeof SimilarityModel>;

let shipped: SimilarityModel | null = null;
/** The model shipped with Tandem, validated on first use (so a refit after a feature change can run). */
export function shippedModel(): SimilarityModel {
  if (!shipped) {
    const parsed = SimilarityModel.safeParse(fitted);
    if (!parsed.success) throw new Error(`src/match/similarity-model.json does not fit this version of Tandem (refit it: npm run fit:similarity): ${parsed.error.issues[0]?.message ?? ''}`);
    shipped = parsed.data;
  }
  return shipped;
}

const nounSets = new WeakMap<SimilarityModel, Map<string, Set<string>>>();
export function commonNounsOf(m: SimilarityModel, lang: string): ReadonlySet<string> | undefined {
  let sets = nounSets.get(m);
  if (!sets) nounSets.set(m, (sets = new Map(Object.entries(m.commonNouns).map(([l, words]) => [l, new Set(words)]))));
  return sets.get(lang);
}

export const backgroundOf = (m: SimilarityModel): BackgroundFrequencies => m.background as BackgroundFrequencies;

export interface Contribution {
  feature: FeatureName;
  value: number;
  /** change of the 0..1 score this feature makes against an average pair: > 0 for, < 0 against */
  effect: number;
}

const transform = (x: number, t: 'raw' | 'sqrt') => (t === 'sqrt' ? Math.sqrt(Math.max(0, x)) : x);

/** Predicted rating 1..4 (unclamped) of a pair's features. */
export function predictRating(m: LinearModel, features: Partial<Record<FeatureName, number>>): number {
  let r = m.intercept;
  for (const t of m.terms) r += (t.coef * (transform(features[t.feature] ?? 0, t.transform) - t.mean)) / t.sd;
  return r;
}

export const ratingToScore = (rating: number) => Math.min(1, Math.max(0, (4 - rating) / 3));

/** The 0..1 score of a pair's features. */
export function score(model: SimilarityModel, kind: ModelKind, features: Partial<Record<FeatureName, number>>): number {
  return ratingToScore(predictRating(model.models[kind], features));
}

/** What each feature adds to or takes from the score, strongest first (for evidence). */
export function contributions(model: SimilarityModel, kind: ModelKind, features: Partial<Record<FeatureName, number>>): Contribution[] {
  const byFeature = new Map<FeatureName, Contribution>();
  for (const t of model.models[kind].terms) {
    const value = features[t.feature] ?? 0;
    const effect = -(t.coef * (transform(value, t.transform) - t.mean)) / t.sd / 3;
    const c = byFeature.get(t.feature) ?? { feature: t.feature, value, effect: 0 };
    c.effect += effect;
    byFeature.set(t.feature, c);
  }
  return [...byFeature.values()].sort((p, q) => Math.abs(q.effect) - Math.abs(p.effect));
}
