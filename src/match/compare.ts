// Pairwise comparison: the features of a document (fingerprint), repeated passages, and the graded
// match. The score comes from the fitted scorer (scorer.ts) over the pair's measurements
// (features.ts); rules on top of it that the ratings cannot teach: shared passages make a
// duplicate or the same event, an event-date conflict caps a pair at the same story, and a roundup
// that contains a report is related to it without being its event.
import { alignedFeatures, EVENT_ALIGNED, STORY_ALIGNED } from './aligned-features.ts';
import { containerOf } from './contains.ts';
import { eventDateEvidence } from './event-dates.ts';
import { buildEvidence } from './evidence.ts';
import { measure, modelKind, type Basis } from './features.ts';
import { nameContext } from './common-nouns.ts';
import { contentStems, findNumbers, foldName, sentenceNames, tokenize, wordKeys } from './normalize.ts';
import { passagesFromSets } from './passages.ts';
import { backgroundOf, commonNounsOf, contributions, score as fittedScore, shippedModel, type SimilarityModel } from './scorer.ts';
import { TermWeights } from './term-weights.ts';
import { termOf } from './vectors.ts';
import { views, type SentenceSets } from './views.ts';
import type { DocumentMatch, EvidenceKind, Fingerprint, MatchDocument, MatchLevel, RepeatedPassage, SentenceFeatures } from './types.ts';

/** Bumped whenever what a fingerprint holds changes; stored older ones are made again. */
export const FINGERPRINT_VERSION = 2;

export function fingerprint(doc: MatchDocument, model: SimilarityModel = shippedModel()): Fingerprint {
  const surface = new Map<string, string>();
  const phrases = new Map<string, string>();
  const tokenized = doc.sentences.map((s) => ({ text: s.text, tokens: tokenize(s.text) }));
  // the English is tokenized once, for its stems and for telling German names from nouns
  const englishTokens = doc.lang === 'en' ? null : doc.sentences.map((s) => (s.english === null ? null : tokenize(s.english)));
  const translated = doc.lang === 'de' && doc.sentences.filter((s) => s.english).length >= doc.sentences.length / 2;
  const names = nameContext(tokenized, {
    commonNouns: commonNounsOf(model, doc.lang),
    english: translated ? englishTokens!.map((t) => t ?? []) : null,
    fold: (w) => foldName(w, doc.lang),
    foldEnglish: (w) => foldName(w, 'en'),
  });
  const sentences: SentenceFeatures[] = doc.sentences.map((s, i) => {
    const tokens = tokenized[i]!.tokens;
    const { stems: own, cognates } = wordKeys(tokens, doc.lang);
    const english = englishTokens?.[i] ?? null;
    return {
      own,
      en: doc.lang === 'en' ? own : english === null ? null : contentStems(english, 'en'),
      names: sentenceNames(s.text, doc.lang, tokens, surface, names, phrases),
      numbers: findNumbers(s.text, doc.lang),
      cognates,
    };
  });
  return {
    v: FINGERPRINT_VERSION, id: doc.id, lang: doc.lang, title: doc.title ?? null, published: doc.published,
    eventDates: [...doc.eventDates], sentences, display: Object.fromEntries(surface), ...(phrases.size ? { phrases: Object.fromEntries(phrases) } : {}),
  };
}

/** What two documents are compared on: their own language, their English, or neither. */
function basisOf(fa: Fingerprint, fb: Fingerprint): Basis {
  if (fa.lang === fb.lang) return 'same_language';
  return views(fa).enCoverage >= 0.5 && views(fb).enCoverage >= 0.5 ? 'translation' : 'language_independent';
}

/** The sentence sets passages are found on, for a basis. */
function setsOf(fa: Fingerprint, fb: Fingerprint, basis: Basis): [SentenceSets, SentenceSets] {
  const space = basis === 'same_language' ? 'own' : 'en';
  return [views(fa).sets(space), views(fb).sets(space)];
}

