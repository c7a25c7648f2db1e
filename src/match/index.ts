// Matching: which reports tell the same story or the same event, and which passages repeat.
//
//   compareDocuments(a, b)      graded match (duplicate / same_event / same_story / unrelated) with
//                               a 0..1 score from the fitted scorer (similarity-model.json), the
//                               evidence in plain words, a one-sentence summary, and the basis
//   findRepeatedPassages(a, b?) overlapping sentence ranges across two documents or within one
//   MatchIndex                  incremental candidate search (inverted index over names, numbers and
//                               MinHash sketches): add() compares a new document with its best
//                               candidates only; fingerprints() / fromFingerprints() persist it
//   clusterStories(...)         event and story clusters honouring analyst decisions, stable ids
//
// Same-language pairs are compared in their own language; cross-language pairs through English
// translations when both sides are mostly translated, otherwise on language-independent evidence
// (cognate stems and folded names, and corresponding sentences for translations).
import { compareFingerprints, fingerprint, repeatedPassages, type CompareOptions } from './compare.ts';
import type { DocumentMatch, Fingerprint, MatchDocument, RepeatedPassage } from './types.ts';

export { EVIDENCE_KINDS } from './types.ts';
export type { Decision, DocumentMatch, Evidence, EvidenceKind, Fingerprint, MatchDocument, MatchLevel, PassageSpan, RepeatedPassage, SentenceFeatures, Story } from './types.ts';
export { fingerprint, FINGERPRINT_VERSION, type CompareOptions } from './compare.ts';
export { shippedModel, type SimilarityModel } from './scorer.ts';
export { formatDate, matchLines } from './evidence.ts';
export { MatchIndex, type MatchIndexOptions } from './match-index.ts';
export { clusterStories } from './stories.ts';
export { foldName, findNumbers } from './normalize.ts';

const asFingerprint = (d: MatchDocument | Fingerprint): Fingerprint => ('v' in d ? d : fingerprint(d));

export function compareDocuments(a: MatchDocument | Fingerprint, b: MatchDocument | Fingerprint, options: CompareOptions = {}): DocumentMatch {
  return compareFingerprints(asFingerprint(a), asFingerprint(b), options);
}

export function findRepeatedPassages(a: MatchDocument | Fingerprint, b?: MatchDocument | Fingerprint): RepeatedPassage[] {
  return repeatedPassages(asFingerprint(a), b === undefined ? undefined : asFingerprint(b));
}
