// The bottom layer: what every other layer may use, and which imports nothing of Tandem.
export * from './values.ts';
export { patchRows, type PatchableRow, type RowPatch } from './patch-rows.ts';
export { ENGLISH_SOURCE_HINTS, ENGLISH_SOURCE_NAMES, englishSource, LEVEL_NAMES, MEMORY_FIT_NOTES, memoryFitNote, NOTE_SEPARATOR } from './names.ts';
export { describeDeletion, type DeletionCounts } from './deletion.ts';
export { DOCUMENT_STATUSES, documentStatus, documentStatusLabel, translatedSentences, type DocumentCounts, type DocumentStatus } from './document-status.ts';
export { ApiError, CancelledError } from './errors.ts';
export { formatBytes } from './format.ts';
export type { JobControl, Progress } from './progress.ts';
export { IngestOptions } from './ingest-options.ts';
export { ARTICLE_ACCEPT, ARTICLE_EXTENSIONS } from './article-files.ts';
export { describeSkipped, EXPORT_PAIRS, EXPORT_SKIP_REASONS, EXPORT_SKIP_TEXT, ExportFilterOptions, ExportOptions, ExportPairChoice, ExportPreview, ExportReport, type ExportSkipReason } from './export-options.ts';
export { CONTENT_TYPES, contentType, PAGE_CSP } from './http-policy.ts';
export { APP_ROOT, DEFAULT_MANIFEST, FROM_SOURCE, MARIAN_WORKER, RENDERER_DIR } from './paths.ts';
export { SEARCH_LIMIT_MAX, SEARCH_SIDES, SearchHit, SearchOptions, SearchResult, SearchSegment, SearchSide } from './search-options.ts';
