// What matching reads (documents with their English and dates) and writes (fingerprints,
// scored pairs with evidence, repeated passages).
import type { Evidence } from '../match/index.ts';
import type { Connection } from './db.ts';
import type { MatchLevel } from '../common/index.ts';

export interface MatchInput {
  id: number;
  lang: string;
  title: string | null;
  published: string | null;
  eventDates: string[];
  sentences: { text: string; english: string | null }[];
}

export interface StoredMatch {
  a: number;
  b: number;
  score: number;
  level: MatchLevel;
  basis: string;
  /** as the match module wrote it (older Tandems wrote other shapes; readers check `label`) */
  evidence: Evidence[];
  /** why the pair has its level, in one sentence ('' for matches of an older Tandem) */
  summary: string;
  /** the document that contains the other as a part of itself (a roundup), if any */
  container?: number;
}

export interface StoredPassage {
  a: { doc: number; sentences: number[] };
  b: { doc: number; sentences: number[] };
  score: number;
}

export class Matches {
  constructor(private readonly db: Connection) {}

  /**
   * What matching reads about every supported document: sentences with their best English
   * (English documents are their own English), publication and event dates.
   */
  async matchInputs(documentIds?: number[]): Promise<MatchInput[]> {
    const only = documentIds ? `AND d.id IN (${documentIds.map(() => '?').join(',') || 'NULL'})` : '';
    const ids = documentIds ?? [];
    const docs = await this.db.all<{ id: number; lang: string; title: string | null; published: string | null }>(
      `SELECT d.id, d.lang, d.title, d.published FROM documents d WHERE d.status = 'ingested' ${only} ORDER BY d.id`,
      ids,
    );
    const dates = await this.db.all<{ document_id: number; iso: string }>(
      `SELECT DISTINCT document_id, iso FROM dates d WHERE 1 = 1 ${only.replace('d.id', 'd.document_id')} ORDER BY document_id, iso`,
      ids,
    );
    const sentences = await this.db.all<{ document_id: number; text: string; english: string | null }>(
      `SELECT s.document_id, s.text,
              CASE WHEN d.lang = 'en' THEN s.text ELSE (SELECT t.english FROM translations t
                 WHERE t.source_lang = d.lang AND t.memory_key = s.memory_key
                 ORDER BY CASE t.origin WHEN 'human' THEN 0 WHEN 'imported' THEN 1 ELSE 2 END, t.id DESC LIMIT 1) END AS english
         FROM sentences s JOIN documents d ON d.id = s.document_id
        WHERE d.status = 'ingested' ${only} ORDER BY s.document_id, s.idx`,
      ids,
    );
    const byId = new Map(docs.map((d) => [d.id, { ...d, eventDates: [] as string[], sentences: [] as { text: string; english: string | null }[] }]));
    for (const d of dates) byId.get(d.document_id)?.eventDates.push(d.iso);
    for (const s of sentences) byId.get(s.document_id)?.sentences.push({ text: s.text, english: s.english });
    return [...byId.values()];
  }

  async fingerprints(): Promise<Map<number, { sourceHash: string; data: string }>> {
    const rows = await this.db.all<{ document_id: number; source_hash: string; data: string }>('SELECT document_id, source_hash, data FROM fingerprints');
    return new Map(rows.map((r) => [r.document_id, { sourceHash: r.source_hash, data: r.data }]));
  }

  /**
   * Replaces, in one transaction, the fingerprints of `changed` documents and every match and
   * passage that involves them, with freshly computed ones.
   */
  replaceMatches(update: {
    fingerprints: { documentId: number; sourceHash: string; data: string }[];
    matches: StoredMatch[];
    passages: StoredPassage[];
  }): Promise<void> {
    return this.db.transaction(async () => {
      const ids = update.fingerprints.map((f) => f.documentId);
      for (const id of ids) {
        await this.db.run('DELETE FROM matches WHERE a = ? OR b = ?', [id, id]);
        await this.db.run('DELETE FROM passages WHERE a_doc = ? OR b_doc = ?', [id, id]);
      }
      for (const f of update.fingerprints) {
        await this.db.run(
          'INSERT INTO fingerprints (document_id, source_hash, data) VALUES (?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET source_hash = excluded.source_hash, data = excluded.data',
          [f.documentId, f.sourceHash, f.data],
        );
      }
      for (const m of update.matches) {
        const [a, b] = m.a < m.b ? [m.a, m.b] : [m.b, m.a];
        await this.db.run(
          `INSERT INTO matches (a, b, score, level, basis, evidence, summary, container) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (a, b) DO UPDATE SET score = excluded.score, level = excluded.level, basis = excluded.basis,
             evidence = excluded.evidence, summary = excluded.summary, container = excluded.container, computed_at = excluded.computed_at`,
          [a, b, m.score, m.level, m.basis, JSON.stringify(m.evidence), m.summary, m.container ?? null],
        );
      }
      for (const p of update.passages) {
        await this.db.run('INSERT INTO passages (a_doc, a_sentences, b_doc, b_sentences, score) VALUES (?, ?, ?, ?, ?)', [
          p.a.doc, JSON.stringify(p.a.sentences), p.b.doc, JSON.stringify(p.b.sentences), p.score,
        ]);
      }
    });
  }

  async matches(filter: { documentId?: number } = {}): Promise<StoredMatch[]> {
    const rows = await this.db.all<Omit<StoredMatch, 'evidence' | 'container'> & { evidence: string; container: number | null }>(
      `SELECT a, b, score, level, basis, evidence, summary, container FROM matches ${filter.documentId ? 'WHERE a = ? OR b = ?' : ''} ORDER BY score DESC, a, b`,
      filter.documentId ? [filter.documentId, filter.documentId] : [],
    );
    return rows.map(({ container, ...r }) => ({ ...r, evidence: JSON.parse(r.evidence) as Evidence[], ...(container === null ? {} : { container }) }));
  }

  async passages(filter: { documentId?: number } = {}): Promise<StoredPassage[]> {
    const rows = await this.db.all<{ a_doc: number; a_sentences: string; b_doc: number; b_sentences: string; score: number }>(
      `SELECT a_doc, a_sentences, b_doc, b_sentences, score FROM passages ${filter.documentId ? 'WHERE a_doc = ? OR b_doc = ?' : ''} ORDER BY a_doc, b_doc, id`,
      filter.documentId ? [filter.documentId, filter.documentId] : [],
    );
    return rows.map((r) => ({
      a: { doc: r.a_doc, sentences: JSON.parse(r.a_sentences) as number[] },
      b: { doc: r.b_doc, sentences: JSON.parse(r.b_sentences) as number[] },
      score: r.score,
    }));
  }
}
