// Analyst decisions on an alignment: bead actions and post-edits, each logged so it can be undone.
import { ApiError, type DecisionAction } from '../common/index.ts';
import { toBead, type BeadRow, type RawBead } from './alignments.ts';
import type { Connection } from './db.ts';
import { SentenceRevisions, type Reviser, type SentencePart, type SentenceSnapshot } from './sentence-revisions.ts';
import type { MemoryEntry } from './translations.ts';

export type { Reviser, SentencePart } from './sentence-revisions.ts';

type TranslationSnapshot = { sourceLang: string; memoryKey: string; sourceText: string; english: string | null; provenance: string | null };

/**
 * What a logged decision replaced (`before`) and wrote (`after`): beads of the alignment, the
 * post-edits of a row's translations, and a source sentence split or edited (with, after it, the
 * texts it left, so that an undo can see whether the sentence has changed since).
 */
/** What an undo changed, so that it can answer with the rows it changed. */
export interface Undone {
  action: DecisionAction;
  /** Beads it took out (the ones the decision wrote) and put back (the ones it replaced). */
  removed: number[];
  restored: number[];
  /** English it restored, by memory key: every row showing that sentence changes. */
  translations: { sourceLang: string; memoryKey: string }[];
  /** A source sentence it put back: a split undone renumbers the document's later sentences. */
  sentence?: { documentId: number; index: number; split: boolean };
}

interface UndoSnapshot {
  beads?: BeadRow[];
  /** One post-edit (logs from before row edits). */
  translation?: TranslationSnapshot;
  /** The post-edits of one row edit, in the order they were written. */
  translations?: TranslationSnapshot[];
  sentence?: SentenceSnapshot & { split?: boolean };
  texts?: string[];
}

/** A source edit's English carried over to the edited text, when the memory has none for it. */
export type CarriedEnglish = Omit<MemoryEntry, 'origin'> & { origin: 'human' };

export class Review {
  private readonly sentences: SentenceRevisions;

  constructor(private readonly db: Connection) {
    this.sentences = new SentenceRevisions(db);
  }

  /** Marks the alignment reviewed, drops what was undone (no redo), and logs the decision (inside a transaction). */
  private async log(alignmentId: number, action: DecisionAction, before: UndoSnapshot, after: UndoSnapshot): Promise<number> {
    await this.db.run('UPDATE alignments SET reviewed = 1 WHERE id = ?', [alignmentId]);
    await this.db.run('DELETE FROM review_log WHERE alignment_id = ? AND undone = 1', [alignmentId]);
    const { lastID } = await this.db.run('INSERT INTO review_log (alignment_id, action, before, after) VALUES (?, ?, ?, ?)', [
      alignmentId, action, JSON.stringify(before), JSON.stringify(after),
    ]);
    return lastID;
  }

  private async beads(alignmentId: number): Promise<BeadRow[]> {
    const rows = await this.db.all<RawBead>('SELECT id, pos, a_sentences, b_sentences, score, kind, status, origin FROM beads WHERE alignment_id = ? ORDER BY pos', [alignmentId]);
    return rows.map(toBead);
  }

  private async sentence(documentId: number, index: number): Promise<SentenceSnapshot> {
    const found = await this.sentences.snapshot(documentId, index);
    if (!found) throw new ApiError('not_found', `No sentence ${index} in document ${documentId}`);
    return found;
  }

  /**
   * Splits a source sentence in two, in one transaction with its log entry: later sentences are
   * renumbered in every alignment of the document, and this alignment's bead that held the
   * sentence (now both parts) goes back to pending as a human decision.
   */
  splitSentence(alignmentId: number, documentId: number, index: number, parts: [SentencePart, SentencePart], who: Reviser): Promise<number> {
    return this.db.transaction(async () => {
      const sentence = await this.sentence(documentId, index);
      const before = await this.beads(alignmentId);
      await this.sentences.split(sentence, parts[0], parts[1], who);
      const was = new Map(before.map((b) => [b.id, b]));
      const changed = (await this.beads(alignmentId)).filter((b) => {
        const old = was.get(b.id);
        return !old || JSON.stringify([old.a, old.b]) !== JSON.stringify([b.a, b.b]);
      });
      for (const b of changed) await this.db.run(`UPDATE beads SET status = 'pending', origin = 'human' WHERE id = ?`, [b.id]);
      return this.log(alignmentId, 'split-sentence', { sentence: { ...sentence, split: true }, beads: changed.map((b) => was.get(b.id)!) }, {
        texts: [parts[0].text, parts[1].text], beads: changed.map((b) => ({ ...b, status: 'pending' as const, origin: 'human' as const })),
      });
    });
  }

