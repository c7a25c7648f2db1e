// Source sentences changed in review: split at a caret, or their text edited (an OCR or typo fix).
// The document's text and the offsets into it never change; a changed sentence keeps the
// ingested text it came from and who changed it, when and why. Sentence indices are positions,
// so a split renumbers the sentences after it and every bead and passage that points at them.
// Private to src/store: Review (./review.ts) calls these inside its logged transactions.
import type { SentenceRevision } from '../common/index.ts';
import type { Connection } from './db.ts';

/** What a split or an edit replaced, as kept in the review log to undo it. */
export interface SentenceSnapshot {
  documentId: number;
  index: number;
  text: string;
  memoryKey: string;
  end: number;
  originalText: string | null;
  revision: SentenceRevision | null;
  revisedBy: string | null;
  revisedAt: string | null;
  revisedWhy: string | null;
}

/** One part of a split sentence: its text, memory key and offsets into the document text. */
export interface SentencePart {
  text: string;
  memoryKey: string;
  start: number;
  end: number;
}

export interface Reviser {
  by: string;
  why: string;
}

type Remap = (indices: number[]) => number[];

/** After a split of sentence `at`: the later sentences move up one, and `at` is followed by its second part. */
export const afterSplit = (at: number): Remap => (xs) => xs.flatMap((i) => (i < at ? [i] : i === at ? [i, i + 1] : [i + 1]));
/** The inverse: the second part goes back into `at`, the later sentences move down one. */
export const beforeSplit = (at: number): Remap => (xs) => [...new Set(xs.map((i) => (i <= at ? i : i - 1)))];

const same = (x: number[], y: number[]) => x.length === y.length && x.every((v, i) => v === y[i]);

export class SentenceRevisions {
  constructor(private readonly db: Connection) {}

  async snapshot(documentId: number, index: number): Promise<SentenceSnapshot | null> {
    const row = await this.db.get<Omit<SentenceSnapshot, 'documentId'>>(
      `SELECT idx AS "index", text, memory_key AS memoryKey, end, original_text AS originalText, revision,
              revised_by AS revisedBy, revised_at AS revisedAt, revised_why AS revisedWhy
         FROM sentences WHERE document_id = ? AND idx = ?`,
      [documentId, index],
    );
    return row ? { documentId, ...row } : null;
  }

  /** Replaces a sentence's text (call inside a transaction). */
  async edit(before: SentenceSnapshot, text: string, memoryKey: string, who: Reviser): Promise<void> {
    await this.db.run(
      `UPDATE sentences SET text = ?, memory_key = ?, original_text = coalesce(original_text, ?), revision = 'edit',
              revised_by = ?, revised_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), revised_why = ?
        WHERE document_id = ? AND idx = ?`,
      [text, memoryKey, before.text, who.by, who.why, before.documentId, before.index],
    );
  }

  /**
   * Splits sentence `before.index` into two (call inside a transaction): the first part stays at
   * its index, the second becomes the next sentence, and every later index moves up one in the
   * sentences and in every bead and passage of the document.
   */
  async split(before: SentenceSnapshot, first: SentencePart, second: SentencePart, who: Reviser): Promise<void> {
    const { documentId, index } = before;
    await this.renumber(documentId, index, 1);
    const revised = `original_text = coalesce(original_text, ?), revision = 'split', revised_by = ?, revised_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), revised_why = ?`;
    await this.db.run(`UPDATE sentences SET text = ?, memory_key = ?, end = ?, ${revised} WHERE document_id = ? AND idx = ?`, [
      first.text, first.memoryKey, first.end, before.text, who.by, who.why, documentId, index,
    ]);
    await this.db.run(
      `INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, memory_key, original_text, revision, revised_by, revised_at, revised_why)
       SELECT document_id, paragraph_id, ?, ?, ?, ?, ?, coalesce(original_text, text), 'split', ?, revised_at, ? FROM sentences WHERE document_id = ? AND idx = ?`,
      [index + 1, second.start, second.end, second.text, second.memoryKey, who.by, who.why, documentId, index],
    );
    await this.remapReferences(documentId, afterSplit(index));
  }

