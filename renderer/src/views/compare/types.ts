// The shapes Compare's hooks and components share, all derived from the engine's 'compare' answer.
import type { QueryResult } from '../../api/client.ts';

export type CompareData = QueryResult<'compare'>;
/** What every decision answers: the rows it changed and the beads it removed. */
export type ReviewResult = QueryResult<'review'>;
export type UnmatchedRun = CompareData['unmatched'][number];
export type Row = CompareData['rows'][number];
export type Bead = Row['bead'];
export type Sentence = Row['a'][number];
export type DocInfo = CompareData['documents']['a'];
/** What the two-document view shows of each side. */
export type Mode = 'both' | 'original' | 'english';
export type Side = 'a' | 'b';
export type { ReviewAction as Action } from '../../../../src/common/values.ts';
import type { AlignmentMode } from '../../../../src/common/values.ts';
// As in Stories.tsx, spelled out here so the key table (keys.ts) imports no .tsx and tests can read it.
export type AlignMode = Exclude<AlignmentMode, 'translation'>;

/** A sentence whose English can be edited. */
export interface Target {
  side: Side;
  sentence: number;
}

/** The open row: the sentence being edited, and a draft per sentence of the row (useDrafts.ts). */
export interface Editing extends Target {
  row: number;
  /** The draft of this sentence (also in `drafts`). */
  draft: string;
  /** The English before this edit when it came from a model or the imported memory. */
  machine: string | null;
  /** Every sentence of the row opened so far, by draftKey. */
  drafts: Record<string, string>;
  /** Esc with changed drafts: asking whether to discard them. */
  confirming: boolean;
}
