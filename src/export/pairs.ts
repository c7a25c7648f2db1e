// What an export writes: one pair per bead of an alignment, read from the store page by page so
// that no export ever holds more than one page of beads and their sentences.
//
// A pair is the source-language sentence(s) of a bead (merged sentences joined with a space) with
// their English:
// - translation review (one document against its own English): the best translation of the
//   bead's English-side sentences (human edit > imported memory > model);
// - two documents, one of them English: that document's sentences;
// - two non-English documents: side A is the source, its English is its best translation, and side
//   B (`other`) comes with its own text and English.
import type { AlignmentMode, BeadRow, ExportAlignmentRow, ExportFilter, ExportSentenceRow, Store } from '../store/index.ts';
import { TRANSLATION_ORIGINS, type ExportSkipReason } from '../common/index.ts';

export interface PairSide {
  lang: string;
  /** The source text as reviewed: an analyst's fix or split of a sentence, when there is one. */
  text: string;
  document: number;
  title: string | null;
  date: string | null;
  sentences: number[];
  /** The side's sentences the analyst split or edited: the ingested text each came from, and who, when, why. */
  revisions: SourceRevision[];
}

export interface SourceRevision {
  sentence: number;
  kind: 'split' | 'edit';
  original: string;
  by: string | null;
  at: string | null;
  why: string | null;
}

export interface PairEnglish {
  text: string;
  /**
   * Where the English comes from: 'human' (post-edited), 'imported' (a memory file), 'model', or
   * 'document' (the sentences of an English document). Merged beads with sentences of different
   * origins join them with '+', best first: 'human+model'.
   */
  origin: string;
  /** Models of model-translated sentences, as "id@revision". */
  models: string[];
  /** Import files and editors ('review') of the sentences' translations. */
  provenance: string[];
  /** The document the English is read from (the source document itself in translation review). */
  document: number;
  sentences: number[];
}

/** The bead every written pair or unit comes from, and its review. */
export interface ExportBead {
  alignment: number;
  bead: number;
  mode: AlignmentMode;
  status: BeadRow['status'];
  score: number;
  kind: string;
}

export interface ExportPair extends ExportBead {
  source: PairSide;
  english: PairEnglish;
  /** Cross-document alignments of two non-English documents: the second document's side. */
  other: (PairSide & { english: PairEnglish }) | null;
}

export interface DocumentInfo {
  id: number;
  lang: string | null;
  title: string | null;
  date: string | null;
}

export type { ExportSkipReason as SkipReason } from '../common/index.ts';

/**
 * A bead's texts as read, before an export form decides what to write: the source side (see
 * sourceSide), its English (null when a sentence has none yet), and for two documents without an
 * English one the other side with its own English. `complete` is false when the bead names
 * sentences its documents no longer have.
 */
export interface BeadTexts extends ExportBead {
  source: PairSide;
  english: PairEnglish | null;
  other: (PairSide & { english: PairEnglish | null }) | null;
  complete: boolean;
}

/** The side a pair's source comes from: A, unless A is the English document. */
export function sourceSide(a: ExportAlignmentRow): 'a' | 'b' {
  return a.mode !== 'translation' && a.aLang === 'en' && a.bLang !== 'en' ? 'b' : 'a';
}

/** Source language of an alignment's pairs, or null when both sides are English. */
export function sourceLang(a: ExportAlignmentRow): string | null {
  const lang = sourceSide(a) === 'a' ? a.aLang : a.bLang;
  return lang === 'en' || lang === null ? null : lang;
}

const ORIGIN_ORDER = TRANSLATION_ORIGINS;

function englishOf(rows: ExportSentenceRow[], document: number, sentences: number[]): PairEnglish | null {
  if (!rows.length || rows.some((r) => r.english === null)) return null;
  const origins = new Set(rows.map((r) => r.origin));
  const models = new Set<string>();
  const provenance = new Set<string>();
  for (const r of rows) {
    if (r.origin === 'model') models.add(`${r.modelId ?? ''}@${r.modelRevision ?? ''}`);
    if (r.provenance) provenance.add(r.provenance);
  }
  return {
    text: rows.map((r) => r.english!).join(' '),
    origin: ORIGIN_ORDER.filter((o) => origins.has(o)).join('+'),
    models: [...models],
    provenance: [...provenance],
    document,
    sentences,
  };
}

const joinText = (rows: ExportSentenceRow[]) => rows.map((r) => r.text).join(' ');

