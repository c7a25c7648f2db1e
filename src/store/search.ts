// Full-text search over sentences and their English (the FTS5 indexes of migration 0006, which
// triggers keep in step with every write). A search ranks in SQL and reads only the hits it
// answers with; a sentence's English is its best translation, the one the document shows.
import type { SearchHit, SearchResult } from '../common/index.ts';
import type { Connection } from './db.ts';
import { bestTranslationOrder } from './documents.ts';
import { highlight, parseQuery } from './search-query.ts';

export interface SearchQuery {
  query: string;
  lang?: string;
  side: 'original' | 'english' | 'both';
  limit: number;
}

type Ranked = { sentenceId: number; score: number; side: 'original' | 'english' };

export class Search {
  constructor(private readonly db: Connection) {}

  /** Hits best first (bm25); throws ApiError('bad_request') for a query with nothing to search. */
  async search(q: SearchQuery): Promise<SearchResult> {
    const parsed = parseQuery(q.query);
    const wanted = q.limit + 1;
    const ranked: Ranked[] = [];
    if (q.side !== 'english') ranked.push(...await this.rankOriginals(parsed.match, q.lang, wanted));
    if (q.side !== 'original') ranked.push(...await this.rankEnglish(parsed.match, q.lang, wanted));
    ranked.sort((a, b) => a.score - b.score || a.sentenceId - b.sentenceId);
    const top = ranked.slice(0, q.limit);
    const rows = await this.details(top.map((r) => r.sentenceId));
    const hits: SearchHit[] = [];
    for (const r of top) {
      const row = rows.get(r.sentenceId);
      if (!row) continue;
      const [text, other] = r.side === 'original' ? [row.text, row.english] : [row.english ?? '', row.text];
      hits.push({
        documentId: row.documentId, title: row.title, fileName: row.fileName, lang: row.lang, sentence: row.sentence,
        side: r.side, segments: highlight(text, parsed.words), other, score: r.score,
      });
    }
    return { hits, more: ranked.length > q.limit, terms: parsed.words.map((w) => (w.prefix ? `${w.word}*` : w.word)) };
  }

  private async rankOriginals(match: string, lang: string | undefined, limit: number): Promise<Ranked[]> {
    const rows = lang
      ? await this.db.all<Ranked>(
        `SELECT f.rowid AS sentenceId, f.rank AS score FROM sentence_search f
           JOIN sentences s ON s.id = f.rowid JOIN documents d ON d.id = s.document_id
          WHERE sentence_search MATCH ? AND d.lang = ? ORDER BY f.rank LIMIT ?`, [match, lang, limit])
      : await this.db.all<Ranked>('SELECT rowid AS sentenceId, rank AS score FROM sentence_search WHERE sentence_search MATCH ? ORDER BY rank LIMIT ?', [match, limit]);
    return rows.map((r) => ({ ...r, side: 'original' }));
  }

  /** English hits are translations; each counts for the sentences that show it as their English. */
  private async rankEnglish(match: string, lang: string | undefined, limit: number): Promise<Ranked[]> {
    const rows = await this.db.all<Ranked>(
      `SELECT s.id AS sentenceId, f.rank AS score FROM english_search f
         JOIN translations t ON t.id = f.rowid
         JOIN sentences s ON s.memory_key = t.memory_key
         JOIN documents d ON d.id = s.document_id AND d.lang = t.source_lang
        WHERE english_search MATCH ? ${lang ? 'AND d.lang = ?' : ''}
          AND t.id = (SELECT b.id FROM translations b WHERE b.source_lang = t.source_lang AND b.memory_key = t.memory_key ${bestTranslationOrder('b')} LIMIT 1)
        ORDER BY f.rank, s.id LIMIT ?`,
      lang ? [match, lang, limit] : [match, limit],
    );
    return rows.map((r) => ({ ...r, side: 'english' }));
  }

  private async details(sentenceIds: number[]) {
    type Row = { id: number; documentId: number; title: string | null; fileName: string; lang: string | null; sentence: number; text: string; english: string | null };
    const rows = sentenceIds.length ? await this.db.all<Row>(
      `SELECT s.id, s.document_id AS documentId, d.title, d.file_name AS fileName, d.lang, s.idx AS sentence, s.text,
              (SELECT t.english FROM translations t WHERE t.source_lang = d.lang AND t.memory_key = s.memory_key ${bestTranslationOrder('t')} LIMIT 1) AS english
         FROM sentences s JOIN documents d ON d.id = s.document_id
        WHERE s.id IN (SELECT value FROM json_each(?))`,
      [JSON.stringify([...new Set(sentenceIds)])],
    ) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }
}
