// What every decision on an alignment answers: only the rows it changed, in the same shape as the
// rows of the `compare` query (./compare-rows.ts), the bead ids it removed, and the counts. The
// Compare view patches its rows with it instead of reloading the whole alignment; a new operation
// on beads or on English returns `changedRows(...)` too.
import { ApiError, type DecisionAction, type RowStatus } from '../common/index.ts';
import type { BeadRow, Store } from '../store/index.ts';
import { buildRow, rowContext, type AlignmentInfo, type CompareRow, type Doc } from './compare-rows.ts';
import { unmatchedRuns, type UnmatchedRun } from './unmatched-runs.ts';

export interface ReviewResult {
  alignment: { id: number; reviewed: boolean };
  /** The rows that are new or changed, in bead order: replace a row of the same bead id, or insert by position. */
  rows: CompareRow[];
  /** Bead ids no longer in the alignment: their rows go. */
  removed: number[];
  /** Rows by status after the decision, and all rows. */
  counts: Record<RowStatus, number> & { rows: number };
  /**
   * Set when `rows` are all the rows of the alignment (with its unmatched runs), not a patch: a
   * decision that renumbers a document's sentences (a source split, or its undo) changes indices
   * every later row shows, which a patch of some rows cannot say. patchRows then replaces all.
   */
  full?: true;
  unmatched?: UnmatchedRun[];
  /** Set by undo: the action it reverted, or null when there was nothing to undo. */
  undone?: DecisionAction | null;
}

/** What a decision touched: beads by id, and English by memory key (every row holding that sentence changes). */
export interface Touched {
  beads?: number[];
  translations?: { sourceLang: string; memoryKey: string }[];
  removed?: number[];
  /** Source sentences whose text changed (a source edit): every row of this alignment holding one. */
  sentences?: { documentId: number; indices: number[] }[];
  /** Every row (see ReviewResult.full): the decision renumbered sentences. */
  all?: boolean;
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

/** Every row of the alignment, as `compare` builds them, in the shape of a decision's answer. */
async function allRows(store: Store, alignmentId: number): Promise<ReviewResult> {
  const alignment = await store.alignment(alignmentId);
  if (!alignment) throw new ApiError('not_found', `No alignment ${alignmentId}`);
  const ctx = await rowContext(store, alignment);
  const counts = await store.beadCounts(alignmentId);
  return {
    alignment: { id: alignment.id, reviewed: alignment.reviewed },
    rows: alignment.beads.map((b) => buildRow(ctx, b)),
    removed: [],
    counts: { ...counts, rows: counts.accepted + counts.rejected + counts.pending },
    full: true,
    unmatched: unmatchedRuns(ctx, alignment),
  };
}

/** The beads of this alignment holding these sentences, on each side showing that document. */
async function beadsOfSentences(store: Store, alignment: AlignmentInfo, sentences: NonNullable<Touched['sentences']>): Promise<BeadRow[]> {
  const out: BeadRow[] = [];
  for (const { documentId, indices } of sentences) {
    if (alignment.aDoc === documentId) out.push(...(await store.beadsHolding(alignment.id, 'a', indices)));
    if (alignment.bDoc === documentId && alignment.mode !== 'translation') out.push(...(await store.beadsHolding(alignment.id, 'b', indices)));
  }
  return out;
}

export async function changedRows(store: Store, alignmentId: number, touched: Touched): Promise<ReviewResult> {
  if (touched.all) return allRows(store, alignmentId);
  const alignment = await store.alignmentInfo(alignmentId);
  if (!alignment) throw new ApiError('not_found', `No alignment ${alignmentId}`);
  const [docA, docB] = await Promise.all([store.document(alignment.aDoc), alignment.bDoc === alignment.aDoc ? null : store.document(alignment.bDoc)]);
  const docs = { a: docA, b: docB ?? docA };
  const byId = new Map<number, BeadRow>();
  for (const b of await store.beadsById(alignmentId, touched.beads ?? [])) byId.set(b.id, b);
  for (const b of await beadsShowing(store, alignment, docs, touched.translations ?? [])) byId.set(b.id, b);
  for (const b of await beadsOfSentences(store, alignment, touched.sentences ?? [])) byId.set(b.id, b);
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
