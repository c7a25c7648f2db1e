// The bottom layer: what every other layer may use, and which imports nothing of Tandem.
export * from './values.ts';
export { patchRows, type PatchableRow, type RowPatch } from './patch-rows.ts';
export { ENGLISH_SOURCE_HINTS, ENGLISH_SOURCE_NAMES, englishSource, LEVEL_NAMES, MEMORY_FIT_NOTES, memoryFitNote, NOTE_SEPARATOR } from './names.ts';
export { ApiError, CancelledError } from './errors.ts';
export { formatBytes } from './format.ts';
export type { JobControl, Progress } from './progress.ts';
export { IngestOptions } from './ingest-options.ts';
export { ExportFilterOptions, ExportOptions, ExportPreview, ExportReport } from './export-options.ts';
export { CONTENT_TYPES, contentType, PAGE_CSP } from './http-policy.ts';
export { APP_ROOT, DEFAULT_MANIFEST, FROM_SOURCE, MARIAN_WORKER, RENDERER_DIR } from './paths.ts';
