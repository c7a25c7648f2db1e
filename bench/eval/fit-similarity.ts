// Refits Tandem's similarity scorer on rated news pairs and writes src/match/similarity-model.json
// (coefficients, level thresholds, background term frequencies, and the cross-validated scores it
// came from). One command:  npm run fit:similarity  [-- --data DIR]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { argValue, DEFAULT_DATA } from './lib/match-data.ts';
import { loadSemeval, semevalAvailable, type RatedPair } from './lib/semeval-data.ts';
import { calibrateLevels, calibrateStoryNames, sharedNameCount, crossValidate, FOLDS, fitModel, LAMBDA, langGroup, MIN_DOCS, pearsonByGroup, prepare, REPEATS } from './lib/similarity-fit.ts';

const dir = argValue('--data') ?? join(DEFAULT_DATA, 'semeval-train');
if (!semevalAvailable(dir)) {
  console.error(`No rated pairs at ${dir} (pairs.tsv and docs/): nothing fitted. Pass --data DIR.`);
  process.exit(2);
}
const set = await loadSemeval(dir);
const prepared = prepare(set);
const cv = crossValidate(prepared);
const pearsonCv = pearsonByGroup(set.pairs, cv.scores);

// Levels: thresholds on the cross-validated scores (every repeat pooled), per feature set.
const levels = {
  text: calibrateLevels(...pooled((g) => g !== 'de-en')),
  cross: calibrateLevels(...pooled((g) => g === 'de-en')),
};
function pooled(keep: (group: string) => boolean): [number[], RatedPair[]] {
  const pairs = set.pairs.filter((q) => keep(langGroup(q)));
  return [cv.scores.flatMap((s) => pairs.map((q) => s.get(q.id)!)), cv.scores.flatMap(() => pairs)];
}

const names = {
  text: calibrateStoryNames(...sharedNames((g) => g !== 'de-en')),
  cross: calibrateStoryNames(...sharedNames((g) => g === 'de-en')),
};
function sharedNames(keep: (group: string) => boolean): [number[], RatedPair[]] {
  const pairs = set.pairs.filter((q) => keep(langGroup(q)));
  return [pairs.map((q) => sharedNameCount(prepared, q)), pairs];
}
const model = fitModel(prepared, set.pairs, {
  text: { same_event: levels.text.same_event, same_story: levels.text.same_story, storyNames: names.text.storyNames },
  cross: { same_event: levels.cross.same_event, same_story: levels.cross.same_story, storyNames: names.cross.storyNames },
});
const counts: Record<string, number> = {};
for (const q of set.pairs) counts[langGroup(q)] = (counts[langGroup(q)] ?? 0) + 1;
model.version = 1;
model.data = `SemEval-2022 Task 8 training pairs (semeval-train): ${set.pairs.length} rated pairs (${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}), ${set.docs.size} articles through Tandem's ingest, no machine translation; ${set.failed.length} articles refused by ingest were left out.`;
model.method = `Ridge regression (lambda ${LAMBDA}, standardized terms) of the overall rating (1 very similar .. 4 very dissimilar) on the pair features of src/match/features.ts: 'text' on same-language pairs (each feature raw and square-rooted), 'cross' on cross-language pairs without translation. score = (4 - predicted rating) / 3, clipped to 0..1. Background document frequencies: terms in at least ${MIN_DOCS} of the articles.`;
model.levelCalibration = `Gold levels from the ratings: same_event overall <= 1.5; same_story overall <= 2.5 with the entities aspect <= 2.5 (the same actors, not only the same topic); else unrelated. Thresholds on the ${FOLDS}-fold cross-validated scores (${REPEATS} repeats pooled) that maximize the macro-averaged F1 of the three levels: text ${JSON.stringify({ same_event: levels.text.same_event, same_story: levels.text.same_story })} (macro F1 ${levels.text.macroF1.toFixed(3)}), cross ${JSON.stringify({ same_event: levels.cross.same_event, same_story: levels.cross.same_story })} (macro F1 ${levels.cross.macroF1.toFixed(3)}). Shared names: pairs sharing at least storyNames names are at least the same story, the smallest count at which >= 70% of such pairs (at least 10) are at the gold same story or closer: text ${names.text.storyNames} (${names.text.precision} of ${names.text.pairs} pairs), cross ${names.cross.storyNames} (${names.cross.precision} of ${names.cross.pairs} pairs). Duplicates are a rule (shared passages or near-identical wording), not fitted.`;
model.crossValidated = { folds: FOLDS, repeats: REPEATS, pearson: pearsonCv, levelMacroF1: { text: Math.round(levels.text.macroF1 * 1000) / 1000, cross: Math.round(levels.cross.macroF1 * 1000) / 1000 } };
for (const kind of ['text', 'cross'] as const) {
  const m = model.models[kind];
  for (const t of m.terms) {
    t.mean = Math.round(t.mean * 1e6) / 1e6;
    t.sd = Math.round(t.sd * 1e6) / 1e6;
    t.coef = Math.round(t.coef * 1e6) / 1e6;
  }
  m.intercept = Math.round(m.intercept * 1e6) / 1e6;
}
const out = join(import.meta.dirname, '..', '..', 'src', 'match', 'similarity-model.json');
writeFileSync(out, `${JSON.stringify(model, null, 1)}\n`);
console.log(JSON.stringify({ written: out, crossValidated: model.crossValidated, levels: { text: model.models.text.levels, cross: model.models.cross.levels } }, null, 2));
