// The options an analyst can give an ingest (the CLI's flags, the app's import), validated at the
// boundary with this schema.
import { z } from 'zod';
import { Lang } from './values.ts';

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
