// What an export takes and what it reports, validated at the boundary with these schemas.
import { z } from 'zod';
import { ExportFormat, LANGS, SOURCE_LANGS } from './values.ts';

/**
 * The language pair of the written units (`--pair`):
 * - 'auto' (the default): every alignment as its own bilingual pair, two languages per unit: an
 *   original with its English (de-en, nl-en, is-en: translation review, or a report against an
 *   English one), or two originals (de-nl: no English needed), the source being the language
 *   first in alphabetical order;
 * - 'X-Y' ('de-en', 'nl-de', ...): only alignments between these two languages, X as the source;
 * - 'all': every side of every alignment in one unit (original, English, the other original with
 *   its own English), the form for archiving rather than for a CAT tool.
 */
const PAIR_PATTERN = new RegExp(`^(${LANGS.join('|')})-(${LANGS.join('|')})$`, 'u');
export const ExportPairChoice = z.union([
  z.enum(['auto', 'all']),
  z.string().regex(PAIR_PATTERN, `a language pair such as de-en or de-nl (languages ${LANGS.join(', ')}), auto or all`)
    .refine((p) => p.slice(0, 2) !== p.slice(3), 'a pair needs two different languages'),
]);
export type ExportPairChoice = z.infer<typeof ExportPairChoice>;

/** Why a selected bead is not written: the keys of skippedBy. */
export const EXPORT_SKIP_REASONS = ['untranslated', 'englishOnly', 'sameLanguage', 'otherPair', 'missingSentences'] as const;
export type ExportSkipReason = (typeof EXPORT_SKIP_REASONS)[number];

/** Each reason in words, as the CLI and the dialog show it after a count ("3 without English"). */
export const EXPORT_SKIP_TEXT: Record<ExportSkipReason, string> = {
  untranslated: 'without the English they need (translate them first)',
  englishOnly: 'English on both sides',
  sameLanguage: 'the same language on both sides (export them with pair "all")',
  otherPair: 'of another language pair',
  missingSentences: 'pointing at sentences their document no longer has (align again)',
};

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
  /** The language pair of the units (see ExportPairChoice). */
  pair: ExportPairChoice.default('auto'),
});
export type ExportFilterOptions = z.input<typeof ExportFilterOptions>;

export const ExportOptions = ExportFilterOptions.extend({
  format: ExportFormat,
  /** Target file; written under a temporary name in the same folder and renamed when complete. */
  out: z.string().min(1),
});
export type ExportOptions = z.input<typeof ExportOptions>;

const SkippedBy = z.object(Object.fromEntries(EXPORT_SKIP_REASONS.map((r) => [r, z.number().int()])) as Record<ExportSkipReason, z.ZodNumber>);

/** What an export with given filters writes and leaves out: the same walk computes it for the preview and the export. */
const ExportCounts = z.object({
  /** Units written (the preview: units that would be written). */
  pairs: z.number().int(),
  /** Beads that matched the filters but could not be written as units (see skippedBy). */
  skipped: z.number().int(),
  skippedBy: SkippedBy,
  /** Units by language pair ("de-en": 12); with pair "all", by source language and "+en". */
  languagePairs: z.record(z.string(), z.number().int()),
  /** Beads skipped as otherPair, by the language pair of their alignment. */
  otherPairs: z.record(z.string(), z.number().int()),
  /** Source languages of the written units. */
  langs: z.array(z.string()),
  /** Why nothing is written and what to do about it; null when there are units. */
  hint: z.string().nullable(),
  /** The hint's case: nothing aligned at all, no bead of the review status, no alignment matching the filters, or every bead skipped. */
  emptyReason: z.enum(['nothing_aligned', 'no_status', 'no_match', 'all_skipped']).nullable(),
});

export const ExportReport = ExportCounts.extend({
  /** Absolute path of the written file. */
  file: z.string(),
  format: ExportFormat,
  pair: ExportPairChoice,
  bytes: z.number().int(),
  /** XML formats only: characters XML 1.0 cannot carry (C0 controls, U+FFFE/U+FFFF, lone surrogates) that were left out. */
  droppedChars: z.number().int(),
  seconds: z.number(),
});
export type ExportReport = z.infer<typeof ExportReport>;

/** `alignments`: how many alignments give at least one unit. */
export const ExportPreview = ExportCounts.extend({ alignments: z.number().int() });
export type ExportPreview = z.infer<typeof ExportPreview>;

/** "3 skipped: 2 without English…, 1 of another language pair (nl-en: 1)", or '' when none were. */
export function describeSkipped(c: Pick<z.infer<typeof ExportCounts>, 'skipped' | 'skippedBy' | 'otherPairs'>): string {
  if (!c.skipped) return '';
  const parts = EXPORT_SKIP_REASONS.filter((r) => c.skippedBy[r] > 0).map((r) => {
    const detail = r === 'otherPair' ? ` (${Object.entries(c.otherPairs).map(([p, n]) => `${p}: ${n}`).join(', ')})` : '';
    return `${c.skippedBy[r]} ${EXPORT_SKIP_TEXT[r]}${detail}`;
  });
  return `${c.skipped} skipped: ${parts.join('; ')}`;
}

/** The pairs a dialog offers: each source language with English, then every two of them both ways. */
export const EXPORT_PAIRS: readonly string[] = [
  ...SOURCE_LANGS.map((l) => `${l}-en`),
  ...SOURCE_LANGS.flatMap((x) => SOURCE_LANGS.filter((y) => y !== x).map((y) => `${x}-${y}`)),
];
