// Matching: which reports tell the same story or the same event, and which passages repeat.
//
//   compareDocuments(a, b)      graded match (duplicate / same_event / same_story / unrelated) with
//                               a score in 0..1, evidence, and the basis it was judged on
//   findRepeatedPassages(a, b?) overlapping sentence ranges across two documents or within one
//   MatchIndex                  incremental candidate search (inverted index over names, numbers and
//                               MinHash sketches): add() compares a new document with its best
//                               candidates only; fingerprints() / fromFingerprints() persist it
//   clusterStories(...)         event and story clusters honouring analyst decisions, stable ids
//
// Same-language pairs are compared in their own language; cross-language pairs through English
// translations when both sides are mostly translated, otherwise on language-independent evidence
// (folded names, normalized numbers, cognate stems, dates), scored sentence by sentence along the
// best monotonic chain and divided by the longer document's length, so that one threshold holds for
// short and long documents (evidence kind 'aligned_features').
import { compareFingerprints, fingerprint, repeatedPassages } from './compare.ts';
import type { DocumentMatch, Fingerprint, MatchDocument, RepeatedPassage } from './types.ts';

export type { Decision, DocumentMatch, Evidence, Fingerprint, MatchDocument, MatchLevel, PassageSpan, RepeatedPassage, SentenceFeatures, Story } from './types.ts';
export { fingerprint } from './compare.ts';
export { MatchIndex, type MatchIndexOptions } from './match-index.ts';
export { clusterStories } from './stories.ts';
export { foldName, findNumbers } from './normalize.ts';

const asFingerprint = (d: MatchDocument | Fingerprint): Fingerprint => ('v' in d ? d : fingerprint(d));

export function compareDocuments(a: MatchDocument | Fingerprint, b: MatchDocument | Fingerprint): DocumentMatch {
  return compareFingerprints(asFingerprint(a), asFingerprint(b));
}

export function findRepeatedPassages(a: MatchDocument | Fingerprint, b?: MatchDocument | Fingerprint): RepeatedPassage[] {
  return repeatedPassages(asFingerprint(a), b === undefined ? undefined : asFingerprint(b));
}
