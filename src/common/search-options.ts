// What a full-text search takes and answers (api method `search`, `tandem search`, the Library's
// search field), validated at the boundary with these schemas.
import { z } from 'zod';
import { Lang } from './values.ts';

/** Which text a search looks in: the sentences as written, their English, or both. */
export const SEARCH_SIDES = ['original', 'english', 'both'] as const;
export const SearchSide = z.enum(SEARCH_SIDES);
export type SearchSide = z.infer<typeof SearchSide>;

export const SEARCH_LIMIT_MAX = 500;

export const SearchOptions = z.object({
  /**
   * Words to find (all of them, in any order, case and diacritics ignored); "a phrase" in double
   * quotes; a word ending in * is a prefix. Anything else is taken as text, never as syntax.
   */
  query: z.string().trim().min(1, 'type something to search for').max(500),
  /** Only documents in this language. */
  lang: Lang.optional(),
  side: SearchSide.default('both'),
  limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(50),
});
export type SearchOptions = z.input<typeof SearchOptions>;

/** A piece of a hit's text; `hit` marks the words that matched. Plain text: render it as text. */
export const SearchSegment = z.object({ text: z.string(), hit: z.boolean() });
export type SearchSegment = z.infer<typeof SearchSegment>;

export const SearchHit = z.object({
  documentId: z.number().int(),
  title: z.string().nullable(),
  fileName: z.string(),
  lang: z.string().nullable(),
  /** The sentence's index in its document. */
  sentence: z.number().int(),
  /** Where the words were found: the original sentence or its English. */
  side: z.enum(['original', 'english']),
  /** The text that matched, cut into segments (long sentences are clipped around the hits, with "…"). */
  segments: z.array(SearchSegment),
  /** The other side, for context: the English of an original hit (null when untranslated), the original of an English hit. */
  other: z.string().nullable(),
  /** bm25 relevance: lower is better; hits come best first. */
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  hits: z.array(SearchHit),
  /** There are more hits than `limit`. */
  more: z.boolean(),
  /** The words searched for, as folded for matching ("aussenminister" for "Außenminister"). */
  terms: z.array(z.string()),
});
export type SearchResult = z.infer<typeof SearchResult>;
