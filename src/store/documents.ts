// Documents as ingested: the row, its text, paragraphs and sentences (each with its best English).
import type { Connection } from './db.ts';
import type { SentenceRevision, TranslationOrigin } from '../common/index.ts';

export interface NewDocument {
  contentHash: string;
  path: string;
  fileName: string;
  format: 'text' | 'html' | 'lines';
  encoding: string;
  byteSize: number;
  status: 'ingested' | 'unsupported';
  lang: string | null;
  langConfidence: number;
  detectedLang: string | null;
  title: string | null;
  published: string | null;
  text: string;
  warnings: string[];
  paragraphs: { start: number; end: number; text: string; dropped: string | null }[];
  /** Content sentences in document order; `paragraph` indexes `paragraphs`. */
  sentences: { paragraph: number; start: number; end: number; text: string; memoryKey: string }[];
  dates: { iso: string; precision: string; kind: string; start: number; end: number; text: string }[];
}

/** A stored document as listed: what ingest recorded of it, without its text, and its counts. */
export interface DocumentRow extends Pick<NewDocument, 'path' | 'fileName' | 'encoding' | 'byteSize' | 'status' | 'lang' | 'langConfidence' | 'detectedLang' | 'title' | 'published' | 'warnings'> {
  id: number;
  format: string;
  sentenceCount: number;
  translatedCount: number;
  createdAt: string;
}

export interface SentenceRow {
  id: number;
  index: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  translation: string | null;
  origin: TranslationOrigin | null;
  /** Where that English came from: a memory file's name (with a note when it was joined or split), 'review', ... */
  provenance: string | null;
  /** The memory key of the text (its normalized form). */
  memoryKey: string;
  /** When the analyst split or edited the sentence: the ingested sentence it came from, and who, when and why. */
  revision: { kind: SentenceRevision; original: string; by: string | null; at: string | null; why: string | null } | null;
}

export interface ParagraphRow {
  index: number;
  start: number;
  end: number;
  text: string;
  dropped: string | null;
}

/** Which translation of a text a sentence shows: human > imported > model (newest first within an origin). */
export const bestTranslationOrder = (t: string) => `ORDER BY CASE ${t}.origin WHEN 'human' THEN 0 WHEN 'imported' THEN 1 ELSE 2 END, ${t}.id DESC`;

// Best translation of a sentence (aliases s and d).
const BEST_TRANSLATION = `
  (SELECT t.english || char(31) || t.origin || char(31) || coalesce(t.provenance, '') FROM translations t
    WHERE t.source_lang = d.lang AND t.memory_key = s.memory_key
    ${bestTranslationOrder('t')}
    LIMIT 1)`;

const DOCUMENT_COLUMNS = `
  d.id, d.path, d.file_name AS fileName, d.format, d.encoding, d.byte_size AS byteSize, d.status,
  d.lang, d.lang_confidence AS langConfidence, d.detected_lang AS detectedLang, d.title,
  d.published, d.warnings, d.created_at AS createdAt,
  (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) AS sentenceCount,
  (SELECT count(*) FROM sentences s WHERE s.document_id = d.id AND EXISTS (
     SELECT 1 FROM translations t WHERE t.source_lang = d.lang AND t.memory_key = s.memory_key)) AS translatedCount`;

/** The revision columns of a sentence (alias s), as read by RawRevision. */
export const REVISION_COLUMNS = 's.revision, s.original_text AS originalText, s.revised_by AS revisedBy, s.revised_at AS revisedAt, s.revised_why AS revisedWhy';
export type RawRevision = { revision: SentenceRevision | null; originalText: string | null; revisedBy: string | null; revisedAt: string | null; revisedWhy: string | null };

export function toRevision(r: RawRevision): SentenceRow['revision'] {
  return r.revision === null ? null : { kind: r.revision, original: r.originalText ?? '', by: r.revisedBy, at: r.revisedAt, why: r.revisedWhy };
}

type RawDocument = Omit<DocumentRow, 'warnings'> & { warnings: string };

function toDocument(raw: RawDocument): DocumentRow {
  return { ...raw, warnings: JSON.parse(raw.warnings) as string[] };
}

export class Documents {
  constructor(private readonly db: Connection) {}

  async documentIdByHash(contentHash: string): Promise<number | null> {
    const row = await this.db.get<{ id: number }>('SELECT id FROM documents WHERE content_hash = ?', [contentHash]);
    return row?.id ?? null;
  }

