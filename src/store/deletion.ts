// Deleting documents: what goes with them (counted before, so the analyst can be told), and the
// delete itself in one transaction. Everything that refers to a document goes: its paragraphs,
// sentences, dates, fingerprint, matches, repeated passages, story memberships and story
// decisions, and every alignment it is a side of with that alignment's beads and review log.
// The translation memory stays: it is keyed by text, not by document.
//
// The schema cascades all of this from `documents`, but each table is deleted from explicitly, in
// child-before-parent order: the counts are what was really removed, and triggers on a table (a
// search index kept in step with `sentences`) see ordinary DELETE statements.
import type { Connection } from './db.ts';
import type { DeletionCounts } from '../common/index.ts';

const IDS = 'SELECT value FROM json_each(?)';

/** Each count with the statement that removes what it counts; in the order the deletes run. */
const STEPS: { key: keyof DeletionCounts | null; count: string; remove: string }[] = [
  {
    key: 'reviewDecisions',
    count: `SELECT count(*) AS n FROM review_log WHERE undone = 0 AND alignment_id IN (SELECT id FROM alignments WHERE a_doc IN (${IDS}) OR b_doc IN (${IDS}))`,
    remove: `DELETE FROM review_log WHERE alignment_id IN (SELECT id FROM alignments WHERE a_doc IN (${IDS}) OR b_doc IN (${IDS}))`,
  },
  {
    key: null,
    count: '',
    remove: `DELETE FROM beads WHERE alignment_id IN (SELECT id FROM alignments WHERE a_doc IN (${IDS}) OR b_doc IN (${IDS}))`,
  },
  { key: 'alignments', count: `SELECT count(*) AS n FROM alignments WHERE a_doc IN (${IDS}) OR b_doc IN (${IDS})`, remove: `DELETE FROM alignments WHERE a_doc IN (${IDS}) OR b_doc IN (${IDS})` },
  { key: 'passages', count: `SELECT count(*) AS n FROM passages WHERE a_doc IN (${IDS}) OR b_doc IN (${IDS})`, remove: `DELETE FROM passages WHERE a_doc IN (${IDS}) OR b_doc IN (${IDS})` },
  { key: 'matches', count: `SELECT count(*) AS n FROM matches WHERE a IN (${IDS}) OR b IN (${IDS})`, remove: `DELETE FROM matches WHERE a IN (${IDS}) OR b IN (${IDS})` },
  { key: 'storyMemberships', count: `SELECT count(*) AS n FROM story_members WHERE document_id IN (${IDS})`, remove: `DELETE FROM story_members WHERE document_id IN (${IDS})` },
  { key: 'storyDecisions', count: `SELECT count(*) AS n FROM story_decisions WHERE a IN (${IDS}) OR b IN (${IDS})`, remove: `DELETE FROM story_decisions WHERE a IN (${IDS}) OR b IN (${IDS})` },
  { key: null, count: '', remove: `DELETE FROM fingerprints WHERE document_id IN (${IDS})` },
  { key: null, count: '', remove: `DELETE FROM dates WHERE document_id IN (${IDS})` },
  { key: 'sentences', count: `SELECT count(*) AS n FROM sentences WHERE document_id IN (${IDS})`, remove: `DELETE FROM sentences WHERE document_id IN (${IDS})` },
  { key: null, count: '', remove: `DELETE FROM paragraphs WHERE document_id IN (${IDS})` },
  { key: 'documents', count: `SELECT count(*) AS n FROM documents WHERE id IN (${IDS})`, remove: `DELETE FROM documents WHERE id IN (${IDS})` },
];

/** A statement's parameters: the id list once per placeholder. */
function params(sql: string, ids: string): string[] {
  return Array.from({ length: sql.split('?').length - 1 }, () => ids);
}

export class Deletion {
  constructor(private readonly db: Connection) {}

  /** What deleting these documents would remove; nothing is changed. */
  async deletionCounts(documentIds: readonly number[]): Promise<DeletionCounts> {
    const ids = JSON.stringify([...new Set(documentIds)]);
    const counts = emptyCounts();
    for (const step of STEPS) {
      if (!step.key) continue;
      counts[step.key] = (await this.db.get<{ n: number }>(step.count, params(step.count, ids)))?.n ?? 0;
    }
    return counts;
  }

  /**
   * Deletes the documents and everything that refers to them, in one transaction; returns what
   * went. `then` runs inside the same transaction after the deletes (the stories clustered again),
   * so the deletes and what follows from them are committed together or not at all.
   */
  deleteDocuments(documentIds: readonly number[], then?: () => Promise<unknown>): Promise<DeletionCounts> {
    return this.db.transaction(async () => {
      const counts = await this.deletionCounts(documentIds);
      const ids = JSON.stringify([...new Set(documentIds)]);
      for (const step of STEPS) await this.db.run(step.remove, params(step.remove, ids));
      await then?.();
      return counts;
    });
  }
}

function emptyCounts(): DeletionCounts {
  return { documents: 0, sentences: 0, alignments: 0, reviewDecisions: 0, storyDecisions: 0, matches: 0, passages: 0, storyMemberships: 0 };
}
