// Compare: two reports side by side in aligned rows (the beads of a stored alignment), or one
// report beside its own English (mode 'translation', the Document view's bilingual review).
// One virtualized list holds both columns, so the sides always scroll together. Keyboard first;
// every decision is saved at once through the api and the row updated from the engine's answer.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { QueryResult } from '../api/client.ts';
import type { ExportPreset } from '../components/ExportDialog.tsx';
import { ProgressBar } from '../components/Progress.tsx';
import { useClient } from '../state.tsx';

type CompareData = QueryResult<'compare'>;
type Row = CompareData['rows'][number];
type Bead = Row['bead'];
type Sentence = Row['a'][number];
type DocInfo = CompareData['documents']['a'];
type Mode = 'both' | 'original' | 'english';
type Side = 'a' | 'b';
type Action = 'accept' | 'reject' | 'reset' | 'merge' | 'split';

interface Target {
  side: Side;
  sentence: number;
}
interface Editing extends Target {
  row: number;
  draft: string;
  /** The English before this edit when it came from a model or the imported memory. */
  machine: string | null;
}

const MODES: { mode: Mode; label: string }[] = [
  { mode: 'original', label: 'Original' },
  { mode: 'english', label: 'English' },
  { mode: 'both', label: 'Both' },
];

export const COMPARE_KEYS: [string, string][] = [
  ['J / ↓', 'next row'],
  ['K / ↑', 'previous row'],
  ['Home / End', 'first / last row'],
  ['N', 'next pending row'],
  ['A', 'accept the row (and move on)'],
  ['R', 'reject the row (and move on)'],
  ['X', 'reset the row to pending'],
  ['E', 'edit the English of the row'],
  ['Tab', 'while editing: the other sentence or side'],
  ['Enter / Esc', 'while editing: save / cancel'],
  ['M', 'merge the row with the next one'],
  ['S', 'split the row'],
  ['U / Ctrl+Z', 'undo the last decision'],
  ['V', 'show original / English / both'],
  ['?', 'this help'],
];

const isTyping = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
};

/** onBack gets the document of a single-article review (back to it), or null (back to Stories). */
interface CompareProps {
  alignmentId: number | null;
  onOpen: (id: number) => void;
  onBack: (doc: number | null) => void;
  onExport: () => void;
  /** The pair on screen, for the Export dialog's document preselection. */
  onSelection: (p: ExportPreset) => void;
}

export function Compare({ alignmentId, onOpen, onBack, onExport, onSelection }: CompareProps) {
  if (alignmentId === null) {
    return (
      <div className="view">
        <div className="empty">
          <p className="empty-title">Nothing to compare yet</p>
          <p>Open a pair from <b>Stories</b> (<kbd>Ctrl</kbd>+<kbd>3</kbd>) with <b>Compare</b>, or review one article against its English from the <b>Document</b> view.</p>
        </div>
      </div>
    );
  }
  return <CompareBody key={alignmentId} alignmentId={alignmentId} onOpen={onOpen} onBack={onBack} onExport={onExport} onSelection={onSelection} />;
}

