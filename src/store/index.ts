// The store: the one entry point to Tandem's database. Every SQL query lives in the repositories
// beside this file, one per concern; they all share the Store's one connection (./db.ts), so
// every write runs in one order, and every multi-row write runs in a transaction. Callers get
// plain objects, never statements.
import type { Connection } from './db.ts';
import { Alignments, type AlignmentMode, type BeadRow } from './alignments.ts';
import { Deletion } from './deletion.ts';
import { Documents, type NewDocument } from './documents.ts';
import { Exports, type ExportFilter } from './exports.ts';
import { Matches, type StoredMatch, type StoredPassage } from './matches.ts';
import { openDatabase, schemaVersion, type StoreOptions } from './open.ts';
import { Review, type CarriedEnglish, type Reviser, type SentencePart } from './review.ts';
import { Search, type SearchQuery } from './search.ts';
import type { DecisionAction } from '../common/index.ts';
import { Stories, type StoryDecision } from './stories.ts';
import { TranslationRuns } from './translation-runs.ts';
import { Translations, type MemoryEntry, type ModelPins } from './translations.ts';

export { DatabaseError } from './db.ts';
export type { StoreOptions } from './open.ts';
export type { AlignmentMode, BeadRow, StoredAlignment } from './alignments.ts';
export type { DocumentRow, NewDocument, ParagraphRow, SentenceRow } from './documents.ts';
export type { ExportAlignmentRow, ExportFilter, ExportSentenceRow } from './exports.ts';
export type { MatchInput, StoredMatch, StoredPassage } from './matches.ts';
export type { TranslationRun } from './translation-runs.ts';
export type { StoryDecision } from './stories.ts';
export type { Undone } from './review.ts';
export type { MemoryEntry, ModelPins } from './translations.ts';
export type { CarriedEnglish, Reviser, SentencePart } from './review.ts';
export type { SearchQuery } from './search.ts';

type DocumentFilter = { langs?: string[]; documentIds?: number[] };
type NewAlignment = Parameters<Alignments['saveAlignment']>[0];

/** One repository per concern, all on the same connection. */
function repositories(db: Connection) {
  return {
    documents: new Documents(db),
    deletion: new Deletion(db),
    translations: new Translations(db),
    matches: new Matches(db),
    stories: new Stories(db),
    alignments: new Alignments(db),
    review: new Review(db),
    exports: new Exports(db),
    translationRuns: new TranslationRuns(db),
    search: new Search(db),
  };
}

export class Store {
  private readonly repos: ReturnType<typeof repositories>;

  private constructor(private readonly db: Connection, readonly path: string, readonly readOnly: boolean) {
    this.repos = repositories(db);
  }

