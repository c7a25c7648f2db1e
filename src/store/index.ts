// The store: every SQL query Tandem runs lives in this file, and every multi-row write runs in a
// transaction. Callers get plain objects, never statements.
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection, DatabaseError, type OpenMode } from './db.ts';
import { migrations } from './migrations/index.ts';
import type { Evidence } from '../match/types.ts';

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
  title: string | null;
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

export type StoryDecision = { kind: 'confirm' | 'reject'; a: number; b: number } | { kind: 'move'; doc: number; story: string };

export type AlignmentMode = 'monotonic' | 'passages' | 'translation';
export type ReviewAction = 'accept' | 'reject' | 'reset' | 'edit' | 'merge' | 'split';

export interface BeadRow {
  id: number;
  pos: number;
  a: number[];
  b: number[];
  score: number;
  kind: string;
  status: 'pending' | 'accepted' | 'rejected';
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

type RawBead = { id: number; pos: number; a_sentences: string; b_sentences: string; score: number; kind: string; status: BeadRow['status']; origin: BeadRow['origin'] };

function toBead(r: RawBead): BeadRow {
  return { id: r.id, pos: r.pos, a: JSON.parse(r.a_sentences) as number[], b: JSON.parse(r.b_sentences) as number[], score: r.score, kind: r.kind, status: r.status, origin: r.origin };
}

/** What an export selects (see Store.exportAlignments). */
export interface ExportFilter {
  status?: BeadRow['status'][];
  minScore?: number;
  documentIds?: number[];
  langs?: string[];
  storyId?: string;
}

export interface ExportAlignmentRow {
  id: number;
  aDoc: number;
  bDoc: number;
  mode: AlignmentMode;
  aLang: string | null;
  bLang: string | null;
  /** Beads matching the status and score filter, with sentences on both sides. */
  beads: number;
}

export interface ExportSentenceRow {
  index: number;
  text: string;
  english: string | null;
  origin: 'human' | 'imported' | 'model' | null;
  modelId: string | null;
  modelRevision: string | null;
  provenance: string | null;
}

function exportBeadWhere(filter: Pick<ExportFilter, 'status' | 'minScore'>): { sql: string; params: unknown[] } {
  const where = [`b.a_sentences <> '[]'`, `b.b_sentences <> '[]'`];
  const params: unknown[] = [];
  if (filter.status?.length) {
    where.push(`b.status IN (${filter.status.map(() => '?').join(',')})`);
    params.push(...filter.status);
  }
  if (filter.minScore !== undefined) {
    where.push('b.score >= ?');
    params.push(filter.minScore);
  }
  return { sql: `AND ${where.join(' AND ')}`, params };
}

interface UndoSnapshot {
  beads?: BeadRow[];
  translation?: { sourceLang: string; memoryKey: string; sourceText: string; english: string | null; provenance: string | null };
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

/** WHERE terms (on alias d) for supported documents, optionally of some languages or ids. */
function supportedDocuments(filter: { langs?: string[]; documentIds?: number[] }): { where: string[]; params: unknown[] } {
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
  return { where, params };
}

function toDocument(raw: RawDocument): DocumentRow {
  return { ...raw, warnings: JSON.parse(raw.warnings) as string[] };
}

const DENIED: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'read-only file system' };

/** The errno code when `path` cannot be accessed in `mode`, or null ('ENOENT' when it is missing). */
function denied(path: string, mode: number): string | null {
  try {
    accessSync(path, mode);
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}

/**
 * Says before SQLite does, and naming the file, when a database cannot be used as asked: SQLite
 * opens a write-protected file read-only without a word and fails at the first write
 * (SQLITE_READONLY), possibly half-way through a command.
 */
function checkAccess(path: string, readOnly: boolean): void {
  const read = denied(path, constants.R_OK);
  if (read === 'ENOENT') {
    if (readOnly) throw new DatabaseError('missing', `There is no database at ${path}`);
  } else if (read) {
    throw new DatabaseError('unreadable', `${path} cannot be read (${DENIED[read] ?? read}): fix its permissions`);
  } else if (!readOnly) {
    const write = denied(path, constants.W_OK);
    if (write) throw new DatabaseError('read_only', `${path} is read-only (${DENIED[write] ?? write}): copy it somewhere writable or fix its permissions`);
  }
  if (!readOnly) {
    const folder = denied(dirname(path), constants.W_OK);
    if (folder && folder !== 'ENOENT') {
      throw new DatabaseError('read_only', `${path} is in a read-only folder (${DENIED[folder] ?? folder}), where SQLite cannot keep its journal: move it somewhere writable or fix the folder's permissions`);
    }
  }
}

/**
 * How to open a database for reading. A WAL database is read through its -shm file, which a
 * reader creates when it is missing, as its own user and mode: left behind, that file stops the
 * owner from writing, and in a folder the reader cannot write it cannot be created at all (then
 * even a SELECT fails with SQLITE_READONLY). When neither -wal nor -shm exists no connection has
 * the database open (a WAL connection keeps both while open), so it is read as immutable: no
 * locks, no files created. (A writer that opens it during that read is the remaining risk; the
 * read-only commands are short.) Otherwise the existing files are used, read-only.
 */
function readOnlyMode(path: string): OpenMode {
  if (existsSync(`${path}-wal`) || existsSync(`${path}-shm`)) return 'read-only';
  const header = Buffer.alloc(20);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  const wal = header.subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000' && header[18] === 2;
  return wal ? 'immutable' : 'read-only';
}

export { DatabaseError };

export interface StoreOptions {
  /**
   * Open for reading only (sqlite3.OPEN_READONLY): nothing is written, not even a migration, so
   * a database that needs one is refused (DatabaseError 'needs_upgrade'), and so is a missing file.
   */
  readOnly?: boolean;
}

export class Store {
  private constructor(private readonly db: Connection, readonly path: string, readonly readOnly: boolean) {}

  static async open(path: string, options: StoreOptions = {}): Promise<Store> {
    const readOnly = options.readOnly ?? false;
    const memory = path === ':memory:';
    if (!memory) {
      if (!readOnly) mkdirSync(dirname(path), { recursive: true });
      checkAccess(path, readOnly);
    }
    const db = await Connection.open(path, memory || !readOnly ? 'read-write' : readOnlyMode(path));
    const store = new Store(db, path, readOnly);
    try {
      // Nothing is written before the version is known: a newer database is left untouched.
      await db.exec('PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
      const version = await store.schemaVersion();
      const latest = migrations[migrations.length - 1]?.version ?? 0;
      if (version > latest) {
        throw new DatabaseError('newer_schema', `${path} was written by a newer Tandem (schema ${version}, this build knows ${latest}); it is left as it is: open it with that Tandem or a newer one.`);
      }
      if (readOnly) {
        if (version < latest) {
          throw new DatabaseError('needs_upgrade', `${path} was written by an older Tandem (schema ${version}; this one uses ${latest}) and must be upgraded before it can be read, which writes to it`);
        }
      } else {
        await db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
        await store.migrate(version);
      }
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
    return store;
  }

  private async migrate(from: number): Promise<void> {
    for (const m of migrations) {
      if (m.version <= from) continue;
      await this.db.transaction(async () => {
        // Another process may have applied it since the version was read: the write lock is held now.
        if ((await this.schemaVersion()) >= m.version) return;
        await this.db.exec(m.sql);
        await this.db.exec(`PRAGMA user_version = ${m.version}`);
      });
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
    const { where, params } = supportedDocuments(filter);
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
    const { where, params } = supportedDocuments(filter);
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

  /** The best non-human English of each text: what a post-edit replaced. */
  async machineEnglish(lang: string, memoryKeys: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const key of new Set(memoryKeys)) {
      const row = await this.db.get<{ english: string }>(
        `SELECT english FROM translations WHERE source_lang = ? AND memory_key = ? AND origin <> 'human'
          ORDER BY CASE origin WHEN 'imported' THEN 0 ELSE 1 END, id DESC LIMIT 1`,
        [lang, key],
      );
      if (row) out.set(key, row.english);
    }
    return out;
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

  // ---- alignments and review --------------------------------------------------------------

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
  saveAlignment(a: { aDoc: number; bDoc: number; mode: AlignmentMode; sourceHash: string; beads: { a: number[]; b: number[]; score: number; kind: string }[] }): Promise<number> {
    return this.db.transaction(async () => {
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

  /**
   * One analyst action on beads, in one transaction: `before` rows are removed, `after` rows
   * written (rows without an id get a new one), the alignment is marked reviewed, and the change is logged so it
   * can be undone. Returns the log id.
   */
  reviewBeads(alignmentId: number, action: ReviewAction, before: BeadRow[], after: (Omit<BeadRow, 'id'> & { id?: number })[]): Promise<number> {
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
      return lastID;
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

  /** Reverts the latest action on an alignment that is not undone yet; false when there is none. */
  undoReview(alignmentId: number): Promise<ReviewAction | null> {
    return this.db.transaction(async () => {
      const last = await this.db.get<{ id: number; action: ReviewAction; before: string; after: string }>(
        'SELECT id, action, before, after FROM review_log WHERE alignment_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1',
        [alignmentId],
      );
      if (!last) return null;
      const before = JSON.parse(last.before) as UndoSnapshot;
      const after = JSON.parse(last.after) as UndoSnapshot;
      if (before.translation) {
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
      return last.action;
    });
  }

  // ---- export ----------------------------------------------------------------------------

  /**
   * Alignments that have beads matching an export filter, in id order, with their documents'
   * languages and how many beads match (beads with an empty side are not counted). A document
   * filter keeps alignments touching any listed document; a story filter keeps alignments whose
   * documents all belong to the story; a language filter keeps alignments whose pairs' source
   * language (side A, or side B when A is the English document) is listed.
   */
  async exportAlignments(filter: ExportFilter): Promise<ExportAlignmentRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.documentIds?.length) {
      const marks = filter.documentIds.map(() => '?').join(',');
      where.push(`(al.a_doc IN (${marks}) OR al.b_doc IN (${marks}))`);
      params.push(...filter.documentIds, ...filter.documentIds);
    }
    if (filter.langs?.length) {
      // The pairs' source language: side A, unless A is the English document of a two-document alignment.
      where.push(`(CASE WHEN al.mode <> 'translation' AND da.lang = 'en' THEN db.lang ELSE da.lang END) IN (${filter.langs.map(() => '?').join(',')})`);
      params.push(...filter.langs);
    }
    if (filter.storyId !== undefined) {
      where.push(`al.a_doc IN (SELECT document_id FROM story_members WHERE story_id = ?) AND al.b_doc IN (SELECT document_id FROM story_members WHERE story_id = ?)`);
      params.push(filter.storyId, filter.storyId);
    }
    const bead = exportBeadWhere(filter);
    return this.db.all<ExportAlignmentRow>(
      `SELECT al.id, al.a_doc AS aDoc, al.b_doc AS bDoc, al.mode, da.lang AS aLang, db.lang AS bLang,
              (SELECT count(*) FROM beads b WHERE b.alignment_id = al.id ${bead.sql}) AS beads
         FROM alignments al JOIN documents da ON da.id = al.a_doc JOIN documents db ON db.id = al.b_doc
        WHERE ${where.length ? where.join(' AND ') : '1 = 1'}
        ORDER BY al.id`,
      [...bead.params, ...params],
    ).then((rows) => rows.filter((r) => r.beads > 0));
  }

  /** Whether a story id (event "e..." or story "s...") exists. */
  async storyExists(storyId: string): Promise<boolean> {
    return (await this.db.get<{ n: number }>('SELECT count(*) AS n FROM story_members WHERE story_id = ?', [storyId]))!.n > 0;
  }

  /** One page of an alignment's beads matching an export filter, in position order after `afterPos`. */
  async exportBeadPage(alignmentId: number, filter: Pick<ExportFilter, 'status' | 'minScore'>, afterPos: number | null, limit: number): Promise<BeadRow[]> {
    const bead = exportBeadWhere(filter);
    const rows = await this.db.all<RawBead>(
      `SELECT b.id, b.pos, b.a_sentences, b.b_sentences, b.score, b.kind, b.status, b.origin FROM beads b
        WHERE b.alignment_id = ? ${afterPos === null ? '' : 'AND b.pos > ?'} ${bead.sql}
        ORDER BY b.pos LIMIT ?`,
      [alignmentId, ...(afterPos === null ? [] : [afterPos]), ...bead.params, limit],
    );
    return rows.map(toBead);
  }

  /**
   * The given sentences of a document with their best translation (human > imported > model,
   * newest first within an origin) and where it came from: origin, model id and revision, provenance.
   */
  async exportSentences(documentId: number, indices: number[]): Promise<ExportSentenceRow[]> {
    if (!indices.length) return [];
    return this.db.all<ExportSentenceRow>(
      `SELECT s.idx AS "index", s.text, t.english, t.origin, t.model_id AS modelId, t.model_revision AS modelRevision, t.provenance
         FROM sentences s JOIN documents d ON d.id = s.document_id
         LEFT JOIN translations t ON t.id = (
           SELECT t2.id FROM translations t2 WHERE t2.source_lang = d.lang AND t2.memory_key = s.memory_key
            ORDER BY CASE t2.origin WHEN 'human' THEN 0 WHEN 'imported' THEN 1 ELSE 2 END, t2.id DESC LIMIT 1)
        WHERE s.document_id = ? AND s.idx IN (SELECT value FROM json_each(?))
        ORDER BY s.idx`,
      [documentId, JSON.stringify([...new Set(indices)])],
    );
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
