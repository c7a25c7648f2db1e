// What the Library shows: the sort column and direction, the filters (text, language, status,
// date range). The state lives in the app shell, so it is kept while the analyst switches views.
import { documentStatus, translatedSentences, type DocumentStatus } from '../../../../src/common/document-status.ts';
import { docLang, type Doc } from './docStatus.ts';

export type SortKey = 'id' | 'title' | 'language' | 'date' | 'sentences' | 'translation' | 'added';
export type SortDir = 'asc' | 'desc';

export interface LibraryViewState {
  sort: SortKey;
  dir: SortDir;
  text: string;
  /** '' = every language */
  lang: string;
  /** '' = every status */
  status: DocumentStatus | '';
  /** YYYY-MM-DD or '' (open); a document without a date is hidden once either end is set */
  from: string;
  to: string;
  /** The document the cursor was on, to come back to it. */
  activeId: number | null;
}

export const DEFAULT_LIBRARY_VIEW: LibraryViewState = { sort: 'id', dir: 'asc', text: '', lang: '', status: '', from: '', to: '', activeId: null };

export function hasFilters(v: LibraryViewState): boolean {
  return v.text.trim() !== '' || v.lang !== '' || v.status !== '' || v.from !== '' || v.to !== '';
}

const STATUS_ORDER: Record<DocumentStatus, number> = { untranslated: 0, partial: 1, translated: 2, english: 3, unsupported: 4 };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Compares two documents on a column; a missing value (no date, no title) sorts last either way. */
function compare(a: Doc, b: Doc, key: SortKey): number {
  switch (key) {
    case 'id':
      return a.id - b.id;
    case 'title':
      return collator.compare(a.title ?? a.fileName, b.title ?? b.fileName);
    case 'language':
      return collator.compare(docLang(a) ?? '~', docLang(b) ?? '~');
    case 'date':
      return (a.published ?? '').localeCompare(b.published ?? '');
    case 'sentences':
      return a.sentenceCount - b.sentenceCount;
    case 'translation': {
      const s = STATUS_ORDER[documentStatus(a)] - STATUS_ORDER[documentStatus(b)];
      return s || translatedSentences(a) / Math.max(1, a.sentenceCount) - translatedSentences(b) / Math.max(1, b.sentenceCount);
    }
    case 'added':
      return a.createdAt.localeCompare(b.createdAt);
  }
}

function missing(d: Doc, key: SortKey): boolean {
  return key === 'date' ? d.published === null : false;
}

export function visibleDocuments(all: readonly Doc[], v: LibraryViewState): Doc[] {
  const text = v.text.trim().toLowerCase();
  const rows = all.filter((d) => {
    if (text && !`${d.title ?? ''} ${d.fileName} ${docLang(d) ?? ''}`.toLowerCase().includes(text)) return false;
    if (v.lang && docLang(d) !== v.lang) return false;
    if (v.status && documentStatus(d) !== v.status) return false;
    if (v.from || v.to) {
      if (!d.published) return false;
      // a month-precision date (YYYY-MM) counts from its first day
      const day = d.published.length === 7 ? `${d.published}-01` : d.published;
      if (v.from && day < v.from) return false;
      if (v.to && day > v.to) return false;
    }
    return true;
  });
  const sign = v.dir === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    const ma = missing(a, v.sort);
    const mb = missing(b, v.sort);
    if (ma !== mb) return ma ? 1 : -1;
    return sign * compare(a, b, v.sort) || a.id - b.id;
  });
}
