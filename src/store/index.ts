// The store: every SQL query Tandem runs lives in this file, and every multi-row write runs in a
// transaction. Callers get plain objects, never statements.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from './db.ts';
import { migrations } from './migrations/index.ts';

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

export interface DocumentRow {
  id: number;
  path: string;
  fileName: string;
  format: string;
  encoding: string;
  byteSize: number;
  status: 'ingested' | 'unsupported';
  lang: string | null;
  langConfidence: number;
  detectedLang: string | null;
  title: string | null;
  published: string | null;
  warnings: string[];
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
  origin: 'human' | 'imported' | 'model' | null;
}

export interface ParagraphRow {
  index: number;
  start: number;
  end: number;
  text: string;
  dropped: string | null;
}

export interface MemoryEntry {
  sourceLang: string;
  memoryKey: string;
  sourceText: string;
  english: string;
  origin: 'human' | 'imported' | 'model';
  modelId?: string;
  modelRevision?: string;
  provenance?: string | null;
}

export interface MatchInput {
  id: number;
  lang: string;
  published: string | null;
  eventDates: string[];
  sentences: { text: string; english: string | null }[];
}

export interface StoredMatch {
  a: number;
  b: number;
  score: number;
  level: 'duplicate' | 'same_event' | 'same_story' | 'unrelated';
  basis: string;
  evidence: unknown[];
}

export interface StoredPassage {
  a: { doc: number; sentences: number[] };
  b: { doc: number; sentences: number[] };
  score: number;
}

export type StoryDecision = { kind: 'confirm' | 'reject'; a: number; b: number } | { kind: 'move'; doc: number; story: string };

export interface StoredAlignment {
  id: number;
  aDoc: number;
  bDoc: number;
  mode: 'monotonic' | 'passages';
  sourceHash: string;
  createdAt: string;
  beads: { a: number[]; b: number[]; score: number; kind: string }[];
}

/** Which model revision counts as "already translated" for a language. */
export type ModelPins = Partial<Record<string, { modelId: string; revision: string }>>;

// Best translation of a sentence: human > imported > model (newest first within an origin).
const BEST_TRANSLATION = `
  (SELECT t.english || char(31) || t.origin FROM translations t
    WHERE t.source_lang = d.lang AND t.memory_key = s.memory_key
    ORDER BY CASE t.origin WHEN 'human' THEN 0 WHEN 'imported' THEN 1 ELSE 2 END, t.id DESC
    LIMIT 1)`;

const DOCUMENT_COLUMNS = `
  d.id, d.path, d.file_name AS fileName, d.format, d.encoding, d.byte_size AS byteSize, d.status,
  d.lang, d.lang_confidence AS langConfidence, d.detected_lang AS detectedLang, d.title,
  d.published, d.warnings, d.created_at AS createdAt,
  (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) AS sentenceCount,
  (SELECT count(*) FROM sentences s WHERE s.document_id = d.id AND EXISTS (
     SELECT 1 FROM translations t WHERE t.source_lang = d.lang AND t.memory_key = s.memory_key)) AS translatedCount`;

type RawDocument = Omit<DocumentRow, 'warnings'> & { warnings: string };

function toDocument(raw: RawDocument): DocumentRow {
  return { ...raw, warnings: JSON.parse(raw.warnings) as string[] };
}

export class Store {
  private constructor(private readonly db: Connection, readonly path: string) {}