  /** Reverts a split (call inside a transaction): the first part gets back what it had, the second goes. */
  async unsplit(before: SentenceSnapshot): Promise<void> {
    const { documentId, index } = before;
    await this.db.run('DELETE FROM sentences WHERE document_id = ? AND idx = ?', [documentId, index + 1]);
    await this.restore(before);
    await this.renumber(documentId, index + 1, -1);
    await this.remapReferences(documentId, beforeSplit(index));
  }

  /** Puts a sentence's snapshot fields back (call inside a transaction). */
  async restore(s: SentenceSnapshot): Promise<void> {
    await this.db.run(
      `UPDATE sentences SET text = ?, memory_key = ?, end = ?, original_text = ?, revision = ?, revised_by = ?, revised_at = ?, revised_why = ?
        WHERE document_id = ? AND idx = ?`,
      [s.text, s.memoryKey, s.end, s.originalText, s.revision, s.revisedBy, s.revisedAt, s.revisedWhy, s.documentId, s.index],
    );
  }

  /** Moves the indices of the sentences after `after` by `by` (+1 or -1), past the unique index. */
  private async renumber(documentId: number, after: number, by: 1 | -1): Promise<void> {
    await this.db.run('UPDATE sentences SET idx = -1 - (idx + ?) WHERE document_id = ? AND idx > ?', [by, documentId, after]);
    await this.db.run('UPDATE sentences SET idx = -1 - idx WHERE document_id = ? AND idx < 0', [documentId]);
  }

  /**
   * Applies an index change to every bead and passage that points into the document. A sentence
   * that two beads of one alignment come to share (an undone split whose parts were apart) stays
   * in the first; a bead left with no sentence on either side goes.
   */
  private async remapReferences(documentId: number, remap: Remap): Promise<void> {
    const beads = await this.db.all<{ id: number; alignment_id: number; a_doc: number; b_doc: number; a_sentences: string; b_sentences: string; kind: string }>(
      `SELECT b.id, b.alignment_id, al.a_doc, al.b_doc, b.a_sentences, b.b_sentences, b.kind FROM beads b JOIN alignments al ON al.id = b.alignment_id
        WHERE al.a_doc = ? OR al.b_doc = ? ORDER BY b.alignment_id, b.pos`,
      [documentId, documentId],
    );
    const seen = new Map<string, Set<number>>();
    const keep = (key: string, xs: number[]) => {
      const set = seen.get(key) ?? new Set<number>();
      seen.set(key, set);
      const kept = xs.filter((x) => !set.has(x));
      for (const x of kept) set.add(x);
      return kept;
    };
    for (const b of beads) {
      const a = JSON.parse(b.a_sentences) as number[];
      const bb = JSON.parse(b.b_sentences) as number[];
      const na = b.a_doc === documentId ? keep(`${b.alignment_id}a`, remap(a)) : a;
      const nb = b.b_doc === documentId ? keep(`${b.alignment_id}b`, remap(bb)) : bb;
      if (same(a, na) && same(bb, nb)) continue;
      if (!na.length && !nb.length) {
        await this.db.run('DELETE FROM beads WHERE id = ?', [b.id]);
        continue;
      }
      const kind = b.kind === 'link' ? b.kind : `${na.length}-${nb.length}`;
      await this.db.run('UPDATE beads SET a_sentences = ?, b_sentences = ?, kind = ? WHERE id = ?', [JSON.stringify(na), JSON.stringify(nb), kind, b.id]);
    }
    const passages = await this.db.all<{ id: number; a_doc: number; b_doc: number; a_sentences: string; b_sentences: string }>(
      'SELECT id, a_doc, b_doc, a_sentences, b_sentences FROM passages WHERE a_doc = ? OR b_doc = ?',
      [documentId, documentId],
    );
    for (const p of passages) {
      const a = p.a_doc === documentId ? remap(JSON.parse(p.a_sentences) as number[]) : (JSON.parse(p.a_sentences) as number[]);
      const b = p.b_doc === documentId ? remap(JSON.parse(p.b_sentences) as number[]) : (JSON.parse(p.b_sentences) as number[]);
      await this.db.run('UPDATE passages SET a_sentences = ?, b_sentences = ? WHERE id = ?', [JSON.stringify(a), JSON.stringify(b), p.id]);
    }
  }
}
