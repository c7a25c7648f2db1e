// Library: every document with its language, date, size and translation state; sortable
// columns, filters, and deleting documents (one or a selection, after a confirmation that counts
// what goes with them). Virtualized, so ten thousand rows scroll like ten. The sort and filters
// live in the app shell, so they are kept while the analyst switches views.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ExportPreset } from '../components/ExportDialog.tsx';
import { jobResult, type ImportFailure, type JobSnapshot } from '../api/client.ts';
import { SearchPanel } from '../components/SearchPanel.tsx';
import { fileName, percent } from '../format.ts';
import { useClient, useJobs, useQuery } from '../state.tsx';
import { DeleteDialog } from './library/DeleteDialog.tsx';
import { DocRow } from './library/DocRow.tsx';
import { docLang, translationTotals, type Doc } from './library/docStatus.ts';
import { LibraryFilters, SortHeader } from './library/LibraryControls.tsx';
import './library/library.css';
import { hasFilters, visibleDocuments, type LibraryViewState } from './library/libraryView.ts';
import { useSelection } from './library/useSelection.ts';

export interface ImportRun {
  jobId: string | null;
  failures: ImportFailure[];
  names: Record<string, string>;
}

interface Props {
  /** Opens a document; with `sentence`, at that sentence (a search hit). */
  onOpen: (id: number, sentence?: number) => void;
  onPickFiles: () => void;
  importRun: ImportRun | null;
  onDismissImport: () => void;
  onExport: () => void;
  /** The selection the Export dialog starts from: the selected rows, else the row the analyst moved to, if any. */
  onSelection: (p: ExportPreset) => void;
  /** Sort, filters and cursor, kept by the shell across view switches. */
  view: LibraryViewState;
  onView: (v: LibraryViewState) => void;
}

const ROW_HEIGHT = 46;

