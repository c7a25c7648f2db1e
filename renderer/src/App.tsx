// The shell: navigation, shortcuts, import (picker and drag and drop) and the job status area.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ARTICLE_ACCEPT } from '../../src/common/article-files.ts';
import { ExportDialog, type ExportPreset } from './components/ExportDialog.tsx';
import { JobsBar } from './components/JobsBar.tsx';
import { isMemoryFile, MemoryDialog } from './components/MemoryDialog.tsx';
import { useClient, useJobs } from './state.tsx';
import { DocumentView } from './views/DocumentView.tsx';
import { Library, type ImportRun } from './views/Library.tsx';
import { DEFAULT_LIBRARY_VIEW, type LibraryViewState } from './views/library/libraryView.ts';
import { Models } from './views/Models.tsx';
import { Compare } from './views/Compare.tsx';
import { AlignProgress } from './views/compare/AlignProgress.tsx';
import { useAlignJob } from './views/compare/useAlignJob.ts';
import { Stories } from './views/Stories.tsx';

type Route =
  | { view: 'library' }
  | { view: 'document'; id: number | null; sentence?: number }
  | { view: 'stories' }
  | { view: 'compare'; id: number | null }
  | { view: 'models' };

function parseHash(hash: string): Route {
  const m = /^#\/(library|document|stories|compare|models)(?:\/(\d+))?(?:\/(\d+))?$/u.exec(hash);
  const id = m?.[2] ? Number(m[2]) : null;
  // #/document/ID/SENTENCE: the document opened at a sentence (a search hit).
  if (m?.[1] === 'document') return m[3] && id ? { view: 'document', id, sentence: Number(m[3]) } : { view: 'document', id };
  if (m?.[1] === 'compare') return { view: 'compare', id };
  if (m?.[1] === 'stories') return { view: 'stories' };
  if (m?.[1] === 'models') return { view: 'models' };
  return { view: 'library' };
}

function toHash(r: Route): string {
  if (r.view === 'document' && r.id && r.sentence !== undefined) return `#/document/${r.id}/${r.sentence}`;
  return r.view === 'document' || r.view === 'compare' ? `#/${r.view}${r.id ? `/${r.id}` : ''}` : `#/${r.view}`;
}


