// What an export reads: the alignments and beads a filter selects, and their sentences' English.
import { toBead, type AlignmentMode, type BeadRow, type RawBead } from './alignments.ts';
import type { Connection } from './db.ts';
import { REVISION_COLUMNS, toRevision, type RawRevision, type SentenceRow } from './documents.ts';
import type { TranslationOrigin } from '../common/index.ts';

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
  origin: TranslationOrigin | null;
  modelId: string | null;
  modelRevision: string | null;
  provenance: string | null;
  /** The analyst's split or edit of the source sentence, if any (see SentenceRow.revision). */
  revision: SentenceRow['revision'];
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

export class Exports {
  constructor(private readonly db: Connection) {}

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
    const rows = await this.db.all<Omit<ExportSentenceRow, 'revision'> & RawRevision>(
      `SELECT s.idx AS "index", s.text, t.english, t.origin, t.model_id AS modelId, t.model_revision AS modelRevision, t.provenance, ${REVISION_COLUMNS}
         FROM sentences s JOIN documents d ON d.id = s.document_id
         LEFT JOIN translations t ON t.id = (
           SELECT t2.id FROM translations t2 WHERE t2.source_lang = d.lang AND t2.memory_key = s.memory_key
            ORDER BY CASE t2.origin WHEN 'human' THEN 0 WHEN 'imported' THEN 1 ELSE 2 END, t2.id DESC LIMIT 1)
        WHERE s.document_id = ? AND s.idx IN (SELECT value FROM json_each(?))
        ORDER BY s.idx`,
      [documentId, JSON.stringify([...new Set(indices)])],
    );
    return rows.map(({ revision, originalText, revisedBy, revisedAt, revisedWhy, ...r }) => ({ ...r, revision: toRevision({ revision, originalText, revisedBy, revisedAt, revisedWhy }) }));
  }
}
