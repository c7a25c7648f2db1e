// The service: the one object the CLI, the HTTP bridge and the Electron IPC all drive.
// Every public method takes and returns the types of ./types.ts.
import { basename, resolve } from 'node:path';
import { collectFiles, contentHash, IngestError, initLanguageDetector, parseArticle, readArticle } from '../ingest/index.ts';
import { Store } from '../store/index.ts';
import { MarianTranslator } from '../translate/marian.ts';
import { memoryKey, readMemoryFile, type ImportOptions } from '../translate/memory.ts';
import { ModelRegistry } from '../translate/registry.ts';
import { CancelledError, type Translator } from '../translate/translator.ts';
import {
  IngestOptions,
  LANGS,
  SOURCE_LANGS,
  type IngestedDocument,
  type IngestReport,
  type JobControl,
  type MemoryImportReport,
  type SentenceView,
  type SourceLang,
  type TranslateReport,
} from './types.ts';

export interface TandemOptions {
  /** SQLite file; created with its folder when missing. */
  dbPath: string;
  /** Folder with models/manifest-pinned model folders (transformers.js localModelPath). */
  modelsDir: string;
  /** Manifest file; defaults to the one shipped in models/. */
  manifestPath?: string;
}

/** Sentences sent to the worker per round trip: each round is saved before the next starts. */
const TRANSLATE_CHUNK = 32;

export class Tandem {
  private readonly translators = new Map<SourceLang, Translator>();

  private constructor(readonly store: Store, readonly models: ModelRegistry) {}

  static async open(options: TandemOptions): Promise<Tandem> {
    const [store] = await Promise.all([Store.open(options.dbPath), initLanguageDetector()]);
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
    try {
      const bytes = await readArticle(path, options.maxBytes);
      const known = await this.store.documentIdByHash(contentHash(bytes));
      if (known !== null) {
        const doc = await this.store.document(known);
        return { ...base, id: known, status: 'duplicate', lang: doc?.lang ?? null, langConfidence: doc?.langConfidence ?? 0, title: doc?.title ?? null, date: doc?.published ?? null, sentences: doc?.sentenceCount ?? 0, encoding: doc?.encoding ?? null };
      }
      const article = parseArticle(bytes, path, options);
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
    if (!(await this.store.document(documentId))) throw new Error(`No document ${documentId}`);
    return this.store.paragraphs(documentId);
  }

  async sentences(documentId: number): Promise<SentenceView[]> {
    if (!(await this.store.document(documentId))) throw new Error(`No document ${documentId}`);
    return (await this.store.sentences(documentId)).map(({ id: _id, ...s }) => s);
  }

  // ---- translate -------------------------------------------------------------------------

  async translate(filter: { langs?: string[]; documentIds?: number[] } = {}, control: JobControl = {}): Promise<TranslateReport> {
    const started = performance.now();
    const sourceFilter = { ...filter, langs: (filter.langs ?? [...SOURCE_LANGS]).filter((l) => (SOURCE_LANGS as readonly string[]).includes(l)) };
    const counts = await this.store.sentenceCounts(sourceFilter);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const pins = await this.models.pins();
    const todo = await this.store.sentencesToTranslate(pins, sourceFilter);
    const waiting = todo.reduce((n, t) => n + t.count, 0);
    const report: TranslateReport = { translated: total - waiting, fromMemory: total - waiting, byModel: 0, missingModels: [], messages: [], cancelled: false, seconds: 0 };

    const byLang = new Map<SourceLang, typeof todo>();
    for (const t of todo) byLang.set(t.lang as SourceLang, [...(byLang.get(t.lang as SourceLang) ?? []), t]);
    const runnable = [...byLang].filter(([lang]) => {
      if (pins[lang]) return true;
      report.missingModels.push(lang);
      report.messages.push(this.models.missingMessage(lang));
      return false;
    });
    const jobTotal = runnable.reduce((n, [, items]) => n + items.length, 0);
    const job = await this.store.startJob('translate', jobTotal);
    let done = 0;
    try {
      for (const [lang, items] of runnable) {
        const pin = pins[lang]!;
        const translator = this.translatorFor(lang, pin.modelId, pin.revision);
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
          await this.store.updateJob(job, done);
          const seconds = (performance.now() - started) / 1000;
          control.onProgress?.({ phase: 'translate', done, total: jobTotal, item: lang, perSecond: done / seconds, etaSeconds: ((jobTotal - done) * seconds) / done });
        }
      }
      await this.store.finishJob(job, 'done');
    } catch (err) {
      if (err instanceof CancelledError) {
        report.cancelled = true;
        await this.store.finishJob(job, 'cancelled', `${done} of ${jobTotal} saved`);
      } else {
        await this.store.finishJob(job, 'failed', (err as Error).message);
        throw err;
      }
    }
    report.seconds = (performance.now() - started) / 1000;
    return report;
  }

  private translatorFor(lang: SourceLang, modelId: string, revision: string): Translator {
    const existing = this.translators.get(lang);
    if (existing && existing.modelId === modelId && existing.revision === revision) return existing;
    const created = new MarianTranslator(lang, modelId, revision, this.models.modelsDir);
    this.translators.set(lang, created);
    return created;
  }

  // ---- translation memory ----------------------------------------------------------------

  async importMemory(file: string, options: ImportOptions = {}, control: JobControl = {}): Promise<MemoryImportReport> {
    const byLang: Record<string, number> = {};
    let imported = 0;
    for await (const batch of readMemoryFile(resolve(file), options)) {
      if (control.signal?.aborted) throw new CancelledError();
      await this.store.saveTranslations(batch.map((p) => ({
        sourceLang: p.lang, memoryKey: memoryKey(p.source), sourceText: p.source, english: p.english.trim(),
        origin: 'imported' as const, provenance: basename(file),
      })));
      for (const p of batch) byLang[p.lang] = (byLang[p.lang] ?? 0) + 1;
      imported += batch.length;
      control.onProgress?.({ phase: 'import', done: imported, total: 0, item: basename(file) });
    }
    return { file, imported, byLang };
  }
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