export function App() {
  const client = useClient();
  const { connected } = useJobs();
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  const [lastDoc, setLastDoc] = useState<number | null>(route.view === 'document' ? route.id : null);
  const [lastCompare, setLastCompare] = useState<number | null>(route.view === 'compare' ? route.id : null);
  const [importRun, setImportRun] = useState<ImportRun | null>(null);
  const [dragging, setDragging] = useState(false);
  const [exportPreset, setExportPreset] = useState<ExportPreset | null>(null);
  const [libraryView, setLibraryView] = useState<LibraryViewState>(DEFAULT_LIBRARY_VIEW);
  // The memory import dialog, with the file dropped on the window when it opened that way.
  const [memoryDialog, setMemoryDialog] = useState<{ file: File | null } | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const main = useRef<HTMLElement>(null);
  // What each view has selected, for the Export dialog's preselection (story, documents).
  const selections = useRef<Partial<Record<Route['view'], ExportPreset>>>({});
  const viewRef = useRef(route.view);
  viewRef.current = route.view;
  const openExport = useCallback(() => setExportPreset({ ...(selections.current[viewRef.current] ?? {}) }), []);
  const selectFor = useCallback((view: Route['view']) => (p: ExportPreset) => {
    selections.current[view] = p;
  }, []);

  const go = useCallback((r: Route) => {
    if (r.view === 'document' && r.id) setLastDoc(r.id);
    if (r.view === 'compare' && r.id) setLastCompare(r.id);
    setRoute(r);
    const hash = toHash(r);
    if (window.location.hash !== hash) window.history.pushState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
  }, []);

  useEffect(() => {
    const onPop = () => {
      const r = parseHash(window.location.hash);
      if (r.view === 'document' && r.id) setLastDoc(r.id);
      if (r.view === 'compare' && r.id) setLastCompare(r.id);
      setRoute(r);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (!files.length) return;
      go({ view: 'library' });
      setImportRun({ jobId: null, failures: [], names: {} });
      try {
        const started = await client.importFiles(files);
        setImportRun({ jobId: started.job?.id ?? null, failures: started.failures, names: started.names });
      } catch (err) {
        setImportRun({ jobId: null, failures: files.map((f) => ({ name: f.name, message: err instanceof Error ? err.message : String(err) })), names: {} });
      }
    },
    [client, go],
  );

  /** Aligns two documents (or one with its own English) and opens the result in Compare: at once when stored, else after the align job Compare shows. */
  const showCompare = useCallback((id: number | null) => go({ view: 'compare', id }), [go]);
  const align = useAlignJob(showCompare);
  const openCompare = align.open;

  // Shortcuts: Ctrl+O import, Ctrl+1..5 views (Cmd on macOS). The Electron menu shows the same
  // accelerators and forwards them here as key presses, so the page owns every shortcut.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key === 'o') picker.current?.click();
      else if (key === 'e') openExport();
      else if (key === '1') go({ view: 'library' });
      else if (key === '2') go({ view: 'document', id: lastDoc });
      else if (key === '3') go({ view: 'stories' });
      else if (key === '4') go({ view: 'compare', id: lastCompare });
      else if (key === '5') go({ view: 'models' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, lastDoc, lastCompare, openExport]);

  // Drag and drop anywhere on the window.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      // Translation-memory files (TMX, TSV) are not articles: they open the memory import.
      const memory = files.filter((f) => isMemoryFile(f.name));
      if (memory.length) setMemoryDialog({ file: memory[0]! });
      void importFiles(files.filter((f) => !isMemoryFile(f.name)));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [importFiles]);

  // A view that put the focus on its own list (the Library) keeps it; otherwise the main area gets it.
  useEffect(() => {
    if (!main.current?.contains(document.activeElement)) main.current?.focus({ preventScroll: true });
  }, [route.view]);

  const docId = route.view === 'document' ? route.id : lastDoc;
  return (
    <div className="app">
      <nav className="nav" aria-label="Views">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Tandem
        </div>
        <NavItem active={route.view === 'library'} shortcut="Ctrl+1" onClick={() => go({ view: 'library' })}>
          Library
        </NavItem>
        <NavItem active={route.view === 'document'} shortcut="Ctrl+2" onClick={() => go({ view: 'document', id: docId })}>
          Document
        </NavItem>
        <NavItem active={route.view === 'stories'} shortcut="Ctrl+3" onClick={() => go({ view: 'stories' })}>
          Stories
        </NavItem>
        <NavItem active={route.view === 'compare'} shortcut="Ctrl+4" onClick={() => go({ view: 'compare', id: route.view === 'compare' ? route.id : lastCompare })}>
          Compare
        </NavItem>
        <NavItem active={route.view === 'models'} shortcut="Ctrl+5" onClick={() => go({ view: 'models' })}>
          Models
        </NavItem>
        <span className="spacer-v" />
        <button type="button" className="nav-item nav-action" onClick={() => setMemoryDialog({ file: null })} data-testid="open-memory-import">
          <span>Import memory…</span>
        </button>
        <div className="nav-help small">
          <div><kbd>Ctrl</kbd>+<kbd>O</kbd> import files</div>
          <div><kbd>Ctrl</kbd>+<kbd>E</kbd> export pairs</div>
          <div>or drop files on the window</div>
          <div>(.tmx / .tsv: memory)</div>
          <div className={`conn ${connected ? 'conn-on' : 'conn-off'}`}>{connected ? 'Connected' : 'Disconnected'}</div>
        </div>
      </nav>
      <main className="main" ref={main} tabIndex={-1}>
        {route.view === 'library' && (
          <Library
            onOpen={(id, sentence) => go({ view: 'document', id, sentence })}
            onPickFiles={() => picker.current?.click()}
            importRun={importRun}
            onDismissImport={() => setImportRun(null)}
            onExport={openExport}
            onSelection={selectFor('library')}
            view={libraryView}
            onView={setLibraryView}
          />
        )}
        {route.view === 'document' && <DocumentView id={route.id ?? lastDoc} sentence={route.id ? route.sentence : undefined} onBack={() => go({ view: 'library' })} onReview={(id) => openCompare(id, id)} />}
        {route.view === 'stories' && <Stories onCompare={openCompare} onExport={openExport} onSelection={selectFor('stories')} />}
        {route.view === 'compare' && route.id === null && (align.job || align.ended) && <AlignProgress align={align} onBack={() => go({ view: 'stories' })} />}
        {route.view === 'compare' && !(route.id === null && (align.job || align.ended)) && (
          <Compare
            alignmentId={route.id ?? lastCompare}
            onOpen={(id) => go({ view: 'compare', id })}
            onAlign={openCompare}
            onBack={(doc) => go(doc ? { view: 'document', id: doc } : { view: 'stories' })}
            onExport={openExport}
            onSelection={selectFor('compare')}
          />
        )}
        {route.view === 'models' && <Models />}
      </main>
      <JobsBar />
      {exportPreset && <ExportDialog preset={exportPreset} onClose={() => setExportPreset(null)} />}
      {memoryDialog && <MemoryDialog initial={memoryDialog.file} onClose={() => setMemoryDialog(null)} />}
      <input
        ref={picker}
        type="file"
        multiple
        accept={ARTICLE_ACCEPT}
        hidden
        data-testid="file-picker"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void importFiles(files);
        }}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div>Drop articles to import them (TMX or TSV: into the translation memory)</div>
        </div>
      )}
    </div>
  );
}

function NavItem({ active, shortcut, disabled, note, onClick, children }: { active?: boolean; shortcut?: string; disabled?: boolean; note?: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className={`nav-item${active ? ' active' : ''}`}
      aria-current={active ? 'page' : undefined}
      disabled={disabled}
      title={note ?? (shortcut ? `${String(children)} (${shortcut})` : undefined)}
      onClick={onClick}
    >
      <span>{children}</span>
      {shortcut && <span className="kbd-hint">{shortcut}</span>}
      {disabled && <span className="kbd-hint">later</span>}
    </button>
  );
}