export function repeatedPassages(fa: Fingerprint, fb?: Fingerprint): RepeatedPassage[] {
  if (!fb) {
    const d = views(fa);
    // within one document: its own language (its English if any would only add noise)
    const own = d.sets('own');
    return passagesFromSets(own, own, true).map((p) => ({ a: { doc: fa.id, sentences: p.i }, b: { doc: fa.id, sentences: p.j }, score: p.score }));
  }
  const [sa, sb] = setsOf(fa, fb, basisOf(fa, fb));
  return passagesFromSets(sa, sb, false).map((p) => ({ a: { doc: fa.id, sentences: p.i }, b: { doc: fb.id, sentences: p.j }, score: p.score }));
}

export interface CompareOptions {
  /** the fitted scorer; the shipped one by default (evaluation passes its fold's model) */
  model?: SimilarityModel;
  /** false: an unrelated pair comes back without evidence (candidate search drops them anyway) */
  explainUnrelated?: boolean;
}

const weightsFor = new WeakMap<SimilarityModel, TermWeights>();
function termWeights(model: SimilarityModel): TermWeights {
  let w = weightsFor.get(model);
  if (!w) weightsFor.set(model, (w = new TermWeights(backgroundOf(model), termOf)));
  return w;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Share of a document's sentences inside the passages (never above 1). */
function covered(passages: RepeatedPassage[], side: 'a' | 'b', comparable: number): number {
  if (!comparable || !passages.length) return 0;
  return Math.min(1, new Set(passages.flatMap((p) => p[side].sentences)).size / comparable);
}

/**
 * Names two reports must share for the model's score alone to make them one story. On semeval-train
 * 91% of the pairs rated the same story share at least two names, and 41% of unrelated pairs do;
 * on FLORES it keeps topically alike articles (two storms) apart: story view F1 0.75 -> 0.97 with MT.
 */
const STORY_MIN_NAMES = 2;

interface LevelDecision {
  level: MatchLevel;
  decidedBy: EvidenceKind | 'model';
}

function decideLevel(s: number, t: SimilarityModel['models']['text']['levels'], r: { covMin: number; covMax: number; lenRatio: number; textCosine: number | null; aligned: number; names: number; conflict: () => boolean; contained: boolean }): LevelDecision {
  if (r.lenRatio >= 0.6 && (r.covMin >= 0.7 || (r.textCosine ?? 0) >= 0.8)) return { level: 'duplicate', decidedBy: r.covMin >= 0.7 ? 'passages' : 'wording' };
  // A roundup holds the report's passages, not its event: related, and said so.
  if (r.contained) return { level: 'same_story', decidedBy: 'passages' };
  const event = s >= t.same_event || r.covMin >= 0.5 || r.aligned >= EVENT_ALIGNED;
  // the dates are looked at only for a pair that could be one event: a conflict caps it at the story
  if (event && !r.conflict()) return { level: 'same_event', decidedBy: s >= t.same_event ? 'model' : r.covMin >= 0.5 ? 'passages' : 'aligned_sentences' };
  // A story is followed through its actors: a topic alone (two storms) is no story.
  const story = s >= t.same_story && r.names >= STORY_MIN_NAMES;
  if (event || story || r.covMax >= 0.2 || r.aligned >= STORY_ALIGNED || r.names >= t.storyNames) {
    return { level: 'same_story', decidedBy: story ? 'model' : r.covMax >= 0.2 ? 'passages' : r.aligned >= STORY_ALIGNED ? 'aligned_sentences' : 'names' };
  }
  return { level: 'unrelated', decidedBy: 'model' };
}

/**
 * Gives a match its evidence and summary as properties made on first read (JSON, spreads and tests
 * read them like any other): a collection's candidate search finds many related pairs and words
 * for each cost more than scoring it; whoever keeps or shows a match reads them once.
 */
function withExplanation(base: Omit<DocumentMatch, 'evidence' | 'summary'>, explain: () => { evidence: DocumentMatch['evidence']; summary: string }): DocumentMatch {
  let made: { evidence: DocumentMatch['evidence']; summary: string } | null = null;
  const get = () => (made ??= explain());
  return Object.defineProperties(base, {
    evidence: { get: () => get().evidence, enumerable: true, configurable: true },
    summary: { get: () => get().summary, enumerable: true, configurable: true },
  }) as DocumentMatch;
}

export function compareFingerprints(fa: Fingerprint, fb: Fingerprint, options: CompareOptions = {}): DocumentMatch {
  const model = options.model ?? shippedModel();
  const [x, y] = fa.id <= fb.id ? [fa, fb] : [fb, fa];
  const basis = basisOf(x, y);
  const weights = termWeights(model);
  const m = measure(x, y, basis, weights);
  const kind = modelKind(basis);
  const fitted = fittedScore(model, kind, m.features);

  // Passages only when there is a comparable text and some reason to look: a shared sentence in a
  // few lifts the cosine of the whole texts well above 0.1, unless one is far longer (a roundup).
  let passages: RepeatedPassage[] = [];
  const far = Math.max(x.sentences.length, y.sentences.length) >= 3 * Math.min(x.sentences.length, y.sentences.length);
  const worthLooking = basis === 'language_independent' || ((far || (m.features.text_cosine ?? 0) >= 0.1) && (fitted >= 0.2 || m.names >= 2));
  let [na, nb] = [0, 0];
  if (worthLooking) {
    const [sa, sb] = setsOf(x, y, basis);
    [na, nb] = [sa.comparable, sb.comparable];
    if (na && nb) passages = repeatedPassages(x, y);
  }
  const covA = covered(passages, 'a', na);
  const covB = covered(passages, 'b', nb);
  const aligned = basis === 'language_independent' ? alignedFeatures(x, y) : null;
  const containerId = containerOf(passages, { id: x.id, sentences: x.sentences.length }, { id: y.id, sentences: y.sentences.length });
  const lenRatio = Math.min(x.sentences.length, y.sentences.length) / Math.max(1, x.sentences.length, y.sentences.length);
  const covMin = Math.min(covA, covB);
  const s = Math.max(fitted, covMin);
  const levels = model.models[kind].levels;
  let ev: ReturnType<typeof eventDateEvidence> | null = null;
  const dates = () => (ev ??= eventDateEvidence(x, y));
  const { level, decidedBy } = decideLevel(s, levels, {
    covMin, covMax: Math.max(covA, covB), lenRatio, textCosine: m.features.text_cosine ?? null, aligned: aligned?.score ?? 0, names: m.names,
    conflict: () => dates().conflict, contained: containerId !== undefined,
  });

  if (level === 'unrelated' && options.explainUnrelated === false) return { a: x.id, b: y.id, score: r3(s), level, evidence: [], summary: '', basis };
  const explain = () => {
    const shared = m.shared();
    const rarity = new Map(shared.names.map((k) => [k, weights.idf('name', k)]));
    return buildEvidence({
      x, y, level, basis, features: m.features, contributions: contributions(model, kind, m.features),
      names: [...shared.names].sort((p, q) => rarity.get(q)! - rarity.get(p)! || (p < q ? -1 : 1)),
      numbers: shared.numbers, months: shared.months, eventDate: dates(), passages, coverage: [covA, covB],
      aligned: aligned && aligned.pairs.length ? { score: aligned.score, pairs: aligned.pairs.map(([i, j]) => [i, j] as [number, number]), weight: Math.min(1, aligned.score / (2 * EVENT_ALIGNED)) } : null,
      decidedBy, container: containerId,
    });
  };
  const match = withExplanation({ a: x.id, b: y.id, score: r3(s), level, basis }, explain);
  if (containerId !== undefined) match.container = containerId;
  return match;
}
