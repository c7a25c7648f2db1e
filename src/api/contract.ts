// The api as every face sees it: method names, their validated inputs, and the dispatcher that
// runs them on the service. The HTTP bridge, the Electron IPC binding and the renderer's client
// are all typed from this one table, so a method exists everywhere or nowhere.
import { z } from 'zod';
import { ApiError } from '../common/index.ts';
import type { Tandem } from './service.ts';
import { BatchSelection } from './review-batch.ts';
import { alignBatch, AlignBatchInput } from './align-batch.ts';
import { deleteDocuments } from './delete-documents.ts';
import { importPairs, ImportPairsInput } from './pairs-import.ts';
import { addModelFolder, deleteModel } from './models.ts';

export { ApiError } from '../common/index.ts';
export type { JobSnapshot } from './jobs.ts';
import { ExportFilterOptions, ExportOptions, IngestOptions } from './types.ts';
import { AlignmentMode, ModelVariant, ReviewAction, SearchOptions, Side, SideOperation, SourceLang } from '../common/index.ts';
import { search } from './search.ts';

const DocumentId = z.object({ id: z.number().int().positive() });
const DocumentPair = z.object({ a: z.number().int().positive(), b: z.number().int().positive() });
const AlignmentId = z.object({ alignmentId: z.number().int().positive() });
const SentenceEdit = z.object({ side: Side, sentence: z.number().int().nonnegative(), english: z.string().min(1).max(10_000) });

/** Quick calls, reads and single analyst decisions: answered at once. */
export const queries = {
  documents: z.object({}),
  document: DocumentId,
  paragraphs: DocumentId,
  sentences: DocumentId,
  /** Deletes documents with their alignments, decisions, matches and story memberships (dryRun: only count them). */
  deleteDocuments: z.object({ ids: z.array(z.number().int().positive()).min(1).max(100_000), dryRun: z.boolean().optional() }),
  models: z.object({}),
  /** Deletes an installed model's files (its translations stay in the memory). */
  deleteModel: z.object({ lang: SourceLang }),
  translationRuns: z.object({}),
  matches: z.object({ documentId: z.number().int().positive().optional() }),
  passages: z.object({ documentId: z.number().int().positive().optional() }),
  stories: z.object({}),
  storyDecisions: z.object({}),
  similarity: DocumentPair,
  decideStory: z.discriminatedUnion('kind', [
    z.object({ kind: z.enum(['confirm', 'reject']), a: z.number().int().positive(), b: z.number().int().positive() }),
    z.object({ kind: z.literal('move'), doc: z.number().int().positive(), story: z.string().min(1) }),
  ]),
  alignments: z.object({}),
  /** The stored alignment of a pair when it is still valid (null: run the `align` job). */
  storedAlignment: DocumentPair.extend({ mode: AlignmentMode.optional() }),
  alignment: AlignmentId,
  compare: AlignmentId.extend({ ignoreCase: z.boolean().optional(), ignorePunctuation: z.boolean().optional() }),
  review: AlignmentId.extend({ beadId: z.number().int().positive(), action: ReviewAction }),
  reviewMany: AlignmentId.extend(BatchSelection.shape),
  editEnglish: AlignmentId.merge(SentenceEdit),
  /** The changed sentences of one row, saved as one decision (one undo step). */
  editRow: AlignmentId.extend({ edits: z.array(SentenceEdit).min(1).max(50) }),
  operate: AlignmentId.extend({ beadId: z.number().int().positive(), side: Side, operation: SideOperation }),
  splitSentence: AlignmentId.extend({ side: Side, sentence: z.number().int().nonnegative(), at: z.number().int().positive() }),
  editSource: AlignmentId.extend({ side: Side, sentence: z.number().int().nonnegative(), text: z.string().min(1).max(10_000) }),
  undo: AlignmentId,
  previewExport: ExportFilterOptions,
  /** Full-text search over the sentences and their English, best hits first. */
  search: SearchOptions,
} as const;

/** Long jobs: started, reported through progress events, cancellable. */
export const jobs = {
  ingest: z.object({ paths: z.array(z.string().min(1)).min(1), options: IngestOptions.default({}) }),
  translate: z.object({ langs: z.array(SourceLang).optional(), documentIds: z.array(z.number().int().positive()).optional() }),
  importMemory: z.object({ file: z.string().min(1), lang: SourceLang.optional(), english: z.string().min(1).optional() }),
  fetchModels: z.object({ lang: SourceLang.optional(), baseUrl: z.string().url().optional(), variant: ModelVariant.optional() }),
  /** Registers a model folder (e.g. copied from removable media) for a language: `tandem models add DIR --lang L`. */
  addModel: z.object({ dir: z.string().min(1), lang: SourceLang }),
  match: z.object({}),
  export: ExportOptions,
  /** Aligns a pair (or a document with its English): a stored, still valid alignment comes back at once. */
  align: DocumentPair.extend({ mode: AlignmentMode.optional() }),
  /** Aligns every matched pair and/or every document against its English (see align-batch.ts). */
  alignBatch: AlignBatchInput,
  /** Imports a bilingual TMX as a parallel corpus: two documents per language pair and an accepted 1-1 alignment (see pairs-import.ts). */
  importPairs: ImportPairsInput,
} as const;

