// Sentence alignments of a pair (or of one document with its English) and their beads.
import { CancelledError, type AlignmentMode, type RowStatus } from '../common/index.ts';
import type { Connection } from './db.ts';

export type { AlignmentMode };

export interface BeadRow {
  id: number;
  pos: number;
  a: number[];
  b: number[];
  score: number;
  kind: string;
  status: RowStatus;
  origin: 'auto' | 'human';
}

export interface StoredAlignment {
  id: number;
  aDoc: number;
  bDoc: number;
  mode: AlignmentMode;
  sourceHash: string;
  reviewed: boolean;
  createdAt: string;
  beads: BeadRow[];
}

export type RawBead = { id: number; pos: number; a_sentences: string; b_sentences: string; score: number; kind: string; status: BeadRow['status']; origin: BeadRow['origin'] };

const BEAD_COLUMNS = 'id, pos, a_sentences, b_sentences, score, kind, status, origin';

export function toBead(r: RawBead): BeadRow {
  return { id: r.id, pos: r.pos, a: JSON.parse(r.a_sentences) as number[], b: JSON.parse(r.b_sentences) as number[], score: r.score, kind: r.kind, status: r.status, origin: r.origin };
}

export class Alignments {
  constructor(private readonly db: Connection) {}

  async alignmentId(aDoc: number, bDoc: number, mode: AlignmentMode): Promise<number | null> {
    return (await this.db.get<{ id: number }>('SELECT id FROM alignments WHERE a_doc = ? AND b_doc = ? AND mode = ?', [aDoc, bDoc, mode]))?.id ?? null;
  }

  async alignment(id: number): Promise<StoredAlignment | null> {
    const row = await this.db.get<{ id: number; a_doc: number; b_doc: number; mode: AlignmentMode; source_hash: string; reviewed: number; created_at: string }>(
      'SELECT id, a_doc, b_doc, mode, source_hash, reviewed, created_at FROM alignments WHERE id = ?',
      [id],
    );
    if (!row) return null;
    return {
      id: row.id, aDoc: row.a_doc, bDoc: row.b_doc, mode: row.mode, sourceHash: row.source_hash, reviewed: row.reviewed === 1,
      createdAt: row.created_at, beads: await this.beads(id),
    };
  }

  /** An alignment without its beads (a decision reads only the beads it touches). */
  async alignmentInfo(id: number): Promise<Omit<StoredAlignment, 'beads'> | null> {
    const r = await this.db.get<{ id: number; a_doc: number; b_doc: number; mode: AlignmentMode; source_hash: string; reviewed: number; created_at: string }>(
      'SELECT id, a_doc, b_doc, mode, source_hash, reviewed, created_at FROM alignments WHERE id = ?',
      [id],
    );
    return r ? { id: r.id, aDoc: r.a_doc, bDoc: r.b_doc, mode: r.mode, sourceHash: r.source_hash, reviewed: r.reviewed === 1, createdAt: r.created_at } : null;
  }

  /** The beads of an alignment with these ids, in order. */
  async beadsById(alignmentId: number, ids: readonly number[]): Promise<BeadRow[]> {
    if (!ids.length) return [];
    const rows = await this.db.all<RawBead>(
      `SELECT ${BEAD_COLUMNS} FROM beads WHERE alignment_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY pos`,
      [alignmentId, JSON.stringify(ids)],
    );
    return rows.map(toBead);
  }

  /** A bead and the one after it (null at the end); null when the alignment has no such bead. */
  async beadAndNext(alignmentId: number, beadId: number): Promise<{ bead: BeadRow; next: BeadRow | null } | null> {
    const bead = await this.db.get<RawBead>(`SELECT ${BEAD_COLUMNS} FROM beads WHERE alignment_id = ? AND id = ?`, [alignmentId, beadId]);
    if (!bead) return null;
    const next = await this.db.get<RawBead>(`SELECT ${BEAD_COLUMNS} FROM beads WHERE alignment_id = ? AND pos > ? ORDER BY pos LIMIT 1`, [alignmentId, bead.pos]);
    return { bead: toBead(bead), next: next ? toBead(next) : null };
  }

