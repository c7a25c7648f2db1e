// The translation memory: what still needs a model, what is saved, what a post-edit replaced.
import type { Connection } from './db.ts';
import type { ModelVariant, TranslationOrigin } from '../common/index.ts';

export interface MemoryEntry {
  sourceLang: string;
  memoryKey: string;
  sourceText: string;
  english: string;
  origin: TranslationOrigin;
  modelId?: string;
  modelRevision?: string;
  provenance?: string | null;
}

/** Which model revision counts as "already translated" for a language. */
export type ModelPins = Partial<Record<string, { modelId: string; revision: string; variant?: ModelVariant }>>;

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

export class Translations {
  constructor(private readonly db: Connection) {}

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

  /**
   * The sentences of supported documents in order, each with whether the memory (a human or an
   * imported entry) already has its text: what a join of neighbours or a split against the memory
   * works on. Only documents with at least one sentence the memory lacks are listed.
   */
  async sentencesForMemory(filter: { langs?: string[]; documentIds?: number[] } = {}): Promise<
    { documentId: number; lang: string; index: number; paragraph: number; memoryKey: string; text: string; inMemory: boolean }[]
  > {
    const { where, params } = supportedDocuments(filter);
    const rows = await this.db.all<{ documentId: number; lang: string; index: number; paragraph: number; memoryKey: string; text: string; inMemory: number }>(
      `WITH s2 AS (
         SELECT s.document_id AS documentId, d.lang AS lang, s.idx AS "index", s.paragraph_id AS paragraph, s.memory_key AS memoryKey, s.text AS text,
                EXISTS (SELECT 1 FROM translations t WHERE t.source_lang = d.lang AND t.memory_key = s.memory_key AND t.origin IN ('human', 'imported')) AS inMemory
           FROM sentences s JOIN documents d ON d.id = s.document_id
          WHERE ${where.join(' AND ')})
       SELECT * FROM s2 WHERE documentId IN (SELECT documentId FROM s2 WHERE inMemory = 0)
        ORDER BY documentId, "index"`,
      params,
    );
    return rows.map((r) => ({ ...r, inMemory: r.inMemory === 1 }));
  }

  /** The best memory entry (human before imported, newest first) of each of these texts. */
  async memoryEntries(lang: string, memoryKeys: string[]): Promise<Map<string, { english: string; provenance: string | null }>> {
    const out = new Map<string, { english: string; provenance: string | null }>();
    const keys = [...new Set(memoryKeys)];
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.db.all<{ memoryKey: string; english: string; provenance: string | null }>(
        `SELECT memory_key AS memoryKey, english, provenance FROM translations
          WHERE source_lang = ? AND origin IN ('human', 'imported') AND memory_key IN (SELECT value FROM json_each(?))
          ORDER BY CASE origin WHEN 'human' THEN 0 ELSE 1 END, id DESC`,
        [lang, JSON.stringify(keys.slice(i, i + 500))],
      );
      for (const r of rows) if (!out.has(r.memoryKey)) out.set(r.memoryKey, { english: r.english, provenance: r.provenance });
    }
    return out;
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
}