function CompareBody({ alignmentId, onOpen, onBack, onExport, onSelection }: CompareProps & { alignmentId: number }) {
  const client = useClient();
  const [data, setData] = useState<CompareData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [focus, setFocus] = useState(0);
  const [mode, setMode] = useState<Mode>('both');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [help, setHelp] = useState(false);
  const [pending, setPending] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const loads = useRef(0);

  const load = useCallback(async () => {
    const n = ++loads.current;
    try {
      const result = await client.query('compare', { alignmentId });
      if (n === loads.current) {
        setData(result);
        setLoadError(null);
      }
    } catch (err) {
      if (n === loads.current) setLoadError(err instanceof Error ? err.message : String(err));
    }
  }, [client, alignmentId]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (data) performance.mark('tandem:compare-data');
  }, [data]);

  const rows = data?.rows ?? [];
  const translation = data?.alignment.mode === 'translation';
  const docA = data?.documents.a ?? null;
  const docB = data?.documents.b ?? null;
  const pairKey = data ? [...new Set([data.alignment.aDoc, data.alignment.bDoc])].join(',') : '';
  useEffect(() => onSelection(pairKey ? { documentIds: pairKey.split(',').map(Number) } : {}), [onSelection, pairKey]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => (mode === 'both' ? 96 : 54),
    overscan: 6,
    getItemKey: (i) => rows[i]?.bead.pos ?? i,
  });

  // Keys can arrive faster than React renders: the handlers read the latest rows and focus from
  // refs that are updated at once, not from the last render's closure.
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const focusRef = useRef(0);

  const move = useCallback((to: number) => {
    const n = Math.max(0, Math.min(rowsRef.current.length - 1, to));
    focusRef.current = n;
    setFocus(n);
    virtualizer.scrollToIndex(n, { align: 'auto' });
  }, [virtualizer]);

  const pick = useCallback((i: number) => {
    focusRef.current = i;
    setFocus(i);
  }, []);

  /** Runs engine calls one after another, in the order the keys were pressed. */
  const enqueue = useCallback((work: () => Promise<void>) => {
    setPending((p) => p + 1);
    const run = queue.current.then(work).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err))).finally(() => setPending((p) => p - 1));
    queue.current = run;
    return run;
  }, []);

  const setRows = useCallback((update: (rows: Row[]) => Row[]) => {
    rowsRef.current = update(rowsRef.current);
    setData((d) => d && { ...d, rows: update(d.rows) });
  }, []);

  /** A decision replaces its bead (new id, same position): take the engine's beads by position. */
  const applyBeads = useCallback((beads: Bead[]) => {
    const byPos = new Map(beads.map((b) => [b.pos, b]));
    setRows((rows) => rows.map((r) => {
      const b = byPos.get(r.bead.pos);
      return b && (b.id !== r.bead.id || b.status !== r.bead.status) ? { ...r, bead: b } : r;
    }));
  }, [setRows]);

  /** The current id of the bead at a position (ids change with every decision). */
  const beadAt = (pos: number) => rowsRef.current.find((r) => r.bead.pos === pos)?.bead.id;

  const review = useCallback((action: Action) => {
    const at = focusRef.current;
    const row = rowsRef.current[at];
    if (!row) return;
    const pos = row.bead.pos;
    setError(null);
    setNote(null);
    if (action === 'accept' || action === 'reject' || action === 'reset') {
      const status = action === 'accept' ? 'accepted' : action === 'reject' ? 'rejected' : 'pending';
      // Shown at once; the engine's answer (the updated alignment) confirms it.
      setRows((rows) => rows.map((r) => (r.bead.pos === pos ? { ...r, bead: { ...r.bead, status } } : r)));
      if (action !== 'reset') move(at + 1);
      void enqueue(async () => {
        try {
          const alignment = await client.query('review', { alignmentId, beadId: beadAt(pos) ?? row.bead.id, action });
          applyBeads(alignment.beads);
        } catch (err) {
          await load();
          throw err;
        }
      });
      return;
    }
    void enqueue(async () => {
      await client.query('review', { alignmentId, beadId: beadAt(pos) ?? row.bead.id, action });
      await load();
    });
  }, [alignmentId, client, enqueue, applyBeads, load, move, setRows]);

  const undo = useCallback(() => {
    setError(null);
    void enqueue(async () => {
      const r = await client.query('undo', { alignmentId });
      setNote(r.undone ? `Undone: ${r.undone}` : 'Nothing to undo');
      await load();
    });
  }, [alignmentId, client, enqueue, load]);

  const targets = useCallback((row: Row | undefined): Target[] => {
    if (!row) return [];
    const out: Target[] = [];
    for (const side of ['a', 'b'] as const) {
      const doc = side === 'a' ? docA : docB;
      if (!doc?.lang || doc.lang === 'en') continue;
      if (translation && side === 'b') continue;
      for (const s of row[side]) out.push({ side, sentence: s.index });
    }
    return out;
  }, [docA, docB, translation]);

  const startEdit = useCallback((rowIndex: number, target?: Target) => {
    const row = rows[rowIndex];
    const t = target ?? targets(row)[0];
    if (!row || !t) {
      setNote('Nothing to edit here: only the English of a non-English sentence can be edited.');
      return;
    }
    const s = row[t.side].find((x) => x.index === t.sentence);
    setNote(null);
    // The engine keeps the machine version under a post-edit and sends it with the row.
    setEditing({ row: rowIndex, ...t, draft: s?.english ?? '', machine: s?.origin === 'human' ? s.machine : (s?.english ?? null) });
  }, [rows, targets]);

  const saveEdit = useCallback((e: Editing) => {
    const text = e.draft.trim();
    setEditing(null);
    const row = rows[e.row];
    const s = row?.[e.side].find((x) => x.index === e.sentence);
    if (!text || text === s?.english) return;
    // Shown at once; the compare data (with the new diff) is then reloaded from the engine.
    setRows((rows) => rows.map((r, i) => (i === e.row ? { ...r, [e.side]: r[e.side].map((x) => (x.index === e.sentence ? { ...x, english: text, origin: 'human' as const, machine: e.machine } : x)) } : r)));
    void enqueue(async () => {
      await client.query('editEnglish', { alignmentId, side: e.side, sentence: e.sentence, english: text });
      await load();
    });
  }, [rows, docA, docB, alignmentId, client, enqueue, load, setRows]);

  const setDraft = useCallback((draft: string) => setEditing((e) => e && { ...e, draft }), []);
  const cancelEdit = useCallback(() => setEditing(null), []);

  const cycleTarget = useCallback((e: Editing, back: boolean) => {
    const list = targets(rows[e.row]);
    if (list.length < 2) return;
    const at = list.findIndex((t) => t.side === e.side && t.sentence === e.sentence);
    const next = list[(at + (back ? list.length - 1 : 1)) % list.length]!;
    startEdit(e.row, next);
  }, [rows, targets, startEdit]);

  const onKeyRef = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKeyRef.current = (e: KeyboardEvent) => {
    const focus = focusRef.current;
    const rows = rowsRef.current;
    if (e.altKey) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !e.shiftKey && !isTyping(e.target)) {
      e.preventDefault();
      undo();
      return;
    }
    if (e.ctrlKey || e.metaKey || isTyping(e.target)) return;
    if (help) {
      if (e.key === 'Escape' || e.key === '?') {
        setHelp(false);
        e.preventDefault();
      }
      return;
    }
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    switch (key) {
      case 'j': case 'ArrowDown': move(focus + 1); break;
      case 'k': case 'ArrowUp': move(focus - 1); break;
      case 'Home': move(0); break;
      case 'End': move(rows.length - 1); break;
      case 'PageDown': move(focus + 10); break;
      case 'PageUp': move(focus - 10); break;
      case 'n': {
        const next = rows.findIndex((r, i) => i > focus && r.bead.status === 'pending');
        if (next >= 0) move(next);
        else setNote('No pending row below this one');
        break;
      }
      case 'a': review('accept'); break;
      case 'r': review('reject'); break;
      case 'x': review('reset'); break;
      case 'm': review('merge'); break;
      case 's': review('split'); break;
      case 'u': undo(); break;
      case 'e': startEdit(focus); break;
      case 'Enter': startEdit(focus); break;
      case 'v': setMode((m) => (m === 'both' ? 'original' : m === 'original' ? 'english' : 'both')); break;
      case '?': setHelp(true); break;
      default: return;
    }
    e.preventDefault();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => onKeyRef.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const counts = useMemo(() => {
    const c = { accepted: 0, rejected: 0, pending: 0 };
    for (const r of rows) c[r.bead.status]++;
    return c;
  }, [rows]);

  const switchMode = async (to: 'monotonic' | 'passages') => {
    if (!data) return;
    setError(null);
    try {
      const a = await client.query('align', { a: data.alignment.aDoc, b: data.alignment.bDoc, mode: to });
      onOpen(a.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const titleOf = (d: DocInfo | null) => (d ? d.title ?? d.fileName : '…');
  const columns = translation
    ? [{ label: docA?.lang ?? '?', title: `Original: ${titleOf(docA)}` }, { label: 'en', title: 'English (machine translation; post-edits marked "edited")' }]
    : [{ label: docA?.lang ?? '?', title: titleOf(docA) }, { label: docB?.lang ?? '?', title: titleOf(docB) }];

  return (
    <div className="view compare" data-testid="compare" data-alignment={alignmentId}>
      <div className="toolbar">
        <button type="button" className="btn btn-quiet" onClick={() => onBack(translation && data ? data.alignment.aDoc : null)} title={translation ? 'Back to the document' : 'Back to Stories'}>
          ← {translation ? 'Document' : 'Stories'}
        </button>
        <h1 className="doc-title">{translation ? `Review: ${titleOf(docA)}` : 'Compare'}</h1>
        <span className="spacer" />
        {data && !translation && (
          <div className="segmented" role="group" aria-label="Alignment">
            <button type="button" className={data.alignment.mode === 'monotonic' ? 'on' : ''} aria-pressed={data.alignment.mode === 'monotonic'} onClick={() => void switchMode('monotonic')} title="Sentence by sentence in order (translations, versions)">
              In order
            </button>
            <button type="button" className={data.alignment.mode === 'passages' ? 'on' : ''} aria-pressed={data.alignment.mode === 'passages'} onClick={() => void switchMode('passages')} title="Matching passages wherever they are (independent reports)">
              Passages
            </button>
          </div>
        )}
        {!translation && <div className="segmented" role="group" aria-label="Show">
          {MODES.map((m) => (
            <button key={m.mode} type="button" className={mode === m.mode ? 'on' : ''} aria-pressed={mode === m.mode} onClick={() => setMode(m.mode)} title={`${m.label} (V cycles)`}>
              {m.label}
            </button>
          ))}
        </div>}
        <button type="button" className="btn btn-small" onClick={onExport} title="Export reviewed pairs of this pair of documents (Ctrl+E)">Export…</button>
        <button type="button" className="btn btn-small" onClick={() => setHelp(true)} title="Keyboard help (?)">? Keys</button>
      </div>
      <div className="doc-meta compare-meta" data-testid="compare-meta">
        <span className="tabular" data-testid="review-counts">
          <span className="stat stat-accepted">{counts.accepted} accepted</span>
          <span className="stat stat-rejected">{counts.rejected} rejected</span>
          <span className="stat stat-pending">{counts.pending} pending</span>
          <span className="muted"> of {rows.length} rows</span>
        </span>
        <span className="review-progress"><ProgressBar done={counts.accepted + counts.rejected} total={rows.length} label="Reviewed" /></span>
        {data?.alignment.reviewed && <span className="badge badge-done" title="Reviewed alignments are never recomputed">reviewed</span>}
        {pending > 0 && <span className="muted small saving">saving…</span>}
        {note && <span className="muted small" role="status">{note}</span>}
        <span className="spacer" />
        <span className="muted small"><kbd>J</kbd>/<kbd>K</kbd> move · <kbd>A</kbd> accept · <kbd>R</kbd> reject · <kbd>E</kbd> edit · <kbd>M</kbd> merge · <kbd>S</kbd> split · <kbd>U</kbd> undo · <kbd>?</kbd> all keys</span>
      </div>
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      {loadError && <div className="notice notice-error" role="alert">{loadError}</div>}
      <div className="cmp-head" role="presentation">
        <span>Row</span>
        {columns.map((c, i) => (
          <span key={i} className="cmp-head-col" title={c.title}>
            <span className="lang-code">{c.label}</span> <span className="cmp-head-title">{c.title}</span>
          </span>
        ))}
      </div>
      <div ref={scroller} className="cmp-body" tabIndex={0} aria-label="Aligned rows" data-testid="cmp-body">
        {!data && !loadError && <div className="empty">Loading…</div>}
        {data && rows.length === 0 && <div className="empty">This alignment has no rows.</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="vrow" style={{ transform: `translateY(${v.start}px)` }}>
                <RowView
                  row={row}
                  index={v.index}
                  focused={v.index === focus}
                  mode={mode}
                  translation={translation}
                  langA={docA?.lang ?? null}
                  langB={docB?.lang ?? null}
                  editing={editing && editing.row === v.index ? editing : null}
                  onFocus={pick}
                  onDraft={setDraft}
                  onSave={saveEdit}
                  onCancel={cancelEdit}
                  onCycle={cycleTarget}
                />
              </div>
            );
          })}
        </div>
      </div>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}