  static async open(path: string): Promise<Store> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = await Connection.open(path);
    await db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;');
    const store = new Store(db, path);
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    const row = await this.db.get<{ user_version: number }>('PRAGMA user_version');
    let version = row?.user_version ?? 0;
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (version > latest) {
      throw new Error(`Database ${this.path} was written by a newer Tandem (schema ${version}, this build knows ${latest}).`);
    }
    for (const m of migrations) {
      if (m.version <= version) continue;
      await this.db.transaction(async () => {
        await this.db.exec(m.sql);
        await this.db.exec(`PRAGMA user_version = ${m.version}`);
      });
      version = m.version;
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async integrityCheck(): Promise<string> {
    const row = await this.db.get<{ integrity_check: string }>('PRAGMA integrity_check');
    return row?.integrity_check ?? 'no answer';
  }

  async schemaVersion(): Promise<number> {
    return (await this.db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
  }

  // ---- documents -------------------------------------------------------------------------

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
      const paragraphIds: number[] = [];
      for (const [idx, p] of doc.paragraphs.entries()) {
        const { lastID } = await this.db.run(
          'INSERT INTO paragraphs (document_id, idx, start, end, text, dropped) VALUES (?, ?, ?, ?, ?, ?)',
          [documentId, idx, p.start, p.end, p.text, p.dropped],
        );
        paragraphIds.push(lastID);
      }
      for (const [idx, s] of doc.sentences.entries()) {
        const paragraphId = paragraphIds[s.paragraph];
        if (paragraphId === undefined) throw new Error(`sentence ${idx} points at missing paragraph ${s.paragraph}`);
        await this.db.run(
          'INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, memory_key) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [documentId, paragraphId, idx, s.start, s.end, s.text, s.memoryKey],
        );
      }
      for (const d of doc.dates) {
        await this.db.run(
          'INSERT INTO dates (document_id, iso, precision, kind, start, end, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [documentId, d.iso, d.precision, d.kind, d.start, d.end, d.text],
        );
      }
      return documentId;
    });
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
    const rows = await this.db.all<Omit<SentenceRow, 'translation' | 'origin'> & { best: string | null }>(
      `SELECT s.id, s.idx AS "index", p.idx AS paragraph, s.start, s.end, s.text, ${BEST_TRANSLATION} AS best
         FROM sentences s JOIN paragraphs p ON p.id = s.paragraph_id JOIN documents d ON d.id = s.document_id
        WHERE s.document_id = ? ORDER BY s.idx`,
      [documentId],
    );
    return rows.map(({ best, ...s }) => {
      if (best === null) return { ...s, translation: null, origin: null };
      const cut = best.lastIndexOf('\u001f');
      return { ...s, translation: best.slice(0, cut), origin: best.slice(cut + 1) as SentenceRow['origin'] };
    });
  }

  // ---- translation memory ----------------------------------------------------------------

  /**
   * Sentences of supported documents that have no usable translation: none by a human, none
   * imported, and none by the pinned model revision of their language.
   */
  async sentencesToTranslate(pins: ModelPins, filter: { langs?: string[]; documentIds?: number[] } = {}): Promise<
    { lang: string; memoryKey: string; text: string; count: number }[]
  > {
    const where: string[] = [`d.status = 'ingested'`];
    const params: unknown[] = [];
    if (filter.langs?.length) {
      where.push(`d.lang IN (${filter.langs.map(() => '?').join(',')})`);
      params.push(...filter.langs);
    }
    if (filter.documentIds?.length) {
      where.push(`d.id IN (${filter.documentIds.map(() => '?').join(',')})`);
      params.push(...filter.documentIds);
    }
    const rows = await this.db.all<{ lang: string; memoryKey: string; text: string; count: number }>(
      `SELECT d.lang AS lang, s.memory_key AS memoryKey, min(s.text) AS text, count(*) AS count
         FROM sentences s JOIN documents d ON d.id = s.document_id
        WHERE ${where.join(' AND ')}
        GROUP BY d.lang, s.memory_key
        ORDER BY d.lang, min(s.id)`,
      params,
    );
    const memory = await this.memoryKeysFor(pins, [...new Set(rows.map((r) => r.lang))]);
    return rows.filter((r) => !memory.has(`${r.lang}\u001f${r.memoryKey}`));
  }

  /** Counts content sentences (not unique texts) of supported documents, per language. */
  async sentenceCounts(filter: { langs?: string[]; documentIds?: number[] } = {}): Promise<Record<string, number>> {
    const where: string[] = [`d.status = 'ingested'`];
    const params: unknown[] = [];
    if (filter.langs?.length) {
      where.push(`d.lang IN (${filter.langs.map(() => '?').join(',')})`);
      params.push(...filter.langs);
    }
    if (filter.documentIds?.length) {
      where.push(`d.id IN (${filter.documentIds.map(() => '?').join(',')})`);
      params.push(...filter.documentIds);
    }
    const rows = await this.db.all<{ lang: string; n: number }>(
      `SELECT d.lang AS lang, count(*) AS n FROM sentences s JOIN documents d ON d.id = s.document_id
        WHERE ${where.join(' AND ')} GROUP BY d.lang`,
      params,
    );
    return Object.fromEntries(rows.map((r) => [r.lang, r.n]));
  }

  private async memoryKeysFor(pins: ModelPins, langs: string[]): Promise<Set<string>> {
    const keys = new Set<string>();
    for (const lang of langs) {
      const pin = pins[lang];
      const rows = await this.db.all<{ memory_key: string }>(
        `SELECT memory_key FROM translations WHERE source_lang = ?
            AND (origin IN ('human', 'imported') OR (origin = 'model' AND model_id = ? AND model_revision = ?))`,
        [lang, pin?.modelId ?? '\u0000', pin?.revision ?? '\u0000'],
      );
      for (const r of rows) keys.add(`${lang}\u001f${r.memory_key}`);
    }
    return keys;
  }

  /** Adds memory entries in one transaction; an entry with the same key and origin is replaced. */
  saveTranslations(entries: MemoryEntry[]): Promise<number> {
    return this.db.transaction(async () => {
      for (const e of entries) {
        await this.db.run(
          `INSERT INTO translations (source_lang, memory_key, source_text, english, origin, model_id, model_revision, provenance)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (source_lang, memory_key, origin, model_id, model_revision)
           DO UPDATE SET english = excluded.english, source_text = excluded.source_text,
                         provenance = excluded.provenance, created_at = excluded.created_at`,
          [e.sourceLang, e.memoryKey, e.sourceText, e.english, e.origin, e.modelId ?? '', e.modelRevision ?? '', e.provenance ?? null],
        );
      }
      return entries.length;
    });
  }

  async memorySize(): Promise<Record<string, number>> {
    const rows = await this.db.all<{ origin: string; n: number }>('SELECT origin, count(*) AS n FROM translations GROUP BY origin');
    return Object.fromEntries(rows.map((r) => [r.origin, r.n]));
  }

  // ---- matching ---------------------------------------------------------------------------

  /**
   * What matching reads about every supported document: sentences with their best English
   * (English documents are their own English), publication and event dates.
   */
  async matchInputs(): Promise<MatchInput[]> {
    const docs = await this.db.all<{ id: number; lang: string; published: string | null }>(
      `SELECT id, lang, published FROM documents WHERE status = 'ingested' ORDER BY id`,
    );
    const dates = await this.db.all<{ document_id: number; iso: string }>('SELECT DISTINCT document_id, iso FROM dates ORDER BY document_id, iso');
    const sentences = await this.db.all<{ document_id: number; text: string; english: string | null }>(
      `SELECT s.document_id, s.text,
              CASE WHEN d.lang = 'en' THEN s.text ELSE (SELECT t.english FROM translations t
                 WHERE t.source_lang = d.lang AND t.memory_key = s.memory_key
                 ORDER BY CASE t.origin WHEN 'human' THEN 0 WHEN 'imported' THEN 1 ELSE 2 END, t.id DESC LIMIT 1) END AS english
         FROM sentences s JOIN documents d ON d.id = s.document_id
        WHERE d.status = 'ingested' ORDER BY s.document_id, s.idx`,
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
          `INSERT INTO matches (a, b, score, level, basis, evidence) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (a, b) DO UPDATE SET score = excluded.score, level = excluded.level, basis = excluded.basis,
             evidence = excluded.evidence, computed_at = excluded.computed_at`,
          [a, b, m.score, m.level, m.basis, JSON.stringify(m.evidence)],
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
    const rows = await this.db.all<Omit<StoredMatch, 'evidence'> & { evidence: string }>(
      `SELECT a, b, score, level, basis, evidence FROM matches ${filter.documentId ? 'WHERE a = ? OR b = ?' : ''} ORDER BY score DESC, a, b`,
      filter.documentId ? [filter.documentId, filter.documentId] : [],
    );
    return rows.map((r) => ({ ...r, evidence: JSON.parse(r.evidence) as unknown[] }));
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

  /** Replaces the computed story membership of one view. */
  saveStories(level: 'event' | 'story', stories: { id: string; documents: number[] }[]): Promise<void> {
    return this.db.transaction(async () => {
      await this.db.run('DELETE FROM story_members WHERE level = ?', [level]);
      for (const s of stories) {
        for (const d of s.documents) await this.db.run('INSERT INTO story_members (level, story_id, document_id) VALUES (?, ?, ?)', [level, s.id, d]);
      }
    });
  }

  async stories(level: 'event' | 'story'): Promise<{ id: string; documents: number[] }[]> {
    const rows = await this.db.all<{ story_id: string; document_id: number }>(
      'SELECT story_id, document_id FROM story_members WHERE level = ? ORDER BY story_id, document_id',
      [level],
    );
    const out = new Map<string, number[]>();
    for (const r of rows) out.set(r.story_id, [...(out.get(r.story_id) ?? []), r.document_id]);
    return [...out].map(([id, documents]) => ({ id, documents }));
  }

  async addStoryDecision(d: StoryDecision): Promise<number> {
    const { lastID } = await this.db.run(
      'INSERT INTO story_decisions (kind, a, b, story_id) VALUES (?, ?, ?, ?)',
      d.kind === 'move' ? ['move', d.doc, null, d.story] : [d.kind, Math.min(d.a, d.b), Math.max(d.a, d.b), null],
    );
    return lastID;
  }

  async storyDecisions(): Promise<StoryDecision[]> {
    const rows = await this.db.all<{ kind: 'confirm' | 'reject' | 'move'; a: number; b: number | null; story_id: string | null }>(
      'SELECT kind, a, b, story_id FROM story_decisions ORDER BY id',
    );
    return rows.map((r) => (r.kind === 'move' ? { kind: 'move', doc: r.a, story: r.story_id! } : { kind: r.kind, a: r.a, b: r.b! }));
  }

  // ---- alignments --------------------------------------------------------------------------

  async alignment(aDoc: number, bDoc: number, mode: 'monotonic' | 'passages'): Promise<StoredAlignment | null> {
    const row = await this.db.get<{ id: number; source_hash: string; created_at: string }>(
      'SELECT id, source_hash, created_at FROM alignments WHERE a_doc = ? AND b_doc = ? AND mode = ?',
      [aDoc, bDoc, mode],
    );
    if (!row) return null;
    const beads = await this.db.all<{ a_sentences: string; b_sentences: string; score: number; kind: string }>(
      'SELECT a_sentences, b_sentences, score, kind FROM beads WHERE alignment_id = ? ORDER BY idx',
      [row.id],
    );
    return {
      id: row.id, aDoc, bDoc, mode, sourceHash: row.source_hash, createdAt: row.created_at,
      beads: beads.map((b) => ({ a: JSON.parse(b.a_sentences) as number[], b: JSON.parse(b.b_sentences) as number[], score: b.score, kind: b.kind })),
    };
  }

  /** Stores (or replaces) the alignment of a pair in one mode, beads and all, in one transaction. */
  saveAlignment(a: Omit<StoredAlignment, 'id' | 'createdAt'>): Promise<number> {
    return this.db.transaction(async () => {
      await this.db.run('DELETE FROM alignments WHERE a_doc = ? AND b_doc = ? AND mode = ?', [a.aDoc, a.bDoc, a.mode]);
      const { lastID } = await this.db.run('INSERT INTO alignments (a_doc, b_doc, mode, source_hash) VALUES (?, ?, ?, ?)', [a.aDoc, a.bDoc, a.mode, a.sourceHash]);
      for (const [idx, b] of a.beads.entries()) {
        await this.db.run('INSERT INTO beads (alignment_id, idx, a_sentences, b_sentences, score, kind) VALUES (?, ?, ?, ?, ?, ?)', [
          lastID, idx, JSON.stringify(b.a), JSON.stringify(b.b), b.score, b.kind,
        ]);
      }
      return lastID;
    });
  }

  // ---- jobs ------------------------------------------------------------------------------

  async startJob(kind: string, total: number): Promise<number> {
    return (await this.db.run(`INSERT INTO jobs (kind, status, total) VALUES (?, 'running', ?)`, [kind, total])).lastID;
  }

  async updateJob(id: number, done: number): Promise<void> {
    await this.db.run('UPDATE jobs SET done = ? WHERE id = ?', [done, id]);
  }

  async finishJob(id: number, status: 'done' | 'failed' | 'cancelled', detail?: string): Promise<void> {
    await this.db.run(
      `UPDATE jobs SET status = ?, detail = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
      [status, detail ?? null, id],
    );
  }

  async jobs(): Promise<{ id: number; kind: string; status: string; total: number; done: number; detail: string | null }[]> {
    return this.db.all('SELECT id, kind, status, total, done, detail FROM jobs ORDER BY id');
  }
}