  /**
   * Replaces a source sentence's text, keeping the ingested one, in one transaction with its log
   * entry. `carry` is written as the edited text's English when the memory has none for it.
   */
  editSource(alignmentId: number, documentId: number, index: number, text: string, memoryKey: string, who: Reviser, carry: CarriedEnglish | null): Promise<number> {
    return this.db.transaction(async () => {
      const sentence = await this.sentence(documentId, index);
      await this.sentences.edit(sentence, text, memoryKey, who);
      let translation: TranslationSnapshot | undefined;
      if (carry && !(await this.db.get('SELECT 1 FROM translations WHERE source_lang = ? AND memory_key = ?', [carry.sourceLang, memoryKey]))) {
        await this.db.run(`INSERT INTO translations (source_lang, memory_key, source_text, english, origin, provenance) VALUES (?, ?, ?, ?, 'human', ?)`, [
          carry.sourceLang, memoryKey, text, carry.english, carry.provenance ?? null,
        ]);
        translation = { sourceLang: carry.sourceLang, memoryKey, sourceText: text, english: null, provenance: null };
      }
      return this.log(alignmentId, 'edit-source', { sentence, ...(translation ? { translation } : {}) }, { texts: [text] });
    });
  }

  /**
   * One analyst action on beads, in one transaction: `before` rows are removed, `after` rows
   * written (rows without an id get a new one), the alignment is marked reviewed, and the change is logged so it
   * can be undone (one step, however many beads). Returns the log id and the beads as written.
   */
  reviewBeads(alignmentId: number, action: DecisionAction, before: BeadRow[], after: (Omit<BeadRow, 'id'> & { id?: number })[]): Promise<{ logId: number; written: BeadRow[] }> {
    return this.db.transaction(async () => {
      for (const b of before) await this.db.run('DELETE FROM beads WHERE id = ? AND alignment_id = ?', [b.id, alignmentId]);
      const written: BeadRow[] = [];
      for (const b of after) {
        // A bead that only changes status keeps its id, so a client holding it can act again.
        const { lastID } = await this.db.run(
          'INSERT INTO beads (id, alignment_id, pos, a_sentences, b_sentences, score, kind, status, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [b.id ?? null, alignmentId, b.pos, JSON.stringify(b.a), JSON.stringify(b.b), b.score, b.kind, b.status, b.origin],
        );
        written.push({ ...b, id: lastID });
      }
      const logId = await this.log(alignmentId, action, { beads: before }, { beads: written });
      return { logId, written };
    });
  }

  /** A human post-edit of a sentence's English, logged against the alignment it was made in. */
  editTranslation(alignmentId: number, entry: MemoryEntry & { origin: 'human' }): Promise<number> {
    return this.editTranslations(alignmentId, [entry]);
  }

  /**
   * Human post-edits of several sentences' English (one row of a review), in one transaction and
   * logged as one decision, so one undo reverts them all.
   */
  editTranslations(alignmentId: number, entries: (MemoryEntry & { origin: 'human' })[]): Promise<number> {
    return this.db.transaction(async () => {
      const previous: TranslationSnapshot[] = [];
      for (const entry of entries) {
        const was = await this.db.get<{ english: string; provenance: string | null }>(
          `SELECT english, provenance FROM translations WHERE source_lang = ? AND memory_key = ? AND origin = 'human'`,
          [entry.sourceLang, entry.memoryKey],
        );
        previous.push({ sourceLang: entry.sourceLang, memoryKey: entry.memoryKey, sourceText: entry.sourceText, english: was?.english ?? null, provenance: was?.provenance ?? null });
        await this.db.run(
          `INSERT INTO translations (source_lang, memory_key, source_text, english, origin, provenance) VALUES (?, ?, ?, ?, 'human', ?)
           ON CONFLICT (source_lang, memory_key, origin, model_id, model_revision)
           DO UPDATE SET english = excluded.english, provenance = excluded.provenance, created_at = excluded.created_at`,
          [entry.sourceLang, entry.memoryKey, entry.sourceText, entry.english, entry.provenance ?? null],
        );
      }
      return this.log(alignmentId, 'edit', { translations: previous }, { translations: entries.map((e) => ({ english: e.english }) as TranslationSnapshot) });
    });
  }

