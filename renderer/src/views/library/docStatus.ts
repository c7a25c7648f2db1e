// The Library's view of a document's state: the shared rule (src/common/document-status.ts) on the
// listed documents, the language it is shown under, and the "% translated" total, which leaves
// English originals and unsupported documents out.
import { documentStatus, translatedSentences } from '../../../../src/common/document-status.ts';
import type { QueryResult } from '../../api/client.ts';
import { languageName } from '../../format.ts';

export type Doc = QueryResult<'documents'>[number];

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
    const s = documentStatus(d);
    if (s === 'english') english++;
    if (s === 'english' || s === 'unsupported') continue;
    sentences += d.sentenceCount;
    translated += translatedSentences(d);
  }
  return { count: docs.length, sentences, translated, english };
}
