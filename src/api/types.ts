// The one source of truth for the shapes shared by engine, CLI, IPC, HTTP and UI.
// Validated with zod wherever data crosses a boundary.
import { z } from 'zod';
import { EVIDENCE_KINDS, IngestStatus, MatchLevel, SENTENCE_REVISIONS, TranslationOrigin } from '../common/index.ts';

export * from '../common/values.ts';
export type { JobControl, Progress } from '../common/progress.ts';
export { IngestOptions } from '../common/ingest-options.ts';
export { describeSkipped, EXPORT_PAIRS, EXPORT_SKIP_REASONS, EXPORT_SKIP_TEXT, ExportFilterOptions, ExportOptions, ExportPairChoice, ExportPreview, ExportReport, type ExportSkipReason } from '../common/export-options.ts';
export { SEARCH_SIDES, SearchHit, SearchOptions, SearchResult, SearchSegment, SearchSide } from '../common/search-options.ts';

export const IngestedDocument = z.object({
  id: z.number().int().nullable(),
  path: z.string(),
  lang: z.string().nullable(),
  langConfidence: z.number(),
  title: z.string().nullable(),
  date: z.string().nullable(),
  sentences: z.number().int(),
  status: IngestStatus,
  error: z.string().nullable(),
  errorCode: z.string().nullable(),
  encoding: z.string().nullable(),
  boilerplate: z.number().int(),
  warnings: z.array(z.string()),
});
export type IngestedDocument = z.infer<typeof IngestedDocument>;

export const IngestReport = z.object({ documents: z.array(IngestedDocument), skipped: z.array(z.object({ path: z.string(), reason: z.string() })) });
export type IngestReport = z.infer<typeof IngestReport>;

export const TranslateReport = z.object({
  /** Content sentences that have an English translation after this run (of those considered). */
  translated: z.number().int(),
  /** Sentences served by the translation memory (human, imported, or earlier model output). */
  fromMemory: z.number().int(),
  /**
   * Sentences this run gave memory English although no entry has their text: part of an entry that
   * spans neighbouring sentences, or several entries joined (the note is in their provenance).
   */
  fittedFromMemory: z.number().int(),
  /** Distinct source texts sent to a model in this run. */
  byModel: z.number().int(),
  /** Languages whose sentences stay untranslated because their model is not installed. */
  missingModels: z.array(z.string()),
  messages: z.array(z.string()),
  cancelled: z.boolean(),
  seconds: z.number(),
});
export type TranslateReport = z.infer<typeof TranslateReport>;

export const SentenceView = z.object({
  index: z.number().int(),
  paragraph: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  translation: z.string().nullable(),
  origin: TranslationOrigin.nullable(),
  /** Where the English came from: a memory file's name (noting a join or split), 'review', or null. */
  provenance: z.string().nullable(),
  /** An analyst's split or fix of the sentence in review: the ingested sentence it came from, who, when, why. */
  revision: z.object({ kind: z.enum(SENTENCE_REVISIONS), original: z.string(), by: z.string().nullable(), at: z.string().nullable(), why: z.string().nullable() }).nullable(),
});
export type SentenceView = z.infer<typeof SentenceView>;

export const MemoryImportReport = z.object({
  file: z.string(),
  /** Units (TMX <tu>, TSV or text lines) read from the file. */
  read: z.number().int(),
  /** Pairs saved in the memory, per source language in `byLang`. */
  imported: z.number().int(),
  byLang: z.record(z.string(), z.number().int()),
  /** Units not imported, counted by reason. */
  skipped: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  /** Pairs whose text held HTML character references ("Nadal&#39;s"), decoded on import. */
  decoded: z.number().int(),
});
export type MemoryImportReport = z.infer<typeof MemoryImportReport>;

export const PassageSpan = z.object({ doc: z.number().int(), sentences: z.array(z.number().int()) });

/** One item of a match's evidence (src/match/types.ts Evidence), in plain words. */
export const EvidenceItem = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  label: z.string(),
  detail: z.string(),
  values: z.array(z.string()).optional(),
  weight: z.number().min(0).max(1),
  direction: z.enum(['for', 'against', 'neutral']),
  decisive: z.boolean().optional(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const MatchReport = z.object({
  pairs: z.array(z.object({
    a: z.number().int(), b: z.number().int(), score: z.number(), level: MatchLevel, basis: z.string(),
    /** why the pair has its level, in one sentence */
    summary: z.string(),
    evidence: z.array(EvidenceItem),
    /** the roundup of the two, when one contains the other */
    container: z.number().int().optional(),
  })),
  /** Clusters at `same_event` or closer, as lists of document ids. */
  stories: z.array(z.array(z.number().int())),
  /** Both views with their stable ids: `event` and the looser `story`. */
  storyViews: z.object({
    event: z.array(z.object({ id: z.string(), documents: z.array(z.number().int()) })),
    story: z.array(z.object({ id: z.string(), documents: z.array(z.number().int()) })),
  }),
  passages: z.array(z.object({ a: PassageSpan, b: PassageSpan, score: z.number() })),
  /** Documents fingerprinted and compared in this run (the rest were unchanged). */
  compared: z.number().int(),
  cancelled: z.boolean(),
  seconds: z.number(),
});
export type MatchReport = z.infer<typeof MatchReport>;