  /** Puts back the human English a post-edit replaced (or removes it when there was none). */
  private async restoreTranslation(t: TranslationSnapshot): Promise<void> {
    if (t.english === null) {
      await this.db.run(`DELETE FROM translations WHERE source_lang = ? AND memory_key = ? AND origin = 'human'`, [t.sourceLang, t.memoryKey]);
    } else {
      await this.db.run(`UPDATE translations SET english = ?, provenance = ? WHERE source_lang = ? AND memory_key = ? AND origin = 'human'`, [t.english, t.provenance, t.sourceLang, t.memoryKey]);
    }
  }

  /** Reverts the latest action on an alignment that is not undone yet; null when there is none. */
  undoReview(alignmentId: number): Promise<Undone | null> {
    return this.db.transaction(async () => {
      const last = await this.db.get<{ id: number; action: DecisionAction; before: string; after: string }>(
        'SELECT id, action, before, after FROM review_log WHERE alignment_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1',
        [alignmentId],
      );
      if (!last) return null;
      const before = JSON.parse(last.before) as UndoSnapshot;
      const after = JSON.parse(last.after) as UndoSnapshot;
      if (before.sentence) await this.undoSentence(before.sentence, after.texts ?? []);
      // Logs written before row edits hold one `translation`; later ones a list, restored in
      // reverse so two sentences of one text end where they began.
      const translations = before.translations ?? (before.translation ? [before.translation] : []);
      for (const t of [...translations].reverse()) await this.restoreTranslation(t);
      if (before.beads || after.beads) await this.restoreBeads(alignmentId, before.beads ?? [], after.beads ?? []);
      await this.db.run('UPDATE review_log SET undone = 1 WHERE id = ?', [last.id]);
      const s = before.sentence;
      return {
        action: last.action,
        removed: (after.beads ?? []).map((b) => b.id),
        restored: (before.beads ?? []).map((b) => b.id),
        translations: translations.map((t) => ({ sourceLang: t.sourceLang, memoryKey: t.memoryKey })),
        ...(s ? { sentence: { documentId: s.documentId, index: s.index, split: !!s.split } } : {}),
      };
    });
  }

  /** Reverts a split or an edit, unless the sentence has changed since (in another alignment of its document). */
  private async undoSentence(s: SentenceSnapshot & { split?: boolean }, texts: string[]): Promise<void> {
    const now = await Promise.all(texts.map((_, k) => this.sentences.snapshot(s.documentId, s.index + k)));
    if (now.some((n, k) => n?.text !== texts[k])) {
      throw new ApiError('bad_request', `Sentence ${s.index} of document ${s.documentId} has changed since; undo that change first`);
    }
    if (s.split) await this.sentences.unsplit(s);
    else await this.sentences.restore(s);
  }

  /** Deletes the beads a decision wrote and puts back those it replaced (inside a transaction). */
  private async restoreBeads(alignmentId: number, before: BeadRow[], after: BeadRow[]): Promise<void> {
    for (const b of after) await this.db.run('DELETE FROM beads WHERE id = ? AND alignment_id = ?', [b.id, alignmentId]);
    for (const b of before) {
      await this.db.run(
        'INSERT INTO beads (id, alignment_id, pos, a_sentences, b_sentences, score, kind, status, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [b.id, alignmentId, b.pos, JSON.stringify(b.a), JSON.stringify(b.b), b.score, b.kind, b.status, b.origin],
      );
    }
  }
}