const revisionsOf = (rows: ExportSentenceRow[]): SourceRevision[] =>
  rows.flatMap((r) => (r.revision ? [{ sentence: r.index, kind: r.revision.kind, original: r.revision.original, by: r.revision.by, at: r.revision.at, why: r.revision.why }] : []));

/** The all-sides form (pair "all"): every text of the bead, English required on every non-English side. */
export function allSides(t: BeadTexts): ExportPair | ExportSkipReason {
  if (!t.complete) return 'missingSentences';
  const { english, other } = t;
  if (!english || (other && !other.english)) return 'untranslated';
  return {
    alignment: t.alignment, bead: t.bead, mode: t.mode, status: t.status, score: t.score, kind: t.kind,
    source: t.source, english, other: other ? { ...other, english: other.english! } : null,
  };
}

/**
 * The texts of one alignment's beads in bead order, a page at a time, each made into a unit by
 * `form`; beads it refuses are reported to `skip` with the reason.
 */
export async function* alignmentPairs<T>(
  store: Store,
  alignment: ExportAlignmentRow,
  docs: ReadonlyMap<number, DocumentInfo>,
  filter: Pick<ExportFilter, 'status' | 'minScore'>,
  form: (t: BeadTexts) => T | ExportSkipReason,
  skip: (reason: ExportSkipReason, count: number) => void,
  pageSize: number,
): AsyncGenerator<T[]> {
  const docA = docs.get(alignment.aDoc);
  const docB = docs.get(alignment.bDoc);
  if (!docA || !docB) throw new Error(`alignment ${alignment.id} points at a missing document`);
  const translation = alignment.mode === 'translation';
  const srcIsB = sourceSide(alignment) === 'b';
  // Which side holds English text to read as is (an English document), if any.
  const englishDoc = translation ? null : srcIsB ? docA : docB.lang === 'en' ? docB : null;
  let after: number | null = null;
  for (;;) {
    const beads = await store.exportBeadPage(alignment.id, filter, after, pageSize);
    if (!beads.length) return;
    after = beads[beads.length - 1]!.pos;
    const src = srcIsB ? docB : docA;
    const other = srcIsB ? docA : docB;
    const srcIdx = (b: BeadRow) => (srcIsB ? b.b : b.a);
    const otherIdx = (b: BeadRow) => (srcIsB ? b.a : b.b);
    // Translation review reads both sides from the one document: fetch them together.
    const srcRows = await store.exportSentences(src.id, translation ? beads.flatMap((b) => [...b.a, ...b.b]) : beads.flatMap(srcIdx));
    const bySrc = new Map(srcRows.map((r) => [r.index, r]));
    const byOther = translation ? bySrc : new Map((await store.exportSentences(other.id, beads.flatMap(otherIdx))).map((r) => [r.index, r]));
    const pick = (m: Map<number, ExportSentenceRow>, idx: number[]) => idx.map((i) => m.get(i)).filter((r): r is ExportSentenceRow => r !== undefined);
    const units: T[] = [];
    for (const b of beads) {
      const s = pick(bySrc, srcIdx(b));
      const o = pick(byOther, otherIdx(b));
      const side = (doc: DocumentInfo, rows: ExportSentenceRow[], sentences: number[]): PairSide => ({
        lang: doc.lang ?? '', text: joinText(rows), document: doc.id, title: doc.title, date: doc.date, sentences, revisions: revisionsOf(rows),
      });
      let english: PairEnglish | null;
      let otherSide: BeadTexts['other'] = null;
      if (translation) {
        english = englishOf(o, src.id, otherIdx(b));
      } else if (englishDoc) {
        english = { text: joinText(o), origin: 'document', models: [], provenance: [], document: englishDoc.id, sentences: otherIdx(b) };
      } else {
        english = englishOf(s, src.id, srcIdx(b));
        otherSide = { ...side(other, o, otherIdx(b)), english: englishOf(o, other.id, otherIdx(b)) };
      }
      const unit = form({
        alignment: alignment.id, bead: b.id, mode: alignment.mode, status: b.status, score: b.score, kind: b.kind,
        source: side(src, s, srcIdx(b)), english, other: otherSide, complete: s.length === srcIdx(b).length && o.length === otherIdx(b).length,
      });
      if (typeof unit === 'string') skip(unit as ExportSkipReason, 1);
      else units.push(unit);
    }
    if (units.length) yield units;
  }
}
