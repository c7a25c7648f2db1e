// Value sets as an analyst reads them. No zod here: the review UI imports this file as it is.
import type { EnglishSource, MatchLevel, TranslationOrigin } from './values.ts';

export const LEVEL_NAMES: Readonly<Record<MatchLevel, string>> = { duplicate: 'Duplicate', same_event: 'Same event', same_story: 'Same story', unrelated: 'Unrelated' };

/** The tag on a sentence's English, in every view: who or what wrote it. */
export const ENGLISH_SOURCE_NAMES: Readonly<Record<EnglishSource, string>> = { human: 'HUMAN', imported: 'MEMORY', model: 'MODEL', document: 'DOCUMENT' };

/** The source of a sentence's English: the document's own text for English documents. */
export function englishSource(documentLang: string | null | undefined, origin: TranslationOrigin | null): EnglishSource | null {
  return documentLang === 'en' ? 'document' : origin;
}

/** What each tag means, for its tooltip. */
export const ENGLISH_SOURCE_HINTS: Readonly<Record<EnglishSource, string>> = {
  human: 'written or post-edited by an analyst',
  imported: 'from the translation memory (an imported file)',
  model: 'machine translation by the local model',
  document: 'the document is in English: its own text',
};

/** Separates a derived memory note from the file names in a translation's provenance. */
export const NOTE_SEPARATOR = ' · ';

/**
 * The note on English the memory gave a sentence whose segmentation differs from the memory's:
 * part `part` of an entry spanning `of` sentences, or `of` entries joined to make one sentence.
 */
export const MEMORY_FIT_NOTES = {
  entryPart: (part: number, of: number) => `entry joins ${of} sentences: part ${part} of ${of}`,
  entriesJoined: (of: number) => `${of} entries joined`,
} as const;

/** The derived-memory note at the head of a provenance, or null when the English fitted as it was. */
export function memoryFitNote(provenance: string | null): string | null {
  if (!provenance) return null;
  const head = provenance.split(NOTE_SEPARATOR)[0] ?? '';
  return /^entry joins \d+ sentences: part \d+ of \d+$|^\d+ entries joined$/u.test(head) ? head : null;
}
