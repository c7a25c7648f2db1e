// Passages mode links only the sentences two reports share; the others would vanish from the
// view. They are kept as runs of consecutive unmatched sentences per side, each shown collapsed
// beside the row it follows in its own document, with its count, and expandable.
import { runAnchors } from '../common/run-anchor.ts';
import type { StoredAlignment } from '../store/index.ts';
import { sideOf, type RowContext } from './compare-rows.ts';

export interface UnmatchedRun {
  side: 'a' | 'b';
  /** The bead (by position) the run is shown beside; null when no bead exists at all. */
  at: number | null;
  place: 'before' | 'after';
  sentences: ReturnType<typeof sideOf>;
}

/** Maximal runs of sentence indices 0..count-1 that no bead covers. */
function runsOf(count: number, covered: Set<number>): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    if (covered.has(i)) continue;
    const start = i;
    while (i + 1 < count && !covered.has(i + 1)) i++;
    out.push([start, i]);
  }
  return out;
}

const range = (s: number, e: number) => Array.from({ length: e - s + 1 }, (_, k) => s + k);

/** The unmatched runs of both sides of a passages alignment (none in the other modes, which cover every sentence). */
export function unmatchedRuns(ctx: RowContext, alignment: StoredAlignment): UnmatchedRun[] {
  if (alignment.mode !== 'passages') return [];
  const out: UnmatchedRun[] = [];
  const anchor = runAnchors(alignment.beads);
  for (const side of ['a', 'b'] as const) {
    const count = (side === 'a' ? ctx.sa : ctx.sb ?? []).length;
    const covered = new Set(alignment.beads.flatMap((b) => b[side]));
    for (const run of runsOf(count, covered)) out.push({ side, ...anchor(side, ...run), sentences: sideOf(ctx, side, range(...run)) });
  }
  return out;
}
