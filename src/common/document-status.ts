// A document's translation state as the analyst reads it: one rule for the CLI's listing and the
// Library's badge, filter, sort and "% translated" total. English originals need no translation;
// a partly translated document says how far it got. No zod here: the review UI imports this file.

export type DocumentStatus = 'english' | 'untranslated' | 'partial' | 'translated' | 'unsupported';

/** What the rule reads of a listed document. */
export interface DocumentCounts {
  status: 'ingested' | 'unsupported';
  lang: string | null;
  detectedLang: string | null;
  sentenceCount: number;
  translatedCount: number;
}

export const DOCUMENT_STATUSES: readonly { value: DocumentStatus; label: string }[] = [
  { value: 'untranslated', label: 'Untranslated' },
  { value: 'partial', label: 'Partly translated' },
  { value: 'translated', label: 'Translated' },
  { value: 'english', label: 'Original English' },
  { value: 'unsupported', label: 'Unsupported language' },
];

/** Sentences with English (never more than the document has). */
export function translatedSentences(d: DocumentCounts): number {
  return Math.min(d.translatedCount, d.sentenceCount);
}

export function documentStatus(d: DocumentCounts): DocumentStatus {
  if (d.status === 'unsupported') return 'unsupported';
  if (d.lang === 'en') return 'english';
  const done = translatedSentences(d);
  if (d.sentenceCount > 0 && done >= d.sentenceCount) return 'translated';
  return done > 0 ? 'partial' : 'untranslated';
}

/** "Original English", "Untranslated", "Translated 3/10", "Translated", "Unsupported: fr". */
export function documentStatusLabel(d: DocumentCounts): string {
  const s = documentStatus(d);
  if (s === 'english') return 'Original English';
  if (s === 'unsupported') return `Unsupported${d.detectedLang ? `: ${d.detectedLang}` : ''}`;
  if (s === 'partial') return `Translated ${translatedSentences(d)}/${d.sentenceCount}`;
  return s === 'translated' ? 'Translated' : 'Untranslated';
}