interface RowProps {
  row: Row;
  index: number;
  focused: boolean;
  mode: Mode;
  translation: boolean;
  langA: string | null;
  langB: string | null;
  editing: Editing | null;
  onFocus: (i: number) => void;
  onDraft: (s: string) => void;
  onSave: (e: Editing) => void;
  onCancel: () => void;
  onCycle: (e: Editing, back: boolean) => void;
}

const RowView = memo(function RowView(p: RowProps) {
  const { row, index, focused, mode, translation, editing } = p;
  const { bead } = row;
  const editor = (side: Side, s: Sentence) => (editing && editing.side === side && editing.sentence === s.index ? <Editor key={`edit-${side}-${s.index}`} e={editing} onDraft={p.onDraft} onSave={p.onSave} onCancel={p.onCancel} onCycle={p.onCycle} /> : null);
  return (
    <div
      className={`cmp-row status-${bead.status}${focused ? ' focused' : ''}`}
      data-testid="cmp-row"
      data-row={index}
      data-bead={bead.id}
      data-status={bead.status}
      aria-current={focused ? 'true' : undefined}
      onClick={() => p.onFocus(index)}
    >
      <div className="cmp-gutter">
        <span className="tabular cmp-pos">{index + 1}</span>
        <span className={`status status-${bead.status}`} data-testid="row-status">{bead.status}</span>
        <span className="muted small tabular" title={`${bead.origin === 'human' ? 'made by hand' : 'aligned automatically'}; score ${bead.score.toFixed(3)}`}>
          {bead.kind} · {bead.score.toFixed(2)}
        </span>
      </div>
      {translation ? (
        <>
          <Cell repeated={row.repeated.a} empty={!row.a.length}>
            {row.a.map((s) => <div key={s.index} className="cmp-orig" lang={p.langA ?? undefined}>{s.text}</div>)}
          </Cell>
          <Cell repeated={row.repeated.a} empty={!row.a.length}>
            {row.a.map((s) => editor('a', s) ?? <English key={s.index} s={s} />)}
          </Cell>
        </>
      ) : (
        <>
          <SideCell side="a" sentences={row.a} lang={p.langA} mode={mode} diff={row.diff} repeated={row.repeated.a} editingHere={editing?.side === 'a'} editor={editor} />
          <SideCell side="b" sentences={row.b} lang={p.langB} mode={mode} diff={row.diff} repeated={row.repeated.b} editingHere={editing?.side === 'b'} editor={editor} />
        </>
      )}
    </div>
  );
});

