// The aligner's operations on a stored alignment, beside accept/reject/merge/split (service.ts):
// shift a sentence across a row boundary on one side, insert or remove an empty cell on one side,
// split a source sentence at a caret, edit a source sentence's text. Each is one logged decision
// (one undo step) written in one transaction.
import { userInfo } from 'node:os';
import { ApiError, type Side, type SideOperation } from '../common/index.ts';
import type { BeadRow, Reviser, SentenceRow, Store, StoredAlignment } from '../store/index.ts';
import { memoryKey } from '../translate/index.ts';
import { changedRows, type ReviewResult, type Touched } from './review-result.ts';

type NewBead = Omit<BeadRow, 'id'> & { id?: number };

/** Who made a change to a source sentence, and why: the person at this computer, in review. */
export function reviser(): Reviser {
  let by = 'analyst';
  try {
    by = userInfo().username || by;
  } catch {
    /* no user name on this system: keep the generic one */
  }
  return { by, why: 'review' };
}

/**
 * What every operation answers: the rows it changed, through the same helper as review, editEnglish
 * and undo (./review-result.ts), so the Compare view patches them instead of reloading.
 */
export function decisionResult(store: Store, alignmentId: number, touched: Touched): Promise<ReviewResult> {
  return changedRows(store, alignmentId, touched);
}

const bad = (message: string) => new ApiError('bad_request', message);

/** A bead whose sentences changed: its kind follows, and it waits for review again as the analyst's. */
function reshaped(b: BeadRow, a: number[], bb: number[]): NewBead {
  return { ...b, a, b: bb, kind: `${a.length}-${bb.length}`, status: 'pending', origin: 'human', score: a.length && bb.length ? b.score : 0 };
}

/**
 * The beads an operation on one side of row `at` leaves, as the changed rows before and after
 * (rows after without an id are new; rows before missing from after are removed).
 */
export function sideOperation(beads: readonly BeadRow[], at: number, side: Side, op: SideOperation): { before: BeadRow[]; after: NewBead[] } {
  const other: Side = side === 'a' ? 'b' : 'a';
  const cells = beads.map((b) => [...b[side]]);
  const bead = beads[at]!;
  let extra: number[] = [];
  if (op === 'shift-up') {
    if (at === 0) throw bad('The first row has no row above to shift into');
    if (!cells[at]!.length) throw bad(`Row has no sentence on side ${side.toUpperCase()} to shift up`);
    cells[at - 1]!.push(cells[at]!.shift()!);
  } else if (op === 'shift-down') {
    if (at === beads.length - 1) throw bad('The last row has no row below to shift into');
    if (!cells[at]!.length) throw bad(`Row has no sentence on side ${side.toUpperCase()} to shift down`);
    cells[at + 1]!.unshift(cells[at]!.pop()!);
  } else if (op === 'insert-gap') {
    // The side's cells from this row on move down one row; the last one may need a new row.
    extra = cells.at(-1)!;
    for (let i = cells.length - 1; i > at; i--) cells[i] = cells[i - 1]!;
    cells[at] = [];
  } else {
    if (bead[side].length) throw bad(`Row is not empty on side ${side.toUpperCase()}: there is no gap to remove`);
    for (let i = at; i < cells.length - 1; i++) cells[i] = cells[i + 1]!;
    cells[cells.length - 1] = [];
  }
  const before: BeadRow[] = [];
  const after: NewBead[] = [];
  for (const [i, b] of beads.entries()) {
    const next = cells[i]!;
    if (next.length === b[side].length && next.every((x, k) => x === b[side][k])) continue;
    before.push(b);
    if (next.length || b[other].length) after.push(reshaped(b, side === 'a' ? next : b.a, side === 'a' ? b.b : next));
  }
  if (extra.length) {
    const last = beads.at(-1)!;
    after.push({ pos: last.pos + 1, a: side === 'a' ? extra : [], b: side === 'b' ? extra : [], score: 0, kind: side === 'a' ? `${extra.length}-0` : `0-${extra.length}`, status: 'pending', origin: 'human' });
  }
  return { before, after };
}

