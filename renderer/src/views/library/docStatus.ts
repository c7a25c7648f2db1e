// A document's translation state as the Library says it: one rule for the badge, the filter, the
// sort and the "% translated" total. English originals need no translation and are left out of
// that total; a partly translated document says how far it got.
import type { QueryResult } from '../../api/client.ts';
import { languageName } from '../../format.ts';

export type Doc = QueryResult<'documents'>[number];

export type DocStatus = 'english' | 'untranslated' | 'partial' | 'translated' | 'unsupported';

export const STATUS_CHOICES: { value: DocStatus; label: string }[] = [
  { value: 'untranslated', label: 'Untranslated' },
  { value: 'partial', label: 'Partly translated' },
  { value: 'translated', label: 'Translated' },
  { value: 'english', label: 'Original English' },
  { value: 'unsupported', label: 'Unsupported language' },
];

/** Sentences with English (never more than the document has). */
export function translatedSentences(d: Doc): number {
  return Math.min(d.translatedCount, d.sentenceCount);
}

export function docStatus(d: Doc): DocStatus {
  if (d.status === 'unsupported') return 'unsupported';
  if (d.lang === 'en') return 'english';
  const done = translatedSentences(d);
  if (d.sentenceCount > 0 && done >= d.sentenceCount) return 'translated';
  return done > 0 ? 'partial' : 'untranslated';
}

/** The badge text: "Original English", "Untranslated", "Translated 3/10", "Translated", "Unsupported: fr". */
export function statusLabel(d: Doc): string {
  const s = docStatus(d);
  if (s === 'english') return 'Original English';
  if (s === 'unsupported') return `Unsupported${d.detectedLang ? `: ${d.detectedLang}` : ''}`;
  if (s === 'partial') return `Translated ${translatedSentences(d)}/${d.sentenceCount}`;
  return s === 'translated' ? 'Translated' : 'Untranslated';
}

/** The language a document is shown under: the one it was ingested as, else what identification saw. */
export function docLang(d: Doc): string | null {
  return d.lang ?? d.detectedLang;
}

export function docLangName(d: Doc): string {
  const code = docLang(d);
  return code ? languageName(code) : 'unknown language';
}

/** Sentences that need English and how many have it: English originals and unsupported documents are left out. */
export function translationTotals(docs: readonly Doc[]): { count: number; sentences: number; translated: number; english: number } {
  let sentences = 0;
  let translated = 0;
  let english = 0;
  for (const d of docs) {
    const s = docStatus(d);
    if (s === 'english') english++;
    if (s === 'english' || s === 'unsupported') continue;
    sentences += d.sentenceCount;
    translated += translatedSentences(d);
  }
  return { count: docs.length, sentences, translated, english };
}
