// The service: the one object the CLI, the HTTP bridge and the Electron IPC all drive.
// Every public method takes and returns the types of ./types.ts.
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { DocumentMatch, Fingerprint, MatchDocument } from '../match/index.ts';
import { Store, type AlignmentMode, type MatchInput, type MemoryEntry, type StoredAlignment, type StoryDecision } from '../store/index.ts';
import { MarianTranslator, memoryKey, ModelRegistry, type ImportOptions, type Translator } from '../translate/index.ts';
import { ApiError, CancelledError, type ModelVariant, type ReviewAction, type Side, type SideOperation } from '../common/index.ts';
import * as ops from './review-ops.ts';
import {
  IngestOptions,
  LANGS,
  SOURCE_LANGS,
  type IngestedDocument,
  type IngestReport,
  type JobControl,
  type Lang,
  type MatchReport,
  type MemoryImportReport,
  type SentenceView,
  type SourceLang,
  type TranslateReport,
  type ExportFilterOptions,
  type ExportOptions,
  type ExportPreview,
  type ExportReport,
} from './types.ts';

import { buildRow, rowContext, type DiffOptions } from './compare-rows.ts';
import { reviewMany, type BatchSelection } from './review-batch.ts';
import { changedRows, type ReviewResult } from './review-result.ts';
import { unmatchedRuns } from './unmatched-runs.ts';
import { importMemory } from './memory-import.ts';
import { alignmentSourceHash } from './alignment-hash.ts';
import { fitMemory } from './memory-fit.ts';

export { DatabaseError } from '../store/index.ts';
export type { ReviewResult } from './review-result.ts';

// The domain's heavy parts are loaded when a method first needs them, not when the service opens:
// a listing or a review decision never reads HTML or fingerprints a document (and `tandem
// documents` starts in a fraction of the time; bench/startup.ts).
const ingestParts = () => import('../ingest/index.ts');
const matchParts = () => import('../match/index.ts');
const alignParts = () => import('../align/index.ts');
const exportParts = () => import('../export/index.ts');

export interface TandemOptions {
  /** SQLite file; created with its folder when missing. */
  dbPath: string;
  /** Folder with models/manifest-pinned model folders (transformers.js localModelPath). */
  modelsDir: string;
  /** Manifest file; defaults to the one shipped in models/. */
  manifestPath?: string;
  /**
   * Open the database for reading only (see StoreOptions.readOnly): for commands that do not
   * write, so that they work on a file the user may read but not write.
   */
  readOnly?: boolean;
}

/** Two article files to compare (relative paths are resolved against the working folder). */
export interface FilePair {
  a: string;
  b: string;
}

export type SimilarityResult = Awaited<ReturnType<Tandem['similarity']>>;

/** One pair's outcome: the documents' ids and the comparison, or why it could not be made. */
export type FilePairOutcome = (FilePair & { docA: number; docB: number; result: SimilarityResult }) | (FilePair & { error: string; errorCode: string });

type Usable = { id: number } | { error: string; errorCode: string };

/** Sentences sent to the worker per round trip: each round is saved before the next starts. */
const TRANSLATE_CHUNK = 32;

export class Tandem {
  private readonly translators = new Map<SourceLang, Translator>();

  private constructor(readonly store: Store, readonly models: ModelRegistry) {}

  static async open(options: TandemOptions): Promise<Tandem> {
    const store = await Store.open(options.dbPath, { readOnly: options.readOnly });
    return new Tandem(store, new ModelRegistry(options.modelsDir, options.manifestPath));
  }

  async close(): Promise<void> {
    for (const t of this.translators.values()) await t.close();
    this.translators.clear();
    await this.store.close();
  }

  // ---- ingest ----------------------------------------------------------------------------

