// Sentence alignment of two documents, passage matching of independent reports, word diff.
export type { AlignSentence, Bead, BeadKind, DiffPart, PassageLink } from './types.ts';
export type { AlignOptions } from './align.ts';
export type { PassageOptions } from './passages.ts';
export type { WordDiffOptions } from './diff.ts';
export { alignDocuments } from './align.ts';
export { matchPassages } from './passages.ts';
export { wordDiff } from './diff.ts';
export { alignWork } from './align.ts';
export { passageWork } from './passages.ts';
export { runWork, type AlignWork, type WorkControl } from './work.ts';
