// "Contains": one document holds the other's passages as a part of itself — a digest, roundup or
// live blog that carries a whole report among many others. Such a pair shares text like a duplicate
// or the same event, but the compilation is about many events at once, so it must not become a
// clustering link (it would chain every report it carries into one story); it is shown as "contains".
//
// Decided from what a comparison already has: the repeated passages of the two and their sentence
// counts. The rule, and why each part:
//   - the passages cover most (>= 1/2) of the smaller document: the report is in there, not just a
//     shared background paragraph;
//   - they cover only a small part (<= 1/4) of the larger one: the rest of it is other material
//     (an expanded version of the same report would be covered further and stays same_event);
//   - the larger is several (>= 3) times longer: a compilation, not a report of similar length that
//     happens to quote the other at length.
import type { RepeatedPassage } from './types.ts';

/** A document's id and its number of sentences (the ones passages can be found in). */
export interface PassageDocument {
  id: number;
  sentences: number;
}

const SMALL_COVERED = 0.5;
const LARGE_COVERED = 0.25;
const LENGTH_RATIO = 3;

/** Share of a document's sentences that the passages cover on its side. */
function covered(passages: RepeatedPassage[], doc: PassageDocument): number {
  if (doc.sentences <= 0) return 0;
  const seen = new Set<number>();
  for (const p of passages) for (const side of [p.a, p.b]) if (side.doc === doc.id) for (const s of side.sentences) seen.add(s);
  return Math.min(1, seen.size / doc.sentences);
}

/**
 * The id of the document (a or b) that contains the other as a part of itself, or undefined when
 * neither does. `passages` are the repeated passages between a and b (sides named by document id).
 */
export function containerOf(passages: RepeatedPassage[], a: PassageDocument, b: PassageDocument): number | undefined {
  if (a.id === b.id || !passages.length) return undefined;
  const [small, large] = a.sentences <= b.sentences ? [a, b] : [b, a];
  if (large.sentences < LENGTH_RATIO * Math.max(1, small.sentences)) return undefined;
  if (covered(passages, small) < SMALL_COVERED || covered(passages, large) > LARGE_COVERED) return undefined;
  return large.id;
}