function Cell({ repeated, empty, children }: { repeated: boolean; empty: boolean; children: ReactNode }) {
  return (
    <div className={`cmp-cell${repeated ? ' repeated' : ''}${empty ? ' empty-cell' : ''}`} data-repeated={repeated ? 'true' : undefined}>
      {repeated && <span className="repeat-tag" title="Part of a passage repeated within or across reports">repeated</span>}
      {empty ? <span className="muted small gap-note">no sentence on this side</span> : children}
    </div>
  );
}

function SideCell({ side, sentences, lang, mode, diff, repeated, editingHere, editor }: {
  side: Side; sentences: Sentence[]; lang: string | null; mode: Mode; diff: Row['diff']; repeated: boolean; editingHere: boolean;
  editor: (side: Side, s: Sentence) => ReactNode;
}) {
  const english = lang === 'en';
  const showOriginal = mode !== 'english' && !english;
  const showEnglish = mode !== 'original' || english;
  return (
    <Cell repeated={repeated} empty={!sentences.length}>
      {showOriginal && sentences.map((s) => <div key={`o${s.index}`} className="cmp-orig" lang={lang ?? undefined}><span className="s-num">{s.index + 1}</span>{s.text}</div>)}
      {showEnglish && (editingHere || !diff
        ? sentences.map((s) => editor(side, s) ?? <English key={`e${s.index}`} s={s} num={!showOriginal} />)
        : (
          <div className="cmp-en" lang="en" data-testid={`english-${side}`}>
            {diff.map((part, i) => {
              if (side === 'a' && part.added) return null;
              if (side === 'b' && part.removed) return null;
              const changed = part.added || part.removed;
              return changed ? <mark key={i} className={side === 'a' ? 'diff-del' : 'diff-ins'}>{part.value}</mark> : <span key={i}>{part.value}</span>;
            })}
            {sentences.some((s) => s.origin === 'human') && (
              <span className="origin origin-human" title={sentences.map((s) => s.machine).filter(Boolean).join(' ') ? `machine: ${sentences.map((s) => s.machine).filter(Boolean).join(' ')}` : undefined}>edited</span>
            )}
          </div>
        ))}
    </Cell>
  );
}