  static async open(path: string, options: StoreOptions = {}): Promise<Store> {
    return new Store(await openDatabase(path, options), path, options.readOnly ?? false);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async integrityCheck(): Promise<string> {
    const row = await this.db.get<{ integrity_check: string }>('PRAGMA integrity_check');
    return row?.integrity_check ?? 'no answer';
  }

  schemaVersion(): Promise<number> {
    return schemaVersion(this.db);
  }

  // ---- documents (./documents.ts) ----------------------------------------------------------
  documentIdByHash(contentHash: string) { return this.repos.documents.documentIdByHash(contentHash); }
  insertDocument(doc: NewDocument) { return this.repos.documents.insertDocument(doc); }
  listDocuments() { return this.repos.documents.listDocuments(); }
  document(id: number) { return this.repos.documents.document(id); }
  documentText(id: number) { return this.repos.documents.documentText(id); }
  paragraphs(documentId: number) { return this.repos.documents.paragraphs(documentId); }
  sentences(documentId: number) { return this.repos.documents.sentences(documentId); }
  sentencesAt(documentId: number, indices: readonly number[]) { return this.repos.documents.sentencesAt(documentId, indices); }
  sentenceIndicesByKey(documentId: number, memoryKey: string) { return this.repos.documents.sentenceIndicesByKey(documentId, memoryKey); }

  // ---- deleting documents (./deletion.ts) --------------------------------------------------
  deletionCounts(documentIds: readonly number[]) { return this.repos.deletion.deletionCounts(documentIds); }
  deleteDocuments(documentIds: readonly number[], then?: () => Promise<unknown>) { return this.repos.deletion.deleteDocuments(documentIds, then); }

  // ---- translation memory (./translations.ts) ----------------------------------------------
  sentencesToTranslate(pins: ModelPins, filter: DocumentFilter = {}) { return this.repos.translations.sentencesToTranslate(pins, filter); }
  sentenceCounts(filter: DocumentFilter = {}) { return this.repos.translations.sentenceCounts(filter); }
  saveTranslations(entries: MemoryEntry[]) { return this.repos.translations.saveTranslations(entries); }
  sentencesForMemory(filter: DocumentFilter = {}) { return this.repos.translations.sentencesForMemory(filter); }
  memoryEntries(lang: string, memoryKeys: string[]) { return this.repos.translations.memoryEntries(lang, memoryKeys); }
  machineEnglish(lang: string, memoryKeys: string[]) { return this.repos.translations.machineEnglish(lang, memoryKeys); }
  memorySize() { return this.repos.translations.memorySize(); }

  // ---- matching (./matches.ts) -------------------------------------------------------------
  matchInputs(documentIds?: number[]) { return this.repos.matches.matchInputs(documentIds); }
  fingerprints() { return this.repos.matches.fingerprints(); }
  replaceMatches(update: Parameters<Matches['replaceMatches']>[0]) { return this.repos.matches.replaceMatches(update); }
  matches(filter: { documentId?: number } = {}): Promise<StoredMatch[]> { return this.repos.matches.matches(filter); }
  passages(filter: { documentId?: number } = {}): Promise<StoredPassage[]> { return this.repos.matches.passages(filter); }

  // ---- stories (./stories.ts) --------------------------------------------------------------
  saveStories(level: 'event' | 'story', stories: { id: string; documents: number[] }[]) { return this.repos.stories.saveStories(level, stories); }
  stories(level: 'event' | 'story') { return this.repos.stories.stories(level); }
  addStoryDecision(d: StoryDecision) { return this.repos.stories.addStoryDecision(d); }
  storyDecisions() { return this.repos.stories.storyDecisions(); }
  storyExists(storyId: string) { return this.repos.stories.storyExists(storyId); }

  // ---- alignments (./alignments.ts) and review (./review.ts) -------------------------------
  alignmentId(aDoc: number, bDoc: number, mode: AlignmentMode) { return this.repos.alignments.alignmentId(aDoc, bDoc, mode); }
  alignment(id: number) { return this.repos.alignments.alignment(id); }
  alignments() { return this.repos.alignments.alignments(); }
  alignmentInfo(id: number) { return this.repos.alignments.alignmentInfo(id); }
  beadsById(alignmentId: number, ids: readonly number[]) { return this.repos.alignments.beadsById(alignmentId, ids); }
  beadAndNext(alignmentId: number, beadId: number) { return this.repos.alignments.beadAndNext(alignmentId, beadId); }
  beadsHolding(alignmentId: number, side: 'a' | 'b', indices: readonly number[]) { return this.repos.alignments.beadsHolding(alignmentId, side, indices); }
  beadCounts(alignmentId: number) { return this.repos.alignments.beadCounts(alignmentId); }
  saveAlignment(a: NewAlignment, signal?: AbortSignal) { return this.repos.alignments.saveAlignment(a, signal); }
  reviewBeads(alignmentId: number, action: DecisionAction, before: BeadRow[], after: (Omit<BeadRow, 'id'> & { id?: number })[]) {
    return this.repos.review.reviewBeads(alignmentId, action, before, after);
  }
  editTranslation(alignmentId: number, entry: MemoryEntry & { origin: 'human' }) { return this.repos.review.editTranslation(alignmentId, entry); }
  editTranslations(alignmentId: number, entries: (MemoryEntry & { origin: 'human' })[]) { return this.repos.review.editTranslations(alignmentId, entries); }
  undoReview(alignmentId: number) { return this.repos.review.undoReview(alignmentId); }
  splitSentence(alignmentId: number, documentId: number, index: number, parts: [SentencePart, SentencePart], who: Reviser) {
    return this.repos.review.splitSentence(alignmentId, documentId, index, parts, who);
  }
  editSource(alignmentId: number, documentId: number, index: number, text: string, memoryKey: string, who: Reviser, carry: CarriedEnglish | null) {
    return this.repos.review.editSource(alignmentId, documentId, index, text, memoryKey, who, carry);
  }

  // ---- export (./exports.ts) ---------------------------------------------------------------
  exportAlignments(filter: ExportFilter) { return this.repos.exports.exportAlignments(filter); }
  exportBeadPage(alignmentId: number, filter: Pick<ExportFilter, 'status' | 'minScore'>, afterPos: number | null, limit: number) {
    return this.repos.exports.exportBeadPage(alignmentId, filter, afterPos, limit);
  }
  exportSentences(documentId: number, indices: number[]) { return this.repos.exports.exportSentences(documentId, indices); }

  // ---- full-text search (./search.ts) ------------------------------------------------------
  search(query: SearchQuery) { return this.repos.search.search(query); }

  // ---- translation runs (./translation-runs.ts) --------------------------------------------
  startTranslationRun(total: number) { return this.repos.translationRuns.startTranslationRun(total); }
  updateTranslationRun(id: number, done: number) { return this.repos.translationRuns.updateTranslationRun(id, done); }
  finishTranslationRun(id: number, status: 'done' | 'failed' | 'cancelled', detail?: string) { return this.repos.translationRuns.finishTranslationRun(id, status, detail); }
  translationRuns() { return this.repos.translationRuns.translationRuns(); }
}
