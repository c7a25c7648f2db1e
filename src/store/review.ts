// Analyst decisions on an alignment: bead actions and post-edits, each logged so it can be undone.
import type { DecisionAction } from '../common/index.ts';
import type { BeadRow } from './alignments.ts';
import type { Connection } from './db.ts';
import type { MemoryEntry } from './translations.ts';

/** What an undo changed: the beads it took out and put back, or the translation it restored. */
export interface Undone {
  action: DecisionAction;
  removed: number[];
  restored: number[];
  translation?: { sourceLang: string; memoryKey: string };
}

interface UndoSnapshot {
  beads?: BeadRow[];
  translation?: { sourceLang: string; memoryKey: string; sourceText: string; english: string | null; provenance: string | null };
}

export class Review {
  constructor(private readonly db: Connection) {}

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
      await this.db.run('UPDATE alignments SET reviewed = 1 WHERE id = ?', [alignmentId]);
      await this.db.run('DELETE FROM review_log WHERE alignment_id = ? AND undone = 1', [alignmentId]);
      const { lastID } = await this.db.run('INSERT INTO review_log (alignment_id, action, before, after) VALUES (?, ?, ?, ?)', [
        alignmentId, action, JSON.stringify({ beads: before }), JSON.stringify({ beads: written }),
      ]);
      return { logId: lastID, written };
    });
  }

  /** A human post-edit of a sentence's English, logged against the alignment it was made in. */
  editTranslation(alignmentId: number, entry: MemoryEntry & { origin: 'human' }): Promise<number> {
    return this.db.transaction(async () => {
      const previous = await this.db.get<{ english: string; provenance: string | null }>(
        `SELECT english, provenance FROM translations WHERE source_lang = ? AND memory_key = ? AND origin = 'human'`,
        [entry.sourceLang, entry.memoryKey],
      );
      await this.db.run(
        `INSERT INTO translations (source_lang, memory_key, source_text, english, origin, provenance) VALUES (?, ?, ?, ?, 'human', ?)
         ON CONFLICT (source_lang, memory_key, origin, model_id, model_revision)
         DO UPDATE SET english = excluded.english, provenance = excluded.provenance, created_at = excluded.created_at`,
        [entry.sourceLang, entry.memoryKey, entry.sourceText, entry.english, entry.provenance ?? null],
      );
      await this.db.run('UPDATE alignments SET reviewed = 1 WHERE id = ?', [alignmentId]);
      await this.db.run('DELETE FROM review_log WHERE alignment_id = ? AND undone = 1', [alignmentId]);
      const { lastID } = await this.db.run('INSERT INTO review_log (alignment_id, action, before, after) VALUES (?, ?, ?, ?)', [
        alignmentId, 'edit',
        JSON.stringify({ translation: { sourceLang: entry.sourceLang, memoryKey: entry.memoryKey, sourceText: entry.sourceText, english: previous?.english ?? null, provenance: previous?.provenance ?? null } }),
        JSON.stringify({ translation: { english: entry.english } }),
      ]);
      return lastID;
    });
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
      const undone: Undone = { action: last.action, removed: (after.beads ?? []).map((b) => b.id), restored: (before.beads ?? []).map((b) => b.id) };
      if (before.translation) {
        undone.translation = { sourceLang: before.translation.sourceLang, memoryKey: before.translation.memoryKey };
        const t = before.translation;
        if (t.english === null) {
          await this.db.run(`DELETE FROM translations WHERE source_lang = ? AND memory_key = ? AND origin = 'human'`, [t.sourceLang, t.memoryKey]);
        } else {
          await this.db.run(`UPDATE translations SET english = ?, provenance = ? WHERE source_lang = ? AND memory_key = ? AND origin = 'human'`, [t.english, t.provenance, t.sourceLang, t.memoryKey]);
        }
      } else {
        for (const b of after.beads ?? []) await this.db.run('DELETE FROM beads WHERE id = ? AND alignment_id = ?', [b.id, alignmentId]);
        for (const b of before.beads ?? []) {
          await this.db.run(
            'INSERT INTO beads (id, alignment_id, pos, a_sentences, b_sentences, score, kind, status, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [b.id, alignmentId, b.pos, JSON.stringify(b.a), JSON.stringify(b.b), b.score, b.kind, b.status, b.origin],
          );
        }
      }
      await this.db.run('UPDATE review_log SET undone = 1 WHERE id = ?', [last.id]);
      return undone;
    });
  }
}