export function Library({ onOpen, onPickFiles, importRun, onDismissImport, onExport, onSelection, view, onView }: Props) {
  const client = useClient();
  const { jobs, revision } = useJobs();
  const docs = useQuery('documents', {}, revision);
  const [deleting, setDeleting] = useState<number[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const all = useMemo(() => docs.data ?? [], [docs.data]);
  const rows = useMemo(() => visibleDocuments(all, view), [all, view]);
  const langs = useMemo(() => [...new Set(all.map(docLang).filter((l): l is string => l !== null))].sort(), [all]);
  const found = view.activeId === null ? -1 : rows.findIndex((d) => d.id === view.activeId);
  const active = Math.max(0, found);
  const picked = found >= 0;

  const selection = useSelection(rows);
  const selected = selection.ids;
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const translating = jobs.some((j) => j.method === 'translate' && j.state === 'running');
  const totals = useMemo(() => translationTotals(all), [all]);

  // The list has the focus when the Library opens (Ctrl+1 included), so its keys work at once.
  useEffect(() => scroller.current?.focus({ preventScroll: true }), []);
  // Back from another view: the cursor's row is scrolled into sight.
  const scrolledBack = useRef(false);
  useEffect(() => {
    if (scrolledBack.current || !rows.length) return;
    scrolledBack.current = true;
    if (found > 0) virtualizer.scrollToIndex(found, { align: 'center' });
  }, [rows.length, found, virtualizer]);

  const translate = async () => {
    setError(null);
    try {
      await client.startJob('translate', {});
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const move = (to: number, extend = false) => {
    const i = Math.max(0, Math.min(rows.length - 1, to));
    const d = rows[i];
    if (!d) return;
    if (extend) selection.add([rows[active]!.id, d.id]);
    onView({ ...view, activeId: d.id });
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const targets = selected.size ? rows.filter((d) => selected.has(d.id)).map((d) => d.id) : rows[active] ? [rows[active].id] : [];
  const askDelete = () => {
    if (!targets.length) return;
    setNotice(null);
    setDeleting(targets);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() !== 'a')) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === 'ArrowDown' || key === 'j') move(active + 1, e.shiftKey);
    else if (key === 'ArrowUp' || key === 'k') move(active - 1, e.shiftKey);
    else if (key === 'Home') move(0, e.shiftKey);
    else if (key === 'End') move(rows.length - 1, e.shiftKey);
    else if (key === 'PageDown') move(active + 10, e.shiftKey);
    else if (key === 'PageUp') move(active - 10, e.shiftKey);
    else if (key === 'Enter' && rows[active]) onOpen(rows[active].id);
    else if (key === ' ' && rows[active]) selection.toggle(rows[active].id);
    else if (key === 'a' && (e.ctrlKey || e.metaKey)) selection.set(rows.map((d) => d.id));
    else if (key === 'Escape' && selected.size) selection.clear();
    else if (key === 'Delete') askDelete();
    else return;
    e.preventDefault();
  };

  const onRowClick = (e: MouseEvent, index: number, d: Doc) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey) {
      if (e.shiftKey && rows[active]) {
        const [lo, hi] = [Math.min(active, index), Math.max(active, index)];
        selection.add(rows.slice(lo, hi + 1).map((r) => r.id));
      } else selection.toggle(d.id);
      onView({ ...view, activeId: d.id });
      return;
    }
    onView({ ...view, activeId: d.id });
    onOpen(d.id);
  };

  const onDeleted = (r: { documents: { id: number }[]; counts: { documents: number } }) => {
    setDeleting(null);
    selection.clear();
    const next = rows.find((d, i) => i >= active && !r.documents.some((x) => x.id === d.id)) ?? rows.filter((d) => !r.documents.some((x) => x.id === d.id)).at(-1);
    onView({ ...view, activeId: next?.id ?? null });
    setNotice(`Deleted ${r.counts.documents} document${r.counts.documents === 1 ? '' : 's'}.`);
    docs.reload();
  };
  const listFocus = useCallback(() => scroller.current, []);

  const activeDoc = rows[active];
  const exportIds = selected.size ? [...selected].sort((a, b) => a - b) : picked && activeDoc ? [activeDoc.id] : [];
  const exportKey = exportIds.join(',');
  useEffect(() => onSelection(exportKey ? { documentIds: exportKey.split(',').map(Number) } : {}), [onSelection, exportKey]);
  const filtered = hasFilters(view);
  return (
    <div className="view library">
      <div className="toolbar">
        <h1>Library</h1>
        <span className="muted" data-testid="library-totals">
          {totals.count} document{totals.count === 1 ? '' : 's'} · {totals.sentences} sentences to translate · {totals.sentences ? percent(totals.translated / totals.sentences) : '0%'} translated
          {totals.english > 0 && ` · ${totals.english} original English`}
        </span>
        <span className="spacer" />
        <input className="search" type="search" placeholder="Filter by title or file" aria-label="Filter documents" value={view.text} onChange={(e) => onView({ ...view, text: e.target.value })} />
        <button type="button" className="btn" onClick={onPickFiles} title="Import articles (Ctrl+O)">
          Import files…
        </button>
        <button type="button" className="btn" onClick={onExport} title="Export reviewed pairs (Ctrl+E)">
          Export…
        </button>
        <button type="button" className="btn btn-danger" onClick={askDelete} disabled={!targets.length} title="Delete the selected documents, or the one under the cursor (Delete)" data-testid="library-delete">
          {selected.size > 1 ? `Delete ${selected.size}…` : 'Delete…'}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void translate()} disabled={translating || totals.count === 0} title="Translate every untranslated sentence">
          {translating ? 'Translating…' : 'Translate'}
        </button>
      </div>
      <SearchPanel onOpen={onOpen} />
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      {notice && <div className="notice notice-ok" role="status" data-testid="library-notice">{notice}</div>}
      {docs.error && <div className="notice notice-error" role="alert">Could not load the library: {docs.error}</div>}
      {importRun && <ImportReport run={importRun} job={jobs.find((j) => j.id === importRun.jobId) ?? null} onDismiss={onDismissImport} />}

      <LibraryFilters view={view} onView={onView} langs={langs} shown={rows.length} total={all.length} />
      <SortHeader view={view} onView={onView} />
      {docs.data && rows.length === 0 ? (
        <div className="empty">
          {filtered ? (
            <p>No document matches these filters{view.text.trim() ? ` and “${view.text.trim()}”` : ''}.</p>
          ) : (
            <>
              <p className="empty-title">The library is empty</p>
              <p>Import German, Icelandic or Dutch articles (text, HTML, PDF, Word, saved pages .mhtml, e-mail .eml): press <kbd>Ctrl</kbd>+<kbd>O</kbd> or drop files anywhere on this window.</p>
            </>
          )}
        </div>
      ) : (
        <div
          ref={scroller}
          className="table-body"
          role="listbox"
          aria-label="Documents"
          aria-multiselectable="true"
          aria-describedby="library-keys"
          tabIndex={0}
          aria-activedescendant={activeDoc ? `doc-row-${activeDoc.id}` : undefined}
          onKeyDown={onKey}
          data-testid="doc-list"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const d = rows[v.index]!;
              const isSelected = selected.has(d.id);
              return (
                <div
                  key={d.id}
                  id={`doc-row-${d.id}`}
                  role="option"
                  aria-selected={selected.size ? isSelected : v.index === active}
                  className={`row doc-grid${v.index === active ? ' row-active' : ''}${isSelected ? ' row-selected' : ''}`}
                  data-testid="doc-row"
                  data-doc={d.id}
                  data-active={v.index === active || undefined}
                  style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                  onClick={(e) => onRowClick(e, v.index, d)}
                >
                  <DocRow d={d} selected={isSelected} />
                </div>
              );
            })}
          </div>
        </div>
      )}
      <div className="list-keys muted small" id="library-keys">
        <kbd>J</kbd>/<kbd>K</kbd> move · <kbd>Enter</kbd> open · <kbd>Space</kbd> or <kbd>Ctrl</kbd>+click select · <kbd>Shift</kbd>+<kbd>J</kbd>/<kbd>K</kbd> extend · <kbd>Delete</kbd> delete…
      </div>
      {deleting && <DeleteDialog ids={deleting} onDeleted={onDeleted} onClose={() => setDeleting(null)} fallbackFocus={listFocus} />}
    </div>
  );
}

