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
export type { AlignMode } from '../Stories.tsx';

/** A sentence whose English can be edited. */
export interface Target {
  side: Side;
  sentence: number;
}

export interface Editing extends Target {
  row: number;
  draft: string;
  /** The English before this edit when it came from a model or the imported memory. */
  machine: string | null;
}
