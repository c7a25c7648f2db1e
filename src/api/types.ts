// The one source of truth for the shapes shared by engine, CLI, IPC, HTTP and UI.
// Validated with zod wherever data crosses a boundary.
import { z } from 'zod';
import { EVIDENCE_KINDS } from '../match/types.ts';

/** Languages Tandem knows how to segment and translate. `en` is the pivot language. */
export const LANGS = ['de', 'is', 'nl', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;
/** Source languages that have an opus-mt model into English. */
export const SOURCE_LANGS = ['de', 'is', 'nl'] as const satisfies readonly Lang[];
export type SourceLang = (typeof SOURCE_LANGS)[number];

export const IngestStatus = z.enum(['ingested', 'duplicate', 'rejected', 'unsupported']);
export type IngestStatus = z.infer<typeof IngestStatus>;

/** Options an analyst can give per ingest call (the CLI's --lang, --title, --date ...). */
export const IngestOptions = z.object({
  lang: Lang.optional(),
  title: z.string().min(1).optional(),
  date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/u, 'date must be YYYY-MM-DD or YYYY-MM').optional(),
  oneSentencePerLine: z.boolean().optional(),
  /** Languages identification may choose from. */
  allowedLangs: z.array(Lang).min(1).optional(),
  /** Files larger than this are rejected (bytes). */
  maxBytes: z.number().int().positive().optional(),
});
export type IngestOptions = z.infer<typeof IngestOptions>;

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
  origin: z.enum(['human', 'imported', 'model']).nullable(),
});
export type SentenceView = z.infer<typeof SentenceView>;

export const MemoryImportReport = z.object({ file: z.string(), imported: z.number().int(), byLang: z.record(z.string(), z.number().int()) });
export type MemoryImportReport = z.infer<typeof MemoryImportReport>;

export const MatchLevel = z.enum(['duplicate', 'same_event', 'same_story', 'unrelated']);
export type MatchLevel = z.infer<typeof MatchLevel>;

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

export const EXPORT_FORMATS = ['tmx', 'tsv', 'jsonl', 'xliff'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Which aligned pairs an export takes. The same fields drive the CLI flags and the app's dialog. */
export const ExportFilterOptions = z.object({
  /** Review status: accepted beads only (default), all, or all but rejected. */
  status: z.enum(['accepted', 'all', 'exclude-rejected']).default('accepted'),
  /** Lowest bead score to include. */
  minScore: z.number().finite().optional(),
  /** Keep pairs whose source language is one of these (the non-English side; side A of two non-English documents). */
  langs: z.array(z.enum(SOURCE_LANGS)).min(1).optional(),
  /** A story id from `stories` ("e…" event or "s…" story): alignments whose documents all belong to it. */
  story: z.string().min(1).optional(),
  /** Keep pairs of alignments that involve one of these documents. */
  documentIds: z.array(z.number().int().positive()).min(1).optional(),
});
export type ExportFilterOptions = z.input<typeof ExportFilterOptions>;

export const ExportOptions = ExportFilterOptions.extend({
  format: ExportFormat,
  /** Target file; written under a temporary name in the same folder and renamed when complete. */
  out: z.string().min(1),
});
export type ExportOptions = z.input<typeof ExportOptions>;

export const ExportReport = z.object({
  /** Absolute path of the written file. */
  file: z.string(),
  format: ExportFormat,
  /** Pairs written. */
  pairs: z.number().int(),
  /** Beads that matched the filters but could not be written as pairs (see skippedBy). */
  skipped: z.number().int(),
  skippedBy: z.object({
    /** A sentence without any English yet. */
    untranslated: z.number().int(),
    /** Both sides English: nothing to pair. */
    englishOnly: z.number().int(),
  }),
  bytes: z.number().int(),
  /** XML formats only: characters XML 1.0 cannot carry (C0 controls, U+FFFE/U+FFFF, lone surrogates) that were left out. */
  droppedChars: z.number().int(),
  /** Source languages of the written pairs. */
  langs: z.array(z.string()),
  seconds: z.number(),
});
export type ExportReport = z.infer<typeof ExportReport>;

export const ExportPreview = z.object({ pairs: z.number().int(), alignments: z.number().int(), langs: z.array(z.string()) });
export type ExportPreview = z.infer<typeof ExportPreview>;

/** Progress of a long job: emitted at least once a second while it runs. */
export interface Progress {
  phase: 'ingest' | 'translate' | 'match' | 'similarity' | 'import' | 'fetch' | 'verify' | 'export';
  done: number;
  total: number;
  /** What is being worked on: a file name or a language. */
  item?: string;
  perSecond?: number;
  etaSeconds?: number;
}

export interface JobControl {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}
