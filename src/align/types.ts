// Public shapes of the align module (re-exported from index.ts).

/** One sentence to align. `english`: its English side — the machine translation of the sentence,
 * or the text itself for an English document; null when there is none. */
export interface AlignSentence {
  text: string;
  english: string | null;
}

/** "1-1", "1-2", "2-1", "1-0" (a sentence of `a` with no counterpart), "0-1", "2-2", "1-3", "3-1". */
export type BeadKind = '1-1' | '1-2' | '2-1' | '1-0' | '0-1' | string;

/** Sentences a[...] correspond to b[...]. score: 0..1 similarity of the two sides (0 for 1-0 / 0-1). */
export interface Bead {
  a: number[];
  b: number[];
  score: number;
  kind: BeadKind;
}

export interface PassageLink {
  a: number;
  b: number;
  score: number;
}

/** One run of a word diff: added (only in b), removed (only in a), or equal. `value` is b's text
 * (a's for a removed run); an equal run whose text in a differs (spacing, or case when ignored)
 * carries a's text in `valueA`, so each side renders exactly its own sentence. */
export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
  valueA?: string;
}