export type QueryName = keyof typeof queries;
export type JobName = keyof typeof jobs;
export type QueryInput<K extends QueryName> = z.input<(typeof queries)[K]>;
export type JobInput<K extends JobName> = z.input<(typeof jobs)[K]>;

type Control = { signal: AbortSignal; onProgress: Parameters<Tandem['ingest']>[2] extends infer C ? (C extends { onProgress?: infer P } ? NonNullable<P> : never) : never };

const queryHandlers = {
  documents: (t: Tandem) => t.documents(),
  document: async (t: Tandem, i: z.infer<typeof DocumentId>) => {
    const d = await t.store.document(i.id);
    if (!d) throw new ApiError('not_found', `No document ${i.id}`);
    return d;
  },
  paragraphs: (t: Tandem, i: z.infer<typeof DocumentId>) => t.paragraphs(i.id),
  sentences: (t: Tandem, i: z.infer<typeof DocumentId>) => t.sentences(i.id),
  deleteDocuments: (t: Tandem, i: z.infer<typeof queries.deleteDocuments>) => deleteDocuments(t, i.ids, { dryRun: i.dryRun }),
  models: (t: Tandem) => t.models.list(),
  deleteModel: (t: Tandem, i: z.infer<typeof queries.deleteModel>) => deleteModel(t, i.lang),
  translationRuns: (t: Tandem) => t.store.translationRuns(),
  matches: (t: Tandem, i: z.infer<typeof queries.matches>) => t.store.matches(i),
  passages: (t: Tandem, i: z.infer<typeof queries.passages>) => t.store.passages(i),
  stories: (t: Tandem) => t.stories(),
  storyDecisions: (t: Tandem) => t.store.storyDecisions(),
  similarity: (t: Tandem, i: z.infer<typeof DocumentPair>) => t.similarity(i.a, i.b),
  decideStory: (t: Tandem, i: z.infer<typeof queries.decideStory>) => t.decideStory(i),
  alignments: (t: Tandem) => t.store.alignments(),
  storedAlignment: (t: Tandem, i: z.infer<typeof queries.storedAlignment>) => t.storedAlignment(i.a, i.b, i.mode),
  alignment: (t: Tandem, i: z.infer<typeof AlignmentId>) => t.alignment(i.alignmentId),
  compare: (t: Tandem, i: z.infer<typeof queries.compare>) => t.compare(i.alignmentId, i),
  review: (t: Tandem, i: z.infer<typeof queries.review>) => t.review(i.alignmentId, i.beadId, i.action),
  reviewMany: (t: Tandem, { alignmentId, ...selection }: z.infer<typeof queries.reviewMany>) => t.reviewMany(alignmentId, selection),
  editEnglish: (t: Tandem, i: z.infer<typeof queries.editEnglish>) => t.editEnglish(i.alignmentId, i.side, i.sentence, i.english),
  editRow: (t: Tandem, i: z.infer<typeof queries.editRow>) => t.editRow(i.alignmentId, i.edits),
  operate: (t: Tandem, i: z.infer<typeof queries.operate>) => t.operate(i.alignmentId, i.beadId, i.side, i.operation),
  splitSentence: (t: Tandem, i: z.infer<typeof queries.splitSentence>) => t.splitSentence(i.alignmentId, i.side, i.sentence, i.at),
  editSource: (t: Tandem, i: z.infer<typeof queries.editSource>) => t.editSource(i.alignmentId, i.side, i.sentence, i.text),
  undo: (t: Tandem, i: z.infer<typeof AlignmentId>) => t.undo(i.alignmentId),
  previewExport: (t: Tandem, i: z.infer<typeof queries.previewExport>) => t.previewExport(i),
  search: (t: Tandem, i: z.infer<typeof queries.search>) => search(t.store, i),
} satisfies { [K in QueryName]: (t: Tandem, input: z.infer<(typeof queries)[K]>) => Promise<unknown> };

