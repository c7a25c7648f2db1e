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

  /**
   * The index ranks alone (FTS5's own ORDER BY rank LIMIT, the fast path), a page at a time, best
   * first; `keep` turns a page of index rows into hits, dropping what the filters exclude. Pages
   * grow until there are enough hits or no more index rows, so a filter that drops most rows still
   * answers the true best ones.
   */
  private async ranked(index: 'sentence_search' | 'english_search', match: string, limit: number,
    keep: (rows: { id: number; score: number }[]) => Promise<Ranked[]>): Promise<Ranked[]> {
    const out: Ranked[] = [];
    for (let offset = 0, page = Math.max(64, 2 * limit); out.length < limit; offset += page, page *= 4) {
      const rows = await this.db.all<{ id: number; score: number }>(
        `SELECT rowid AS id, rank AS score FROM ${index} WHERE ${index} MATCH ? ORDER BY rank LIMIT ? OFFSET ?`, [match, page, offset]);
      out.push(...await keep(rows));
      if (rows.length < page) break;
    }
    return out.slice(0, limit);
  }

  private rankOriginals(match: string, lang: string | undefined, limit: number): Promise<Ranked[]> {
    return this.ranked('sentence_search', match, limit, async (rows) => {
      if (!lang) return rows.map((r) => ({ sentenceId: r.id, score: r.score, side: 'original' as const }));
      const inLang = new Set((await this.db.all<{ id: number }>(
        `SELECT s.id FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id IN (SELECT value FROM json_each(?)) AND d.lang = ?`,
        [JSON.stringify(rows.map((r) => r.id)), lang])).map((r) => r.id));
      return rows.filter((r) => inLang.has(r.id)).map((r) => ({ sentenceId: r.id, score: r.score, side: 'original' as const }));
    });
  }

  /**
   * English hits are translations; each counts for the sentences that show it as their English
   * (its best translation: a human edit hides the model's wording), in documents of the language.
   */
  private rankEnglish(match: string, lang: string | undefined, limit: number): Promise<Ranked[]> {
    return this.ranked('english_search', match, limit, async (rows) => {
      const score = new Map(rows.map((r) => [r.id, r.score]));
      const shown = await this.db.all<{ translationId: number; sentenceId: number }>(
        `SELECT t.id AS translationId, s.id AS sentenceId FROM translations t
           JOIN sentences s ON s.memory_key = t.memory_key
           JOIN documents d ON d.id = s.document_id AND d.lang = t.source_lang
          WHERE t.id IN (SELECT value FROM json_each(?)) ${lang ? 'AND d.lang = ?' : ''}
            AND t.id = (SELECT b.id FROM translations b WHERE b.source_lang = t.source_lang AND b.memory_key = t.memory_key ${bestTranslationOrder('b')} LIMIT 1)`,
        lang ? [JSON.stringify([...score.keys()]), lang] : [JSON.stringify([...score.keys()])],
      );
      return shown.map((r) => ({ sentenceId: r.sentenceId, score: score.get(r.translationId)!, side: 'english' as const }))
        .sort((a, b) => a.score - b.score || a.sentenceId - b.sentenceId);
    });
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