  /** The beads holding any of these sentences on one side, in order. */
  async beadsHolding(alignmentId: number, side: 'a' | 'b', indices: readonly number[]): Promise<BeadRow[]> {
    if (!indices.length) return [];
    const column = side === 'a' ? 'a_sentences' : 'b_sentences';
    const rows = await this.db.all<RawBead>(
      `SELECT ${BEAD_COLUMNS} FROM beads WHERE alignment_id = ? AND EXISTS (SELECT 1 FROM json_each(${column}) j WHERE j.value IN (SELECT value FROM json_each(?))) ORDER BY pos`,
      [alignmentId, JSON.stringify(indices)],
    );
    return rows.map(toBead);
  }

  /** Beads by review status. */
  async beadCounts(alignmentId: number): Promise<Record<RowStatus, number>> {
    const counts: Record<RowStatus, number> = { pending: 0, accepted: 0, rejected: 0 };
    for (const r of await this.db.all<{ status: RowStatus; n: number }>('SELECT status, count(*) AS n FROM beads WHERE alignment_id = ? GROUP BY status', [alignmentId])) counts[r.status] = r.n;
    return counts;
  }

  async alignments(): Promise<Omit<StoredAlignment, 'beads'>[]> {
    const rows = await this.db.all<{ id: number; a_doc: number; b_doc: number; mode: AlignmentMode; source_hash: string; reviewed: number; created_at: string }>(
      'SELECT id, a_doc, b_doc, mode, source_hash, reviewed, created_at FROM alignments ORDER BY id',
    );
    return rows.map((r) => ({ id: r.id, aDoc: r.a_doc, bDoc: r.b_doc, mode: r.mode, sourceHash: r.source_hash, reviewed: r.reviewed === 1, createdAt: r.created_at }));
  }

  private async beads(alignmentId: number): Promise<BeadRow[]> {
    const rows = await this.db.all<RawBead>(
      'SELECT id, pos, a_sentences, b_sentences, score, kind, status, origin FROM beads WHERE alignment_id = ? ORDER BY pos',
      [alignmentId],
    );
    return rows.map(toBead);
  }

  /**
   * Stores a freshly computed alignment of a pair in one mode, replacing the previous one unless an
   * analyst has reviewed it: reviewed alignments are never overwritten by a run.
   */
  /** Stores an alignment, unless `signal` was aborted by the time its transaction begins (nothing is written then). */
  saveAlignment(a: { aDoc: number; bDoc: number; mode: AlignmentMode; sourceHash: string; beads: { a: number[]; b: number[]; score: number; kind: string }[] }, signal?: AbortSignal): Promise<number> {
    return this.db.transaction(async () => {
      if (signal?.aborted) throw new CancelledError();
      const old = await this.db.get<{ id: number; reviewed: number }>('SELECT id, reviewed FROM alignments WHERE a_doc = ? AND b_doc = ? AND mode = ?', [a.aDoc, a.bDoc, a.mode]);
      if (old?.reviewed) return old.id;
      if (old) await this.db.run('DELETE FROM alignments WHERE id = ?', [old.id]);
      const { lastID } = await this.db.run('INSERT INTO alignments (a_doc, b_doc, mode, source_hash) VALUES (?, ?, ?, ?)', [a.aDoc, a.bDoc, a.mode, a.sourceHash]);
      for (const [pos, b] of a.beads.entries()) {
        await this.db.run('INSERT INTO beads (alignment_id, pos, a_sentences, b_sentences, score, kind) VALUES (?, ?, ?, ?, ?, ?)', [
          lastID, pos, JSON.stringify(b.a), JSON.stringify(b.b), b.score, b.kind,
        ]);
      }
      return lastID;
    });
  }
}