function English({ s, num }: { s: Sentence; num?: boolean }) {
  return (
    <div className="cmp-en" lang="en" data-testid="english" data-sentence={s.index}>
      {num && <span className="s-num">{s.index + 1}</span>}
      {s.english ?? <span className="not-translated">not translated yet</span>}
      {s.origin === 'human' && <span className="origin origin-human" title={s.machine ? `machine: ${s.machine}` : undefined}>edited</span>}
      {s.origin === 'imported' && <span className="origin origin-imported">memory</span>}
    </div>
  );
}

function Editor({ e, onDraft, onSave, onCancel, onCycle }: { e: Editing; onDraft: (s: string) => void; onSave: (e: Editing) => void; onCancel: () => void; onCycle: (e: Editing, back: boolean) => void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const t = ref.current;
    if (!t) return;
    t.focus();
    t.setSelectionRange(t.value.length, t.value.length);
  }, [e.side, e.sentence]);
  return (
    <div className="editor" onClick={(ev) => ev.stopPropagation()}>
      <textarea
        ref={ref}
        className="editor-input"
        lang="en"
        rows={2}
        value={e.draft}
        aria-label={`English of sentence ${e.sentence + 1} (${e.side === 'a' ? 'left' : 'right'})`}
        data-testid="editor"
        onChange={(ev) => onDraft(ev.target.value)}
        onKeyDown={(ev) => {
          if (ev.key === 'Enter' && !ev.shiftKey) {
            ev.preventDefault();
            onSave(e);
          } else if (ev.key === 'Escape') {
            ev.preventDefault();
            onCancel();
          } else if (ev.key === 'Tab') {
            ev.preventDefault();
            onCycle(e, ev.shiftKey);
          }
        }}
      />
      <div className="editor-machine small">
        <span className="origin origin-model">machine</span> {e.machine ?? <span className="muted">kept in the translation memory</span>}
      </div>
      <div className="editor-hint small muted"><kbd>Enter</kbd> save · <kbd>Esc</kbd> cancel · <kbd>Tab</kbd> other sentence/side</div>
    </div>
  );
}

function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard" onClick={onClose} data-testid="help">
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <div className="card-head">
          <h1>Keyboard</h1>
          <span className="spacer" />
          <button type="button" className="btn btn-small btn-quiet" onClick={onClose} aria-label="Close">✕</button>
        </div>
        <table className="keys">
          <tbody>
            {COMPARE_KEYS.map(([k, what]) => (
              <tr key={k}><td><kbd>{k}</kbd></td><td>{what}</td></tr>
            ))}
            <tr><td><kbd>Ctrl+1…5</kbd></td><td>Library · Document · Stories · Compare · Models</td></tr>
          </tbody>
        </table>
        <p className="muted small">Every decision is saved at once. Edits keep the machine translation in the memory underneath.</p>
      </div>
    </div>
  );
}
