// What an export takes and what it reports, validated at the boundary with these schemas.
import { z } from 'zod';
import { ExportFormat, SOURCE_LANGS } from './values.ts';

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
