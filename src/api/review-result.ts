// What every decision on an alignment answers: only the rows it changed, in the same shape as the
// rows of the `compare` query (./compare-rows.ts), the bead ids it removed, and the counts. The
// Compare view patches its rows with it instead of reloading the whole alignment; a new operation
// on beads or on English returns `changedRows(...)` too.
import { ApiError, type DecisionAction, type RowStatus } from '../common/index.ts';
import type { Store } from '../store/index.ts';
import { memoryKey } from '../translate/index.ts';
import { buildRow, rowContext, type CompareRow } from './compare-rows.ts';

export interface ReviewResult {
  alignment: { id: number; reviewed: boolean };
  /** The rows that are new or changed, in bead order: replace a row of the same bead id, or insert by position. */
  rows: CompareRow[];
  /** Bead ids no longer in the alignment: their rows go. */
  removed: number[];
  /** Rows by status after the decision, and all rows. */
  counts: Record<RowStatus, number> & { rows: number };
  /** Set by undo: the action it reverted, or null when there was nothing to undo. */
  undone?: DecisionAction | null;
}

/** What a decision touched: beads by id, and English by memory key (every row holding that sentence changes). */
export interface Touched {
  beads?: number[];
  translations?: { sourceLang: string; memoryKey: string }[];
  removed?: number[];
}

export async function changedRows(store: Store, alignmentId: number, touched: Touched): Promise<ReviewResult> {
  const alignment = await store.alignment(alignmentId);
  if (!alignment) throw new ApiError('not_found', `No alignment ${alignmentId}`);
  const ctx = await rowContext(store, alignment);
  const ids = new Set(touched.beads ?? []);
  for (const t of touched.translations ?? []) {
    const hit = (lang: string | null | undefined, rows: typeof ctx.sa | null) =>
      lang === t.sourceLang && rows ? new Set(rows.filter((r) => memoryKey(r.text) === t.memoryKey).map((r) => r.index)) : new Set<number>();
    const inA = hit(ctx.docA?.lang, ctx.sa);
    const inB = alignment.aDoc === alignment.bDoc ? inA : hit(ctx.docB?.lang, ctx.sb);
    for (const b of alignment.beads) if (b.a.some((i) => inA.has(i)) || b.b.some((i) => inB.has(i))) ids.add(b.id);
  }
  const present = new Set(alignment.beads.map((b) => b.id));
  const counts = { accepted: 0, rejected: 0, pending: 0, rows: alignment.beads.length };
  for (const b of alignment.beads) counts[b.status]++;
  return {
    alignment: { id: alignment.id, reviewed: alignment.reviewed },
    rows: alignment.beads.filter((b) => ids.has(b.id)).map((b) => buildRow(ctx, b)),
    removed: [...new Set(touched.removed ?? [])].filter((id) => !present.has(id)),
    counts,
  };
}
