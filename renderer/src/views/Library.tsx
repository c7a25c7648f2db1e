// Library: every document with its language, date, size and translation state. Virtualized, so
// ten thousand rows scroll like ten.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ExportPreset } from '../components/ExportDialog.tsx';
import { jobResult, type ImportFailure, type JobSnapshot, type QueryResult } from '../api/client.ts';
import { ProgressBar } from '../components/Progress.tsx';
import { SearchPanel } from '../components/SearchPanel.tsx';
import { fileName, languageName, percent } from '../format.ts';
import { useClient, useJobs, useQuery } from '../state.tsx';

type Doc = QueryResult<'documents'>[number];

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
  /** The selection the Export dialog starts from: the row the analyst moved to, if any. */
  onSelection: (p: ExportPreset) => void;
}

const ROW_HEIGHT = 46;

export function Library({ onOpen, onPickFiles, importRun, onDismissImport, onExport, onSelection }: Props) {
  const client = useClient();
  const { jobs, revision } = useJobs();
  const docs = useQuery('documents', {}, revision);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => {
    const all = docs.data ?? [];
    const f = filter.trim().toLowerCase();
    if (!f) return all;
    return all.filter((d) => `${d.title ?? ''} ${d.fileName} ${d.lang ?? ''}`.toLowerCase().includes(f));
  }, [docs.data, filter]);

  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const translating = jobs.some((j) => j.method === 'translate' && j.state === 'running');
  const totals = useMemo(() => {
    const all = docs.data ?? [];
    const sentences = all.reduce((n, d) => n + (d.status === 'ingested' ? d.sentenceCount : 0), 0);
    const translated = all.reduce((n, d) => n + (d.status === 'ingested' ? Math.min(d.translatedCount, d.sentenceCount) : 0), 0);
    return { count: all.length, sentences, translated };
  }, [docs.data]);

  const translate = async () => {
    setError(null);
    try {
      await client.startJob('translate', {});
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const move = (to: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, to));
    setActive(i);
    setPicked(true);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'j') move(active + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') move(active - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(rows.length - 1);
    else if (e.key === 'PageDown') move(active + 10);
    else if (e.key === 'PageUp') move(active - 10);
    else if (e.key === 'Enter' && rows[active]) onOpen(rows[active].id);
    else return;
    e.preventDefault();
  };

  const activeDoc = rows[active];
  const selectedId = picked ? activeDoc?.id : undefined;
  useEffect(() => onSelection(selectedId ? { documentIds: [selectedId] } : {}), [onSelection, selectedId]);
  return (
    <div className="view library">
      <div className="toolbar">
        <h1>Library</h1>
        <span className="muted" data-testid="library-totals">
          {totals.count} document{totals.count === 1 ? '' : 's'} · {totals.sentences} sentences · {totals.sentences ? percent(totals.translated / totals.sentences) : '0%'} translated
        </span>
        <span className="spacer" />
        <input className="search" type="search" placeholder="Filter by title or file" aria-label="Filter documents" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button type="button" className="btn" onClick={onPickFiles} title="Import articles (Ctrl+O)">
          Import files…
        </button>
        <button type="button" className="btn" onClick={onExport} title="Export reviewed pairs (Ctrl+E)">
          Export…
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void translate()} disabled={translating || totals.count === 0} title="Translate every untranslated sentence">
          {translating ? 'Translating…' : 'Translate'}
        </button>
      </div>
      <SearchPanel onOpen={onOpen} />
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      {docs.error && <div className="notice notice-error" role="alert">Could not load the library: {docs.error}</div>}
      {importRun && <ImportReport run={importRun} job={jobs.find((j) => j.id === importRun.jobId) ?? null} onDismiss={onDismissImport} />}

      <div className="table-head doc-grid" role="presentation">
        <span>#</span>
        <span>Title</span>
        <span>Language</span>
        <span>Date</span>
        <span className="num">Sentences</span>
        <span>Translation</span>
        <span>Status</span>
      </div>
      {docs.data && rows.length === 0 ? (
        <div className="empty">
          {filter ? (
            <p>No document matches “{filter}”.</p>
          ) : (
            <>
              <p className="empty-title">The library is empty</p>
              <p>Import German, Icelandic or Dutch articles (.txt, .html): press <kbd>Ctrl</kbd>+<kbd>O</kbd> or drop files anywhere on this window.</p>
            </>
          )}
        </div>
      ) : (
        <div
          ref={scroller}
          className="table-body"
          role="listbox"
          aria-label="Documents"
          tabIndex={0}
          aria-activedescendant={activeDoc ? `doc-row-${activeDoc.id}` : undefined}
          onKeyDown={onKey}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const d = rows[v.index]!;
              return (
                <div
                  key={d.id}
                  id={`doc-row-${d.id}`}
                  role="option"
                  aria-selected={v.index === active}
                  className={`row doc-grid${v.index === active ? ' row-active' : ''}`}
                  data-testid="doc-row"
                  data-doc={d.id}
                  style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => {
                    setActive(v.index);
                    onOpen(d.id);
                  }}
                >
                  <DocRow d={d} />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}

function DocRow({ d }: { d: Doc }) {
  const unsupported = d.status === 'unsupported';
  const done = Math.min(d.translatedCount, d.sentenceCount);
  return (
    <>
      <span className="muted num-left">{d.id}</span>
      <span className="cell-title">
        <span className="title" title={d.title ?? d.fileName}>{d.title ?? d.fileName}</span>
        <span className="sub" title={d.path}>{d.fileName}</span>
      </span>
      <span className="cell-lang" data-testid="doc-lang" data-lang={d.lang ?? ''}>
        <span className="lang-code">{d.lang ?? '??'}</span>
        <span className="sub">
          {languageName(d.lang)} · {percent(d.langConfidence)}
        </span>
      </span>
      <span className="tabular">{d.published ?? <span className="muted">no date</span>}</span>
      <span className="num tabular">{d.sentenceCount}</span>
      <span className="cell-progress">
        {unsupported ? (
          <span className="muted">not translatable</span>
        ) : (
          <>
            <ProgressBar done={done} total={d.sentenceCount} label={`Translated sentences of ${d.title ?? d.fileName}`} />
            <span className="tabular small" data-testid="doc-translated">
              {done}/{d.sentenceCount}
            </span>
          </>
        )}
      </span>
      <span>
        {unsupported ? (
          <span className="badge badge-warn" title={`Looks like ${languageName(d.detectedLang)}; Tandem translates German, Icelandic and Dutch`}>
            Unsupported{d.detectedLang ? `: ${d.detectedLang}` : ''}
          </span>
        ) : done >= d.sentenceCount && d.sentenceCount > 0 ? (
          <span className="badge badge-done">Translated</span>
        ) : (
          <span className="badge">Untranslated</span>
        )}
      </span>
    </>
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
