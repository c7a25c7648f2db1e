// What every decision on an alignment answers: only the rows it changed, in the same shape as the
// rows of the `compare` query (./compare-rows.ts), the bead ids it removed, and the counts. The
// Compare view patches its rows with it instead of reloading the whole alignment; a new operation
// on beads or on English returns `changedRows(...)` too.
import { ApiError, type DecisionAction, type RowStatus } from '../common/index.ts';
import type { BeadRow, Store } from '../store/index.ts';
import { buildRow, rowContext, type AlignmentInfo, type CompareRow, type Doc } from './compare-rows.ts';

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

/** The beads whose rows show a sentence with one of these memory keys (in a document of that language). */
async function beadsShowing(store: Store, alignment: AlignmentInfo, docs: { a: Doc; b: Doc }, translations: NonNullable<Touched['translations']>): Promise<BeadRow[]> {
  const out: BeadRow[] = [];
  for (const t of translations) {
    for (const side of alignment.aDoc === alignment.bDoc ? (['a'] as const) : (['a', 'b'] as const)) {
      const doc = docs[side];
      if (doc?.lang !== t.sourceLang) continue;
      const indices = await store.sentenceIndicesByKey(doc.id, t.memoryKey);
      out.push(...(await store.beadsHolding(alignment.id, side, indices)));
    }
  }
  return out;
}

export async function changedRows(store: Store, alignmentId: number, touched: Touched): Promise<ReviewResult> {
  const alignment = await store.alignmentInfo(alignmentId);
  if (!alignment) throw new ApiError('not_found', `No alignment ${alignmentId}`);
  const [docA, docB] = await Promise.all([store.document(alignment.aDoc), alignment.bDoc === alignment.aDoc ? null : store.document(alignment.bDoc)]);
  const docs = { a: docA, b: docB ?? docA };
  const byId = new Map<number, BeadRow>();
  for (const b of await store.beadsById(alignmentId, touched.beads ?? [])) byId.set(b.id, b);
  for (const b of await beadsShowing(store, alignment, docs, touched.translations ?? [])) byId.set(b.id, b);
  const beads = [...byId.values()].sort((x, y) => x.pos - y.pos);
  const ctx = await rowContext(store, alignment, { a: beads.flatMap((b) => b.a), b: beads.flatMap((b) => b.b) }, docs);
  const removed = [...new Set(touched.removed ?? [])];
  const stillThere = new Set((await store.beadsById(alignmentId, removed)).map((b) => b.id));
  const counts = await store.beadCounts(alignmentId);
  return {
    alignment: { id: alignment.id, reviewed: alignment.reviewed },
    rows: beads.map((b) => buildRow(ctx, b)),
    removed: removed.filter((id) => !stillThere.has(id)),
    counts: { ...counts, rows: counts.accepted + counts.rejected + counts.pending },
  };
}