function ImportReport({ run, job, onDismiss }: { run: ImportRun; job: JobSnapshot | null; onDismiss: () => void }) {
  const result = job ? jobResult(job, 'ingest') : null;
  const problems = [
    ...run.failures.map((f) => ({ name: f.name, status: 'not uploaded', message: f.message })),
    ...(result?.documents ?? [])
      .filter((d) => d.status === 'rejected' || d.status === 'unsupported')
      .map((d) => ({ name: run.names[d.path] ?? fileName(d.path), status: d.status, message: d.error ?? '' })),
    ...(result?.skipped ?? []).map((s) => ({ name: run.names[s.path] ?? fileName(s.path), status: 'skipped', message: s.reason })),
  ];
  const count = (s: string) => result?.documents.filter((d) => d.status === s).length ?? 0;
  const running = job?.state === 'running';
  return (
    <div className={`notice ${problems.length ? 'notice-warn' : 'notice-ok'}`} role="status" data-testid="import-report">
      <div className="notice-head">
        <strong>
          {running
            ? `Importing ${job?.progress ? `${job.progress.done} of ${job.progress.total}` : ''}…`
            : job?.state === 'failed'
              ? `Import failed: ${job.error ?? ''}`
              : result || run.failures.length
                ? `Imported: ${[
                    `${count('ingested')} added`,
                    count('duplicate') ? `${count('duplicate')} already in the library` : '',
                    count('unsupported') ? `${count('unsupported')} in an unsupported language` : '',
                    count('rejected') + run.failures.length ? `${count('rejected') + run.failures.length} rejected` : '',
                  ].filter(Boolean).join(', ')}`
                : 'Uploading…'}
        </strong>
        <span className="spacer" />
        {!running && (
          <button type="button" className="btn btn-small btn-quiet" onClick={onDismiss} aria-label="Dismiss import report">
            ✕
          </button>
        )}
      </div>
      {problems.length > 0 && (
        <ul className="problems" data-testid="import-problems">
          {problems.map((p, i) => (
            <li key={i}>
              <span className="badge badge-warn">{p.status}</span> <strong>{p.name}</strong> — {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