  async ingest(paths: string[], rawOptions: IngestOptions = {}, control: JobControl = {}): Promise<IngestReport> {
    const parsed = IngestOptions.safeParse(rawOptions);
    if (!parsed.success) throw new Error(`Invalid ingest options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const options = parsed.data;
    const { collectFiles, initLanguageDetector } = await ingestParts();
    // Loaded on first ingest, not at open: most commands and app sessions never identify a language.
    await initLanguageDetector();
    const { files, skipped } = await collectFiles(paths);
    const documents: IngestedDocument[] = [];
    const started = performance.now();
    for (const [i, file] of files.entries()) {
      if (control.signal?.aborted) break;
      documents.push(await this.ingestOne(file, options));
      const seconds = (performance.now() - started) / 1000;
      control.onProgress?.({ phase: 'ingest', done: i + 1, total: files.length, item: basename(file), perSecond: (i + 1) / seconds, etaSeconds: ((files.length - i - 1) * seconds) / (i + 1) });
    }
    return { documents, skipped };
  }

  private async ingestOne(path: string, options: IngestOptions): Promise<IngestedDocument> {
    const base: IngestedDocument = {
      id: null, path, lang: null, langConfidence: 0, title: null, date: null, sentences: 0,
      status: 'rejected', error: null, errorCode: null, encoding: null, boilerplate: 0, warnings: [],
    };
    const { contentHash, IngestError, parseFile, readArticle } = await ingestParts();
    try {
      const bytes = await readArticle(path, options.maxBytes);
      const known = await this.store.documentIdByHash(contentHash(bytes));
      if (known !== null) {
        const doc = await this.store.document(known);
        return { ...base, id: known, status: 'duplicate', lang: doc?.lang ?? null, langConfidence: doc?.langConfidence ?? 0, title: doc?.title ?? null, date: doc?.published ?? null, sentences: doc?.sentenceCount ?? 0, encoding: doc?.encoding ?? null };
      }
      const article = await parseFile(bytes, path, options);
      const id = await this.store.insertDocument(article);
      const unsupported = article.status === 'unsupported';
      return {
        ...base, id, status: unsupported ? 'unsupported' : 'ingested', lang: article.lang, langConfidence: article.langConfidence,
        title: article.title, date: article.published, sentences: article.sentences.length, encoding: article.encoding,
        boilerplate: article.boilerplate, warnings: article.warnings,
        error: unsupported ? `${basename(path)}: ${describeUnsupported(article.detectedLang, options.allowedLangs)}; stored without translation` : null,
        errorCode: unsupported ? 'unsupported_language' : null,
      };
    } catch (err) {
      if (err instanceof IngestError) return { ...base, error: err.message, errorCode: err.code };
      return { ...base, error: `${basename(path)}: ${(err as Error).message}`, errorCode: 'internal' };
    }
  }

  async documents() {
    return this.store.listDocuments();
  }

  /** Every paragraph, boilerplate included and flagged with why it was set aside. */
  async paragraphs(documentId: number) {
    if (!(await this.store.document(documentId))) throw new ApiError('not_found', `No document ${documentId}`);
    return this.store.paragraphs(documentId);
  }

  async sentences(documentId: number): Promise<SentenceView[]> {
    if (!(await this.store.document(documentId))) throw new ApiError('not_found', `No document ${documentId}`);
    return (await this.store.sentences(documentId)).map(({ id: _id, memoryKey: _key, ...s }) => s);
  }

  // ---- translate -------------------------------------------------------------------------

  async translate(filter: { langs?: string[]; documentIds?: number[] } = {}, control: JobControl = {}): Promise<TranslateReport> {
    const started = performance.now();
    const sourceFilter = { ...filter, langs: (filter.langs ?? [...SOURCE_LANGS]).filter((l) => (SOURCE_LANGS as readonly string[]).includes(l)) };
    const { splitSentences } = await ingestParts();
    const fit = await fitMemory(this.store, sourceFilter, (text) => splitSentences(text, 'en').map((s) => s.text));
    const counts = await this.store.sentenceCounts(sourceFilter);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const pins = await this.models.pins();
    const todo = await this.store.sentencesToTranslate(pins, sourceFilter);
    const waiting = todo.reduce((n, t) => n + t.count, 0);
    const report: TranslateReport = { translated: total - waiting, fromMemory: total - waiting, fittedFromMemory: fit.entryParts + fit.entriesJoined, byModel: 0, missingModels: [], messages: [], cancelled: false, seconds: 0 };

    const byLang = new Map<SourceLang, typeof todo>();
    for (const t of todo) byLang.set(t.lang as SourceLang, [...(byLang.get(t.lang as SourceLang) ?? []), t]);
    const runnable = [...byLang].filter(([lang]) => {
      if (pins[lang]) return true;
      report.missingModels.push(lang);
      report.messages.push(this.models.missingMessage(lang));
      return false;
    });
    const runTotal = runnable.reduce((n, [, items]) => n + items.length, 0);
    const run = await this.store.startTranslationRun(runTotal);
    let done = 0;
    try {
      for (const [lang, items] of runnable) {
        const pin = pins[lang]!;
        const translator = this.translatorFor(lang, pin.modelId, pin.revision, pin.variant);
        for (let i = 0; i < items.length; i += TRANSLATE_CHUNK) {
          if (control.signal?.aborted) throw new CancelledError();
          const chunk = items.slice(i, i + TRANSLATE_CHUNK);
          const english = await translator.translate(chunk.map((c) => c.text), control.signal);
          await this.store.saveTranslations(chunk.map((c, k) => ({
            sourceLang: lang, memoryKey: c.memoryKey, sourceText: c.text, english: english[k] ?? '',
            origin: 'model' as const, modelId: pin.modelId, modelRevision: pin.revision,
          })));
          done += chunk.length;
          report.byModel += chunk.length;
          report.translated += chunk.reduce((n, c) => n + c.count, 0);
          await this.store.updateTranslationRun(run, done);
          const seconds = (performance.now() - started) / 1000;
          control.onProgress?.({ phase: 'translate', done, total: runTotal, item: lang, perSecond: done / seconds, etaSeconds: ((runTotal - done) * seconds) / done });
        }
      }
      await this.store.finishTranslationRun(run, 'done');
    } catch (err) {
      if (err instanceof CancelledError) {
        report.cancelled = true;
        await this.store.finishTranslationRun(run, 'cancelled', `${done} of ${runTotal} saved`);
      } else {
        await this.store.finishTranslationRun(run, 'failed', (err as Error).message);
        throw err;
      }
    }
    report.seconds = (performance.now() - started) / 1000;
    return report;
  }

  /** Closes the translator of `lang`, if one runs: before its model folder is replaced or deleted. */
  async releaseTranslator(lang: SourceLang): Promise<void> {
    const t = this.translators.get(lang);
    this.translators.delete(lang);
    await t?.close();
  }

  private translatorFor(lang: SourceLang, modelId: string, revision: string, variant?: ModelVariant): Translator {
    const existing = this.translators.get(lang);
    if (existing && existing.modelId === modelId && existing.revision === revision) return existing;
    const created = new MarianTranslator(lang, modelId, revision, this.models.modelsDir, { dtype: variant ?? 'fp32' });
    this.translators.set(lang, created);
    return created;
  }

  // ---- matching --------------------------------------------------------------------------

  /**
   * Finds matching reports and repeated passages, incrementally: only documents whose text or
   * English changed since the last run are fingerprinted and compared again, against an index of
   * all others. Stories are then re-clustered with the analyst's decisions, which always win.
   */
  async match(control: JobControl = {}): Promise<MatchReport> {
    const started = performance.now();
    const { findRepeatedPassages, fingerprint, FINGERPRINT_VERSION, MatchIndex } = await matchParts();
    const inputs = (await this.store.matchInputs()).map(toMatchDocument);
    const stored = await this.store.fingerprints();
    const unchanged: Fingerprint[] = [];
    const changed: { doc: MatchDocument; hash: string }[] = [];
    for (const doc of inputs) {
      const hash = createHash('sha256').update(JSON.stringify([doc.lang, doc.title, doc.published, doc.eventDates, doc.sentences])).digest('hex');
      const known = stored.get(doc.id);
      const parsed = known?.sourceHash === hash ? (JSON.parse(known.data) as Fingerprint) : null;
      // a fingerprint made by an older Tandem holds other features: made again
      if (parsed?.v === FINGERPRINT_VERSION) unchanged.push(parsed);
      else changed.push({ doc, hash });
    }
    const index = MatchIndex.fromFingerprints(unchanged);
    const byId = new Map(unchanged.map((f) => [f.id, f]));
    let batch: Parameters<Store['replaceMatches']>[0] = { fingerprints: [], matches: [], passages: [] };
    const flush = async () => {
      if (batch.fingerprints.length) await this.store.replaceMatches(batch);
      batch = { fingerprints: [], matches: [], passages: [] };
    };
    for (const [i, { doc, hash }] of changed.entries()) {
      if (control.signal?.aborted) break;
      const f = fingerprint(doc);
      const found = index.add(f);
      byId.set(f.id, f);
      batch.fingerprints.push({ documentId: doc.id, sourceHash: hash, data: JSON.stringify(f) });
      batch.matches.push(...found);
      batch.passages.push(...findRepeatedPassages(f));
      for (const m of found) {
        const other = byId.get(m.a === doc.id ? m.b : m.a);
        if (other) batch.passages.push(...findRepeatedPassages(f, other));
      }
      if (batch.fingerprints.length >= 200) await flush();
      const seconds = (performance.now() - started) / 1000;
      control.onProgress?.({ phase: 'match', done: i + 1, total: changed.length, perSecond: (i + 1) / seconds, etaSeconds: ((changed.length - i - 1) * seconds) / (i + 1) });
    }
    await flush();
    const stories = await this.recluster(inputs.map((d) => d.id));
    return {
      pairs: (await this.store.matches()).map(({ a, b, score, level, basis, summary, evidence, container }) => ({ a, b, score, level, basis, summary, evidence, ...(container === undefined ? {} : { container }) })),
      stories: stories.event.map((s) => s.documents),
      storyViews: stories,
      passages: await this.store.passages(),
      compared: changed.length,
      cancelled: control.signal?.aborted ?? false,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /** Clusters the stories again from the stored matches and decisions (after a match run or a delete). */
  async recluster(documentIds?: number[]) {
    const ids = documentIds ?? (await this.store.listDocuments()).filter((d) => d.status === 'ingested').map((d) => d.id);
    const matches = (await this.store.matches()) as DocumentMatch[];
    const decisions = await this.store.storyDecisions();
    const previous = [...(await this.store.stories('event')).map((s) => ({ ...s, level: 'event' as const })), ...(await this.store.stories('story')).map((s) => ({ ...s, level: 'story' as const }))];
    const { clusterStories } = await matchParts();
    const clustered = clusterStories(ids, matches, decisions, previous);
    const event = clustered.filter((s) => s.level === 'event').map(({ id, documents }) => ({ id, documents }));
    const story = clustered.filter((s) => s.level === 'story').map(({ id, documents }) => ({ id, documents }));
    await this.store.saveStories('event', event);
    await this.store.saveStories('story', story);
    return { event, story };
  }

  /** Records an analyst's story decision and re-clusters at once; later runs never undo it. */
  async decideStory(decision: StoryDecision) {
    const docs = decision.kind === 'move' ? [decision.doc] : [decision.a, decision.b];
    for (const id of docs) if (!(await this.store.document(id))) throw new ApiError('not_found', `No document ${id}`);
    await this.store.addStoryDecision(decision);
    return this.recluster();
  }

  async stories() {
    return { event: await this.store.stories('event'), story: await this.store.stories('story') };
  }

  /** Compares two documents directly (no index), with evidence. */
  async similarity(a: number, b: number) {
    const docs = new Map((await this.store.matchInputs([a, b])).map((d) => [d.id, d]));
    const da = docs.get(a);
    const db = docs.get(b);
    if (!da || !db) throw new ApiError('not_found', `No supported document ${!da ? a : b}`);
    const { compareDocuments, findRepeatedPassages } = await matchParts();
    const result = compareDocuments(toMatchDocument(da), toMatchDocument(db));
    return { ...result, passages: findRepeatedPassages(toMatchDocument(da), toMatchDocument(db)) };
  }

  /**
   * Scores pairs of article files one after another, for evaluation and scripting: yields one
   * outcome per pair, in order. Each distinct file is ingested and translated once, however many
   * pairs name it; a pair whose file cannot be used yields an error and the others go on. Two files
   * with the same bytes are one document, compared with itself. The signal stops the run between
   * pairs: the pair in hand is always finished.
   */
  async *similarityOfFiles(pairs: readonly FilePair[], control: JobControl = {}): AsyncGenerator<FilePairOutcome> {
    const started = performance.now();
    const ingested = new Map<string, Usable>();
    const translated = new Set<number>();
    const use = async (path: string) => {
      if (!ingested.has(path)) ingested.set(path, await this.usableDocument(path));
      return ingested.get(path)!;
    };
    for (const [i, pair] of pairs.entries()) {
      if (control.signal?.aborted) return;
      const outcome = await this.similarityOfPair(pair, use, translated);
      const seconds = (performance.now() - started) / 1000;
      control.onProgress?.({ phase: 'similarity', done: i + 1, total: pairs.length, item: `${basename(pair.a)} ~ ${basename(pair.b)}`, perSecond: (i + 1) / seconds, etaSeconds: ((pairs.length - i - 1) * seconds) / (i + 1) });
      yield outcome;
    }
  }

  private async similarityOfPair(pair: FilePair, use: (path: string) => Promise<Usable>, translated: Set<number>): Promise<FilePairOutcome> {
    const sides = [await use(resolve(pair.a)), await use(resolve(pair.b))];
    const failed = sides.filter((s) => 'error' in s);
    if (failed.length) return { ...pair, error: [...new Set(failed.map((f) => f.error))].join('; '), errorCode: failed[0]!.errorCode };
    const [docA, docB] = sides.map((s) => (s as { id: number }).id) as [number, number];
    try {
      const todo = [...new Set([docA, docB])].filter((id) => !translated.has(id));
      if (todo.length) await this.translate({ documentIds: todo });
      for (const id of todo) translated.add(id);
      return { ...pair, docA, docB, result: await this.similarity(docA, docB) };
    } catch (err) {
      return { ...pair, error: `${pair.a} ~ ${pair.b}: ${(err as Error).message}`, errorCode: err instanceof ApiError ? err.code : 'internal' };
    }
  }

  /** Ingests one file for comparison: its document id, or why it cannot be compared (naming the file by its path). */
  private async usableDocument(path: string): Promise<Usable> {
    await (await ingestParts()).initLanguageDetector();
    const d = await this.ingestOne(path, {});
    // Ingest messages name the file by its base name; a pair list may hold two files of one name.
    const named = (message: string) => (message.startsWith(`${basename(path)}: `) ? `${path}: ${message.slice(basename(path).length + 2)}` : `${path}: ${message}`);
    if (d.status === 'rejected' || d.id === null) return { error: named(d.error ?? 'could not be ingested'), errorCode: d.errorCode ?? 'internal' };
    if (d.status === 'unsupported') return { error: named(d.error ?? 'language not supported'), errorCode: d.errorCode ?? 'unsupported_language' };
    if (d.status === 'duplicate' && (await this.store.document(d.id))?.status === 'unsupported') {
      return { error: `${path}: same bytes as document ${d.id}, stored earlier with a language Tandem does not translate`, errorCode: 'unsupported_language' };
    }
    return { id: d.id };
  }

  // ---- alignment and review ------------------------------------------------------------

  /**
   * Aligns two documents sentence by sentence through their English sides: monotonic beads for
   * translations of each other, passage links for independent reports, or one document against
   * its own English ('translation', for reviewing a single article). Stored; recomputed only when
   * the text or English changed and never once an analyst has reviewed it.
   */
  async align(a: number, b: number, mode: AlignmentMode = a === b ? 'translation' : 'monotonic', control: JobControl = {}): Promise<StoredAlignment> {
    const plan = await this.alignPlan(a, b, mode);
    if (plan.existing) return plan.existing;
    const { da, db, sourceHash } = plan;
    const { alignWork, passageWork, runWork } = await alignParts();
    const item = `${da.title ?? `document ${a}`} ~ ${db.title ?? `document ${b}`}`;
    const started = performance.now();
    const onProgress = (done: number, total: number) => {
      const seconds = (performance.now() - started) / 1000;
      control.onProgress?.({ phase: 'align', done, total, item, perSecond: done / Math.max(seconds, 1e-3), etaSeconds: done ? ((total - done) * seconds) / done : undefined });
    };
    const beads = mode === 'monotonic'
      ? await runWork(alignWork(da.sentences, db.sentences, { langA: da.lang as Lang, langB: db.lang as Lang }), { signal: control.signal, onProgress })
      : mode === 'passages'
        ? (await runWork(passageWork(da.sentences, db.sentences), { signal: control.signal, onProgress })).map((l) => ({ a: [l.a], b: [l.b], score: l.score, kind: 'link' }))
        : da.sentences.map((s, i) => ({ a: [i], b: [i], score: s.english ? 1 : 0, kind: '1-1' }));
    // A cancel that came while the last slice ran still stores nothing.
    if (control.signal?.aborted) throw new CancelledError();
    // a cancel that arrives while the save waits its turn on the connection still stores nothing
    const id = await this.store.saveAlignment({ aDoc: a, bDoc: b, mode, sourceHash, beads }, control.signal);
    return (await this.store.alignment(id))!;
  }

  /**
   * The alignment `align` would give without computing anything: the stored one when it is
   * reviewed or its documents are unchanged, else null (the app then runs `align` as a job, with
   * progress). Opening a pair aligned before is therefore immediate.
   */
  async storedAlignment(a: number, b: number, mode: AlignmentMode = a === b ? 'translation' : 'monotonic'): Promise<StoredAlignment | null> {
    return (await this.alignPlan(a, b, mode)).existing;
  }

  private async alignPlan(a: number, b: number, mode: AlignmentMode) {
    if ((mode === 'translation') !== (a === b)) throw new ApiError('bad_request', 'translation review aligns a document with itself; other modes need two documents');
    const inputs = new Map((await this.store.matchInputs([a, b])).map((d) => [d.id, d]));
    const da = inputs.get(a);
    const db = inputs.get(b);
    if (!da || !db) throw new ApiError('not_found', `No supported document ${!da ? a : b}`);
    const sourceHash = alignmentSourceHash(mode, da.sentences, db.sentences);
    const existingId = await this.store.alignmentId(a, b, mode);
    const existing = existingId === null ? null : await this.store.alignment(existingId);
    return { da, db, sourceHash, existing: existing && (existing.reviewed || existing.sourceHash === sourceHash) ? existing : null };
  }

  async alignment(id: number): Promise<StoredAlignment> {
    const found = await this.store.alignment(id);
    if (!found) throw new ApiError('not_found', `No alignment ${id}`);
    return found;
  }

  /**
   * Everything the Compare view shows for an alignment: each bead with both sides' sentences,
   * their English, and the word diff between the English sides; in passages mode also the runs of
   * sentences no link holds.
   */
  async compare(id: number, options: DiffOptions = {}) {
    const alignment = await this.alignment(id);
    const ctx = await rowContext(this.store, alignment);
    const rows = alignment.beads.map((bead) => buildRow(ctx, bead, options));
    return { alignment: { ...alignment, beads: undefined }, documents: { a: ctx.docA, b: ctx.docB }, rows, unmatched: unmatchedRuns(ctx, alignment) };
  }

  /** One analyst decision on a bead, saved at once. Merge joins a bead with the next one. */
  async review(alignmentId: number, beadId: number, action: ReviewAction): Promise<ReviewResult> {
    // Only the bead and its next are read: a decision costs the same at 20 rows and at 2,000.
    if (!(await this.store.alignmentInfo(alignmentId))) throw new ApiError('not_found', `No alignment ${alignmentId}`);
    const found = await this.store.beadAndNext(alignmentId, beadId);
    if (!found) throw new ApiError('not_found', `No bead ${beadId} in alignment ${alignmentId}`);
    const { bead } = found;
    const next = found.next ?? undefined;
    const status = { accept: 'accepted', reject: 'rejected', reset: 'pending' } as const;
    let done: { written: { id: number }[] };
    let removed = [bead.id];
    if (action === 'accept' || action === 'reject' || action === 'reset') {
      done = await this.store.reviewBeads(alignmentId, action, [bead], [{ ...bead, status: status[action] }]);
    } else if (action === 'merge') {
      if (!next) throw new ApiError('bad_request', 'The last bead has no next bead to merge with');
      const a = [...bead.a, ...next.a].sort((x, y) => x - y);
      const b = [...bead.b, ...next.b].sort((x, y) => x - y);
      removed = [bead.id, next.id];
      done = await this.store.reviewBeads(alignmentId, 'merge', [bead, next], [{
        pos: bead.pos, a, b, score: Math.min(bead.score, next.score), kind: `${a.length}-${b.length}`, status: 'pending', origin: 'human',
      }]);
    } else {
      const cut = (xs: number[]) => Math.ceil(xs.length / 2);
      const parts = bead.a.length <= 1 && bead.b.length <= 1
        ? [{ a: bead.a, b: [] }, { a: [], b: bead.b }]
        : [{ a: bead.a.slice(0, cut(bead.a)), b: bead.b.slice(0, cut(bead.b)) }, { a: bead.a.slice(cut(bead.a)), b: bead.b.slice(cut(bead.b)) }];
      if (parts.some((p) => !p.a.length && !p.b.length)) throw new ApiError('bad_request', 'A bead with one sentence on one side only cannot be split');
      const secondPos = next ? (bead.pos + next.pos) / 2 : bead.pos + 1;
      done = await this.store.reviewBeads(alignmentId, 'split', [bead], parts.map((p, i) => ({
        pos: i === 0 ? bead.pos : secondPos, a: p.a, b: p.b, score: p.a.length && p.b.length ? bead.score : 0,
        kind: `${p.a.length}-${p.b.length}`, status: 'pending' as const, origin: 'human' as const,
      })));
    }
    return changedRows(this.store, alignmentId, { beads: done.written.map((b) => b.id), removed });
  }

  /** One decision (accept, reject, reset) on many beads, named or by score: one transaction, one undo step. */
  async reviewMany(alignmentId: number, selection: BatchSelection): Promise<ReviewResult> {
    return reviewMany(this.store, await this.alignment(alignmentId), selection);
  }

  /** A post-edit of one sentence's English. The machine version stays in memory underneath. */
  async editEnglish(alignmentId: number, side: 'a' | 'b', sentence: number, english: string) {
    return this.editRow(alignmentId, [{ side, sentence, english }]);
  }

  /**
   * The post-edits of a row's sentences, saved as one decision: one transaction, one entry in the
   * review log, so one undo reverts them all. The machine versions stay in memory underneath.
   * Answers with the rows showing those sentences (every row with the same source text changes).
   */
  async editRow(alignmentId: number, edits: { side: 'a' | 'b'; sentence: number; english: string }[]): Promise<ReviewResult> {
    const alignment = await this.store.alignmentInfo(alignmentId);
    if (!alignment) throw new ApiError('not_found', `No alignment ${alignmentId}`);
    if (!edits.length) throw new ApiError('bad_request', 'Nothing to save: no sentence was edited');
    const entries: (MemoryEntry & { origin: 'human' })[] = [];
    const langs = new Map<number, string | null>();
    for (const { side, sentence, english } of edits) {
      const docId = side === 'a' ? alignment.aDoc : alignment.bDoc;
      if (!langs.has(docId)) langs.set(docId, (await this.store.document(docId))?.lang ?? null);
      const lang = langs.get(docId);
      if (!lang || lang === 'en') throw new ApiError('bad_request', 'Only the English of a non-English sentence can be edited');
      // Only the edited sentences are read: a row edit costs the same at 20 rows and at 2,000.
      const [row] = await this.store.sentencesAt(docId, [sentence]);
      if (!row) throw new ApiError('not_found', `No sentence ${sentence} in document ${docId}`);
      const text = english.trim();
      if (!text) throw new ApiError('bad_request', 'The English must not be empty');
      entries.push({ sourceLang: lang, memoryKey: memoryKey(row.text), sourceText: row.text, english: text, origin: 'human', provenance: 'review' });
    }
    await this.store.editTranslations(alignmentId, entries);
    return changedRows(this.store, alignmentId, { translations: entries.map((e) => ({ sourceLang: e.sourceLang, memoryKey: e.memoryKey })) });
  }

  /** Shifts a sentence across a row boundary, or inserts or removes an empty cell, on one side (./review-ops.ts). */
  async operate(alignmentId: number, beadId: number, side: Side, operation: SideOperation): Promise<ReviewResult> {
    return ops.operate(this.store, await this.alignment(alignmentId), beadId, side, operation);
  }

  /** Splits a source sentence at a caret offset; the split is kept with the document (./review-ops.ts). */
  async splitSentence(alignmentId: number, side: Side, sentence: number, at: number): Promise<ReviewResult> {
    return ops.splitSentence(this.store, await this.alignment(alignmentId), side, sentence, at);
  }

  /** Fixes a source sentence's text, keeping the ingested one and who changed it (./review-ops.ts). */
  async editSource(alignmentId: number, side: Side, sentence: number, text: string): Promise<ReviewResult> {
    return ops.editSource(this.store, await this.alignment(alignmentId), side, sentence, text);
  }

  /** Reverts the latest decision on an alignment (`undone` is null when there is nothing to undo). */
  async undo(alignmentId: number): Promise<ReviewResult> {
    if (!(await this.store.alignmentInfo(alignmentId))) throw new ApiError('not_found', `No alignment ${alignmentId}`);
    const undone = await this.store.undoReview(alignmentId);
    const result = await changedRows(this.store, alignmentId, undone ? {
      beads: undone.restored, removed: undone.removed, translations: undone.translations,
      // An edit undone puts back the sentence's text (its rows change); a split undone renumbers
      // the document's later sentences, so the answer is every row (see Touched.all).
      ...(undone.sentence ? (undone.sentence.split ? { all: true } : { sentences: [{ documentId: undone.sentence.documentId, indices: [undone.sentence.index] }] }) : {}),
    } : {});
    return { ...result, undone: undone?.action ?? null };
  }

  // ---- translation memory ----------------------------------------------------------------

  /** Imports a translation-memory file (./memory-import.ts): what was read, imported, skipped and why, decoded. */
  async importMemory(file: string, options: ImportOptions = {}, control: JobControl = {}): Promise<MemoryImportReport> {
    return importMemory(this.store, file, options, control);
  }

  // ---- export ------------------------------------------------------------------------------

  /**
   * Writes the reviewed pairs matching the filters as TMX, TSV, JSONL or XLIFF (see src/export).
   * The CLI and the app's Export dialog both come here, so equal options give equal bytes.
   */
  async export(options: ExportOptions, control: JobControl = {}): Promise<ExportReport> {
    const { runExport } = await exportParts();
    return runExport(this.store, options, control);
  }

  /** How many pairs an export with these filters would take, and their languages. */
  async previewExport(filter: ExportFilterOptions = {}): Promise<ExportPreview> {
    const { previewExport } = await exportParts();
    return previewExport(this.store, filter);
  }
}

function toMatchDocument(d: MatchInput): MatchDocument {
  return { ...d, lang: d.lang as Lang };
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

function describeUnsupported(detected: string | null, allowed?: readonly string[]): string {
  if (!detected) return 'language could not be identified';
  let name = detected;
  try {
    name = LANGUAGE_NAMES.of(detected) ?? detected;
  } catch {
    /* not a valid code: keep it as is */
  }
  if ((LANGS as readonly string[]).includes(detected)) return `language looks like ${name} (${detected}), which is not among the allowed languages (${allowed?.join(', ')})`;
  return `language looks like ${name} (${detected}), which Tandem does not translate`;
}