  /** Writes a document with its paragraphs, sentences and dates in one transaction. */
  insertDocument(doc: NewDocument): Promise<number> {
    return this.db.transaction(async () => {
      const { lastID: documentId } = await this.db.run(
        `INSERT INTO documents (content_hash, path, file_name, format, encoding, byte_size, status, lang,
           lang_confidence, detected_lang, title, published, text, warnings)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [doc.contentHash, doc.path, doc.fileName, doc.format, doc.encoding, doc.byteSize, doc.status, doc.lang,
          doc.langConfidence, doc.detectedLang, doc.title, doc.published, doc.text, JSON.stringify(doc.warnings)],
      );
      // Many rows per statement: each statement is a round trip to SQLite's thread, and a long
      // article has tens of thousands of sentences.
      await this.insertRows('paragraphs', ['document_id', 'idx', 'start', 'end', 'text', 'dropped'],
        doc.paragraphs.map((p, idx) => [documentId, idx, p.start, p.end, p.text, p.dropped]));
      const paragraphIds = (await this.db.all<{ id: number }>('SELECT id FROM paragraphs WHERE document_id = ? ORDER BY idx', [documentId])).map((r) => r.id);
      await this.insertRows('sentences', ['document_id', 'paragraph_id', 'idx', 'start', 'end', 'text', 'memory_key'], doc.sentences.map((s, idx) => {
        const paragraphId = paragraphIds[s.paragraph];
        if (paragraphId === undefined) throw new Error(`sentence ${idx} points at missing paragraph ${s.paragraph}`);
        return [documentId, paragraphId, idx, s.start, s.end, s.text, s.memoryKey];
      }));
      await this.insertRows('dates', ['document_id', 'iso', 'precision', 'kind', 'start', 'end', 'text'],
        doc.dates.map((d) => [documentId, d.iso, d.precision, d.kind, d.start, d.end, d.text]));
      return documentId;
    });
  }

  /** Inserts rows a few hundred per statement; call inside a transaction. */
  private async insertRows(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    const perStatement = Math.max(1, Math.floor(900 / columns.length));
    const row = `(${columns.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      await this.db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => row).join(', ')}`, chunk.flat());
    }
  }

  async listDocuments(): Promise<DocumentRow[]> {
    const rows = await this.db.all<RawDocument>(`SELECT ${DOCUMENT_COLUMNS} FROM documents d ORDER BY d.id`);
    return rows.map(toDocument);
  }

  async document(id: number): Promise<DocumentRow | null> {
    const row = await this.db.get<RawDocument>(`SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ?`, [id]);
    return row ? toDocument(row) : null;
  }

  async documentText(id: number): Promise<string | null> {
    return (await this.db.get<{ text: string }>('SELECT text FROM documents WHERE id = ?', [id]))?.text ?? null;
  }

  async paragraphs(documentId: number): Promise<ParagraphRow[]> {
    return this.db.all<ParagraphRow>(
      'SELECT idx AS "index", start, end, text, dropped FROM paragraphs WHERE document_id = ? ORDER BY idx',
      [documentId],
    );
  }

  async sentences(documentId: number): Promise<SentenceRow[]> {
    return this.sentenceRows(documentId, '', []);
  }

  /** Only the sentences at these indices, in order (a decision's rows need a few, not the document). */
  async sentencesAt(documentId: number, indices: readonly number[]): Promise<SentenceRow[]> {
    if (!indices.length) return [];
    return this.sentenceRows(documentId, 'AND s.idx IN (SELECT value FROM json_each(?))', [JSON.stringify(indices)]);
  }

  /** The indices of a document's sentences with this translation-memory key. */
  async sentenceIndicesByKey(documentId: number, memoryKey: string): Promise<number[]> {
    const rows = await this.db.all<{ idx: number }>('SELECT idx FROM sentences WHERE document_id = ? AND memory_key = ? ORDER BY idx', [documentId, memoryKey]);
    return rows.map((r) => r.idx);
  }

  private async sentenceRows(documentId: number, where: string, params: unknown[]): Promise<SentenceRow[]> {
    type Raw = Omit<SentenceRow, 'translation' | 'origin' | 'revision'> & { best: string | null } & RawRevision;
    const rows = await this.db.all<Raw>(
      `SELECT s.id, s.idx AS "index", p.idx AS paragraph, s.start, s.end, s.text, s.memory_key AS memoryKey, ${REVISION_COLUMNS}, ${BEST_TRANSLATION} AS best
         FROM sentences s JOIN paragraphs p ON p.id = s.paragraph_id JOIN documents d ON d.id = s.document_id
        WHERE s.document_id = ? ${where} ORDER BY s.idx`,
      [documentId, ...params],
    );
    return rows.map(({ best, revision, originalText, revisedBy, revisedAt, revisedWhy, ...s }) => {
      const revised = { ...s, revision: toRevision({ revision, originalText, revisedBy, revisedAt, revisedWhy }) };
      if (best === null) return { ...revised, translation: null, origin: null, provenance: null };
      const cut2 = best.lastIndexOf('\u001f');
      const cut = best.lastIndexOf('\u001f', cut2 - 1);
      const provenance = best.slice(cut2 + 1);
      return { ...revised, translation: best.slice(0, cut), origin: best.slice(cut + 1, cut2) as SentenceRow['origin'], provenance: provenance || null };
    });
  }
}