export async function operate(store: Store, alignment: StoredAlignment, beadId: number, side: Side, op: SideOperation): Promise<ReviewResult> {
  if (alignment.mode !== 'monotonic') throw bad(`${op} moves sentences between rows of two documents in order; alignment ${alignment.id} is ${alignment.mode}`);
  const at = alignment.beads.findIndex((b) => b.id === beadId);
  if (at < 0) throw new ApiError('not_found', `No bead ${beadId} in alignment ${alignment.id}`);
  const { before, after } = sideOperation(alignment.beads, at, side, op);
  const { written } = await store.reviewBeads(alignment.id, op, before, after);
  return decisionResult(store, alignment.id, { beads: written.map((b) => b.id), removed: before.map((b) => b.id) });
}

/** The document and its sentence a source operation names; translation review has its source on side A only. */
async function sourceSentence(store: Store, alignment: StoredAlignment, side: Side, sentence: number): Promise<{ documentId: number; lang: string | null; row: SentenceRow }> {
  if (alignment.mode === 'translation' && side === 'b') throw bad('In translation review side B is the English of side A: change the source on side A');
  const documentId = side === 'a' ? alignment.aDoc : alignment.bDoc;
  const [row] = await store.sentencesAt(documentId, [sentence]);
  if (!row) throw new ApiError('not_found', `No sentence ${sentence} in document ${documentId}`);
  return { documentId, lang: (await store.document(documentId))?.lang ?? null, row };
}

/**
 * Splits a source sentence at a caret (a UTF-16 offset into its text, as a text field reports
 * it): the analyst's segmentation is stored with the document, so every later alignment of it
 * starts from the two sentences, and this alignment (now reviewed) is never recomputed.
 */
export async function splitSentence(store: Store, alignment: StoredAlignment, side: Side, sentence: number, at: number): Promise<ReviewResult> {
  const { documentId, row } = await sourceSentence(store, alignment, side, sentence);
  const left = row.text.slice(0, at).trimEnd();
  const right = row.text.slice(at).trimStart();
  if (!left || !right) throw bad(`A split needs text on both sides of the caret (offset ${at} of ${row.text.length})`);
  // Offsets into the document text: exact for an ingested sentence, bounded for an edited one.
  const firstEnd = Math.min(row.start + left.length, row.end);
  const secondStart = Math.max(firstEnd, row.end - right.length);
  await store.splitSentence(alignment.id, documentId, sentence, [
    { text: left, memoryKey: memoryKey(left), start: row.start, end: firstEnd },
    { text: right, memoryKey: memoryKey(right), start: secondStart, end: row.end },
  ], reviser());
  // The split renumbers every later sentence of the document, so every later row's indices
  // change: the answer is all the rows (ReviewResult.full), which the view puts in place of its own.
  return decisionResult(store, alignment.id, { all: true });
}

/**
 * Replaces a source sentence's text (an OCR or typo fix). The ingested text is kept with who,
 * when and why; the English the sentence had stays with the fixed text (origin human, provenance
 * 'source-edit') unless the memory already knows the fixed text.
 */
export async function editSource(store: Store, alignment: StoredAlignment, side: Side, sentence: number, text: string): Promise<ReviewResult> {
  const { documentId, lang, row } = await sourceSentence(store, alignment, side, sentence);
  const fixed = text.trim();
  if (!fixed) throw bad('The source text must not be empty');
  if (fixed === row.text) throw bad('The source text is unchanged');
  const carry = lang && lang !== 'en' && row.translation !== null
    ? { sourceLang: lang, memoryKey: memoryKey(fixed), sourceText: fixed, english: row.translation, origin: 'human' as const, provenance: 'source-edit' }
    : null;
  await store.editSource(alignment.id, documentId, sentence, fixed, memoryKey(fixed), reviser(), carry);
  // The rows holding the sentence change, and, when its English was carried, every row showing the fixed text.
  return decisionResult(store, alignment.id, {
    sentences: [{ documentId, indices: [sentence] }],
    translations: carry ? [{ sourceLang: carry.sourceLang, memoryKey: carry.memoryKey }] : [],
  });
}
