// The unmatched runs placed against the rows on screen now, by the same rule the engine used
// (src/common/run-anchor.ts): a decision patched in may have replaced the row a run was shown beside.
import { runAnchors } from '../../../../src/common/run-anchor.ts';
import type { Row, UnmatchedRun } from './types.ts';

export function anchorUnmatched(runs: readonly UnmatchedRun[], rows: readonly Row[]): UnmatchedRun[] {
  if (!runs.length) return [];
  const anchor = runAnchors(rows.map((r) => r.bead));
  return runs.map((run) => ({ ...run, ...anchor(run.side, run.sentences[0]!.index, run.sentences[run.sentences.length - 1]!.index) }));
}
