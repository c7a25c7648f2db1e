// The Library's column headers (sortable: a button per column, aria-sort on the header cell) and
// its filter bar (language, translation status, date range).
import { useId } from 'react';
import { languageName } from '../../format.ts';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../../../src/common/document-status.ts';
import { hasFilters, DEFAULT_LIBRARY_VIEW, type LibraryViewState, type SortKey } from './libraryView.ts';

/** In the row's order; the progress column is not a sort of its own (the status sorts by it). */
const COLUMNS: ({ key: SortKey; label: string; className?: string } | { key: null; label: string; className?: string })[] = [
  { key: 'id', label: '#', className: 'num' },
  { key: 'title', label: 'Title' },
  { key: 'language', label: 'Language' },
  { key: 'date', label: 'Date' },
  { key: 'sentences', label: 'Sentences', className: 'num' },
  { key: null, label: 'Translated' },
  { key: 'added', label: 'Added' },
  { key: 'translation', label: 'Status' },
];

/** Numbers and dates start from the largest / newest; text from A. */
const FIRST_DIR: Record<SortKey, 'asc' | 'desc'> = { id: 'asc', title: 'asc', language: 'asc', date: 'desc', sentences: 'desc', translation: 'asc', added: 'desc' };

export function SortHeader({ view, onView }: { view: LibraryViewState; onView: (v: LibraryViewState) => void }) {
  return (
    <div className="table-head doc-grid" role="row" aria-label="Sort by">
      {COLUMNS.map((c) => {
        if (c.key === null) return <span key={c.label} role="columnheader" className={c.className}>{c.label}</span>;
        const key = c.key;
        const on = view.sort === c.key;
        const sort = on ? (view.dir === 'asc' ? 'ascending' : 'descending') : 'none';
        return (
          <span key={c.key} role="columnheader" aria-sort={sort} className={c.className}>
            <button
              type="button"
              className={`sort-button${on ? ' on' : ''}`}
              data-testid={`sort-${c.key}`}
              title={`Sort by ${c.label === '#' ? 'number' : c.key === 'translation' ? 'translation status' : c.label.toLowerCase()}${on ? ` (now ${sort}; press to reverse)` : ''}`}
              onClick={() => onView({ ...view, sort: key, dir: on ? (view.dir === 'asc' ? 'desc' : 'asc') : FIRST_DIR[key] })}
            >
              {c.label}
              <span className="sort-mark" aria-hidden="true">{on ? (view.dir === 'asc' ? '▲' : '▼') : ''}</span>
            </button>
          </span>
        );
      })}
    </div>
  );
}

export function LibraryFilters({ view, onView, langs, shown, total }: { view: LibraryViewState; onView: (v: LibraryViewState) => void; langs: string[]; shown: number; total: number }) {
  const id = useId();
  const set = (patch: Partial<LibraryViewState>) => onView({ ...view, ...patch });
  const badRange = view.from !== '' && view.to !== '' && view.from > view.to;
  return (
    <div className="filter-bar" role="group" aria-label="Filters" data-testid="library-filters">
      <label htmlFor={`${id}-lang`}>Language</label>
      <select id={`${id}-lang`} value={view.lang} onChange={(e) => set({ lang: e.target.value })} data-testid="filter-lang">
        <option value="">All languages</option>
        {langs.map((l) => <option key={l} value={l}>{languageName(l)} ({l})</option>)}
      </select>
      <label htmlFor={`${id}-status`}>Status</label>
      <select id={`${id}-status`} value={view.status} onChange={(e) => set({ status: e.target.value as DocumentStatus | '' })} data-testid="filter-status">
        <option value="">Any status</option>
        {DOCUMENT_STATUSES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
      </select>
      <label htmlFor={`${id}-from`}>Dated from</label>
      <input id={`${id}-from`} type="date" value={view.from} max={view.to || undefined} onChange={(e) => set({ from: e.target.value })} aria-invalid={badRange || undefined} data-testid="filter-from" />
      <label htmlFor={`${id}-to`}>to</label>
      <input id={`${id}-to`} type="date" value={view.to} min={view.from || undefined} onChange={(e) => set({ to: e.target.value })} aria-invalid={badRange || undefined} data-testid="filter-to" />
      {badRange && <span className="small error-text" role="alert">The start date is after the end date.</span>}
      <span className="spacer" />
      <span className="muted small" data-testid="library-shown" aria-live="polite">{hasFilters(view) ? `${shown} of ${total} shown` : ''}</span>
      {hasFilters(view) && (
        <button type="button" className="btn btn-small btn-quiet" onClick={() => onView({ ...DEFAULT_LIBRARY_VIEW, sort: view.sort, dir: view.dir, activeId: view.activeId })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