const jobHandlers = {
  ingest: (t: Tandem, i: z.infer<typeof jobs.ingest>, c: Control) => t.ingest(i.paths, i.options, c),
  translate: (t: Tandem, i: z.infer<typeof jobs.translate>, c: Control) => t.translate(i, c),
  importMemory: (t: Tandem, i: z.infer<typeof jobs.importMemory>, c: Control) => t.importMemory(i.file, { lang: i.lang, english: i.english }, c),
  fetchModels: (t: Tandem, i: z.infer<typeof jobs.fetchModels>, c: Control) =>
    t.models.fetch({
      lang: i.lang, baseUrl: i.baseUrl, variant: i.variant, signal: c.signal,
      onProgress: (f) => c.onProgress({ phase: 'fetch', done: f.receivedBytes, total: f.totalBytes ?? 0, item: `${f.lang} ${f.file}`, perSecond: f.bytesPerSecond }),
    }),
  addModel: (t: Tandem, i: z.infer<typeof jobs.addModel>, c: Control) => addModelFolder(t, i.dir, i.lang, c.signal),
  match: (t: Tandem, _i: z.infer<typeof jobs.match>, c: Control) => t.match(c),
  export: (t: Tandem, i: z.infer<typeof jobs.export>, c: Control) => t.export(i, c),
  // The answer goes to every listener of job events: the alignment without its beads (read them with `alignment` or `compare`).
  align: async (t: Tandem, i: z.infer<typeof jobs.align>, c: Control) => {
    const { beads, ...alignment } = await t.align(i.a, i.b, i.mode, c);
    return { ...alignment, rows: beads.length };
  },
  alignBatch: (t: Tandem, i: z.infer<typeof jobs.alignBatch>, c: Control) => alignBatch(t, i, c),
  importPairs: (t: Tandem, i: z.infer<typeof jobs.importPairs>, c: Control) => importPairs(t, i, c),
} satisfies { [K in JobName]: (t: Tandem, input: z.infer<(typeof jobs)[K]>, control: Control) => Promise<unknown> };

export type QueryResult<K extends QueryName> = Awaited<ReturnType<(typeof queryHandlers)[K]>>;
export type JobResult<K extends JobName> = Awaited<ReturnType<(typeof jobHandlers)[K]>>;


function parse<S extends z.ZodType>(schema: S, input: unknown, method: string): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new ApiError('bad_request', `${method}: ${r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  return r.data;
}

export function isQuery(method: string): method is QueryName {
  return Object.hasOwn(queries, method);
}

export function isJob(method: string): method is JobName {
  return Object.hasOwn(jobs, method);
}

/** Validates `input` and runs a query. Unknown methods and bad input throw ApiError. */
export async function runQuery(t: Tandem, method: string, input: unknown): Promise<unknown> {
  if (!isQuery(method)) throw new ApiError('unknown_method', `No api method "${method}"`);
  const handler = queryHandlers[method] as (t: Tandem, i: unknown) => Promise<unknown>;
  return handler(t, parse(queries[method], input, method));
}

/** A job's validated input; throws ApiError for an unknown job or bad input. */
export interface ValidJob {
  method: JobName;
  input: unknown;
}

export function validateJob(method: string, input: unknown): ValidJob {
  if (!isJob(method)) throw new ApiError('unknown_method', `No api job "${method}"`);
  return { method, input: parse(jobs[method], input, method) };
}

/** The files a job's input names: `reads` are taken into the database, `writes` are created. */
export interface JobPaths {
  reads: string[];
  writes: string[];
}

/**
 * Every path field of every job, in one place. The faces that take paths from a page (the HTTP
 * bridge, the Electron window) check these against what that page may name before they start the
 * job; the CLI passes the user's own paths straight to the service. A new job that names files must
 * say so here (the table is exhaustive over the job names).
 */
const jobPathFields = {
  ingest: (i: z.infer<typeof jobs.ingest>) => ({ reads: i.paths, writes: [] }),
  importMemory: (i: z.infer<typeof jobs.importMemory>) => ({ reads: [i.file], writes: [] }),
  export: (i: z.infer<typeof jobs.export>) => ({ reads: [], writes: [i.out] }),
  translate: () => ({ reads: [], writes: [] }),
  fetchModels: () => ({ reads: [], writes: [] }),
  addModel: (i: z.infer<typeof jobs.addModel>) => ({ reads: [i.dir], writes: [] }),
  match: () => ({ reads: [], writes: [] }),
  align: () => ({ reads: [], writes: [] }),
  alignBatch: () => ({ reads: [], writes: [] }),
  importPairs: (i: z.infer<typeof jobs.importPairs>) => ({ reads: [i.file], writes: [] }),
} satisfies { [K in JobName]: (input: z.infer<(typeof jobs)[K]>) => JobPaths };

/** The paths a validated job would read or write. */
export function jobPaths(job: ValidJob): JobPaths {
  return (jobPathFields[job.method] as (i: unknown) => JobPaths)(job.input);
}

/** Runs a validated job to completion. */
export function runJob(t: Tandem, job: ValidJob, control: Control): Promise<unknown> {
  const handler = jobHandlers[job.method] as (t: Tandem, i: unknown, c: Control) => Promise<unknown>;
  return handler(t, job.input, control);
}
