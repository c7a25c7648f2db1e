// The value sets every layer shares (engine, store, api, CLI, HTTP, IPC, UI), each written once
// with its zod enum. A new value is added here and nowhere else; the SQLite CHECK constraints in
// the (frozen) migrations list the values as they were when each table was made.
import { z } from 'zod';

/** Languages Tandem knows how to segment and translate. `en` is the pivot language. */
export const LANGS = ['de', 'is', 'nl', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

/** Source languages that have an opus-mt model into English. */
export const SOURCE_LANGS = ['de', 'is', 'nl'] as const satisfies readonly Lang[];
export const SourceLang = z.enum(SOURCE_LANGS);
export type SourceLang = z.infer<typeof SourceLang>;

/** How close two reports are, closest first. */
export const MATCH_LEVELS = ['duplicate', 'same_event', 'same_story', 'unrelated'] as const;
export const MatchLevel = z.enum(MATCH_LEVELS);
export type MatchLevel = z.infer<typeof MatchLevel>;

/** How two documents are aligned: in order, by shared passages, or a document with its own English. */
export const ALIGNMENT_MODES = ['monotonic', 'passages', 'translation'] as const;
export const AlignmentMode = z.enum(ALIGNMENT_MODES);
export type AlignmentMode = z.infer<typeof AlignmentMode>;

/** What an analyst can do to one aligned row. */
export const REVIEW_ACTIONS = ['accept', 'reject', 'reset', 'merge', 'split'] as const;
export const ReviewAction = z.enum(REVIEW_ACTIONS);
export type ReviewAction = z.infer<typeof ReviewAction>;

/** The review actions that only set a row's status: the ones a batch can apply to many rows at once. */
export const STATUS_ACTIONS = ['accept', 'reject', 'reset'] as const satisfies readonly ReviewAction[];
export const StatusAction = z.enum(STATUS_ACTIONS);
export type StatusAction = z.infer<typeof StatusAction>;

/** The two sides of an aligned row. */
export const SIDES = ['a', 'b'] as const;
export const Side = z.enum(SIDES);
export type Side = z.infer<typeof Side>;

/**
 * Operations on one side of the rows (monotonic alignments): move a row's first sentence into the
 * row before or its last into the row after, and insert or remove an empty cell, which moves the
 * side's cells below down or up by one.
 */
export const SIDE_OPERATIONS = ['shift-up', 'shift-down', 'insert-gap', 'remove-gap'] as const;
export const SideOperation = z.enum(SIDE_OPERATIONS);
export type SideOperation = z.infer<typeof SideOperation>;

/** Changes of a document's source sentences made in review: split at a caret, edit the text. */
export const SOURCE_OPERATIONS = ['split-sentence', 'edit-source'] as const;
export type SourceOperation = (typeof SOURCE_OPERATIONS)[number];

/** Why a stored sentence differs from the ingested one (sentences.revision). */
export const SENTENCE_REVISIONS = ['split', 'edit'] as const;
export type SentenceRevision = (typeof SENTENCE_REVISIONS)[number];

/**
 * What the store records of an analyst's decisions on a row: the review actions, edits of its
 * English, the side operations and the source operations.
 */
export const DECISION_ACTIONS = [...REVIEW_ACTIONS, 'edit', ...SIDE_OPERATIONS, ...SOURCE_OPERATIONS] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** Where an aligned row stands in review. */
export const ROW_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export const RowStatus = z.enum(ROW_STATUSES);
export type RowStatus = z.infer<typeof RowStatus>;

/** Where an English sentence comes from: post-edited by an analyst, a memory file, or a model. Best first. */
export const TRANSLATION_ORIGINS = ['human', 'imported', 'model'] as const;
export const TranslationOrigin = z.enum(TRANSLATION_ORIGINS);
export type TranslationOrigin = z.infer<typeof TranslationOrigin>;

/**
 * Where the English shown beside a sentence comes from: a translation's origin, or the document
 * itself when it is written in English. Every view and export names it by this set.
 */
export const ENGLISH_SOURCES = [...TRANSLATION_ORIGINS, 'document'] as const;
export type EnglishSource = (typeof ENGLISH_SOURCES)[number];

/** What became of one file an ingest was given. */
export const INGEST_STATUSES = ['ingested', 'duplicate', 'rejected', 'unsupported'] as const;
export const IngestStatus = z.enum(INGEST_STATUSES);
export type IngestStatus = z.infer<typeof IngestStatus>;

/** The kinds of evidence a match gives for its level. */
export const EVIDENCE_KINDS = ['wording', 'headline', 'names', 'numbers', 'dates', 'event_date', 'passages', 'aligned_sentences', 'contains'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Files an export can write. */
export const EXPORT_FORMATS = ['tmx', 'tsv', 'jsonl', 'xliff'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/**
 * Model variants: which ONNX files of a model run (transformers.js `dtype`). fp32 =
 * `onnx/encoder_model.onnx`; q8 = the int8 files the model repositories publish beside them
 * (`onnx/encoder_model_quantized.onnx`, dynamic MatMul quantization).
 */
export const MODEL_VARIANTS = ['fp32', 'q8'] as const;
export const ModelVariant = z.enum(MODEL_VARIANTS);
export type ModelVariant = z.infer<typeof ModelVariant>;

/** The file-name suffix of a variant's ONNX files (transformers.js's dtype -> suffix rule). */
export const MODEL_VARIANT_SUFFIX: Record<ModelVariant, string> = { fp32: '', q8: '_quantized' };
