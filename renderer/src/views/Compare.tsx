// Compare: two reports side by side in aligned rows (the beads of a stored alignment), or one
// report beside its own English (mode 'translation', the Document view's bilingual review).
// One virtualized list holds both columns, so the sides always scroll together. Keyboard first;
// every decision is saved at once through the api and the row updated from the engine's answer.
// The parts live in ./compare/: loading (useCompare), focus and scrolling (useRowFocus), the
// decision queue (useReviewQueue), post-editing (useEditing), keys (useKeyMap), and the rows.
import { useEffect, useMemo, useState } from 'react';
import type { ExportPreset } from '../components/ExportDialog.tsx';
import type { AlignMode } from './Stories.tsx';
import { anchorUnmatched } from './compare/anchor-unmatched.ts';
import { FilterBar, NO_FILTER, useFocusAcrossFilter, useRowFilter, type RowFilter } from './compare/Filter.tsx';
import { HelpOverlay } from './compare/Help.tsx';
import { ReviewMeta } from './compare/ReviewMeta.tsx';
import { RowList } from './compare/RowList.tsx';
import { Toolbar } from './compare/Toolbar.tsx';
import type { DocInfo, Mode } from './compare/types.ts';
import { useCompare } from './compare/useCompare.ts';
import { useEditing } from './compare/useEditing.ts';
import { useKeyMap } from './compare/useKeyMap.ts';
import { useOperations } from './compare/useOperations.ts';
import { useReviewQueue } from './compare/useReviewQueue.ts';
import { useRowFocus } from './compare/useRowFocus.ts';

/** onBack gets the document of a single-article review (back to it), or null (back to Stories). */
interface CompareProps {
  alignmentId: number | null;
  onOpen: (id: number) => void;
  /** Opens the pair in another alignment mode (aligning it first when needed, with progress). */
  onAlign: (a: number, b: number, mode: AlignMode) => Promise<void>;
  onBack: (doc: number | null) => void;
  onExport: () => void;
  /** The pair on screen, for the Export dialog's document preselection. */
  onSelection: (p: ExportPreset) => void;
}

export function Compare({ alignmentId, onOpen, onAlign, onBack, onExport, onSelection }: CompareProps) {
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
  return <CompareBody key={alignmentId} alignmentId={alignmentId} onOpen={onOpen} onAlign={onAlign} onBack={onBack} onExport={onExport} onSelection={onSelection} />;
}

const titleOf = (d: DocInfo | null) => (d ? d.title ?? d.fileName : '…');

function CompareBody({ alignmentId, onAlign, onBack, onExport, onSelection }: CompareProps & { alignmentId: number }) {
  const all = useCompare(alignmentId);
  const unmatched = useMemo(() => anchorUnmatched(all.data?.unmatched ?? [], all.rows), [all.data?.unmatched, all.rows]);
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [threshold, setThreshold] = useState(0.5);
  // Everything below works on the rows the filter shows.
  const compare = useRowFilter(all, filter, threshold);
  const { data, rows, loadError } = compare;
  const [mode, setMode] = useState<Mode>('both');
  const [help, setHelp] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  // The live region: each decision said once to screen readers.
  const [announcement, announce] = useState('');

  const translation = data?.alignment.mode === 'translation';
  const docA = data?.documents.a ?? null;
  const docB = data?.documents.b ?? null;
  const pairKey = data ? [...new Set([data.alignment.aDoc, data.alignment.bDoc])].join(',') : '';
  useEffect(() => onSelection(pairKey ? { documentIds: pairKey.split(',').map(Number) } : {}), [onSelection, pairKey]);

  const list = useRowFocus(rows, compare.rowsRef, mode);
  const queue = useReviewQueue({ alignmentId, compare, focusRef: list.focusRef, move: list.move, setNote, announce });
  const edit = useEditing({ alignmentId, compare, docA, docB, translation, enqueue: queue.enqueue, setNote, announce, focusList: list.focusList });
  const ops = useOperations({
    alignmentId, compare, rowsRef: compare.rowsRef, focusRef: list.focusRef, move: list.move, translation,
    monotonic: data?.alignment.mode === 'monotonic', threshold, enqueue: queue.enqueue, setNote,
  });
  useFocusAcrossFilter(rows, list, filter, threshold);
  const focusFilter = () => document.querySelector<HTMLElement>('[data-testid="filter-status"]')?.focus();
  useKeyMap({
    rowsRef: compare.rowsRef, focusRef: list.focusRef, help, setHelp, move: list.move,
    review: queue.review, undo: queue.undo, startEdit: edit.startEdit, setMode, setNote,
    chooseSide: ops.chooseSide, operate: ops.operate, startSource: ops.startSource, lowScore: ops.lowScore, focusFilter,
  });

  const switchMode = async (to: AlignMode) => {
    if (!data) return;
    queue.setError(null);
    try {
      await onAlign(data.alignment.aDoc, data.alignment.bDoc, to);
    } catch (err) {
      queue.setError(err instanceof Error ? err.message : String(err));
    }
  };

  const columns = translation
    ? [{ label: docA?.lang ?? '?', title: `Original: ${titleOf(docA)}` }, { label: 'en', title: 'English (machine translation; post-edits tagged HUMAN)' }]
    : [{ label: docA?.lang ?? '?', title: titleOf(docA) }, { label: docB?.lang ?? '?', title: titleOf(docB) }];
  const placeholder = !data && !loadError ? 'Loading…' : data && compare.total === 0 ? 'This alignment has no rows.' : data && rows.length === 0 ? 'No row matches the filter.' : null;

  return (
    <div className="view compare" data-testid="compare" data-alignment={alignmentId}>
      <Toolbar
        data={data} translation={translation} titleA={titleOf(docA)} mode={mode} setMode={setMode}
        switchMode={(to) => void switchMode(to)} onBack={() => onBack(translation && data ? data.alignment.aDoc : null)}
        onExport={onExport} onHelp={() => setHelp(true)}
        filter={data && <FilterBar filter={filter} setFilter={setFilter} threshold={threshold} setThreshold={setThreshold} shown={rows.length} total={compare.total} onDone={() => list.scroller.current?.focus()} />}
      />
      <ReviewMeta rows={all.rows} reviewed={!!data?.alignment.reviewed} saving={queue.pending > 0} note={note} />
      {queue.error && <div className="notice notice-error" role="alert">{queue.error}</div>}
      {loadError && <div className="notice notice-error" role="alert">{loadError}</div>}
      <RowList
        rows={rows} numberOf={compare.numberOf} total={compare.total} columns={columns} placeholder={placeholder} list={list} edit={edit} ops={ops}
        mode={mode} translation={translation} langA={docA?.lang ?? null} langB={docB?.lang ?? null} unmatched={unmatched}
      />
      <div className="sr-only" role="status" aria-live="polite" data-testid="announce">{announcement}</div>
      {help && <HelpOverlay onClose={() => setHelp(false)} fallbackFocus={list.listElement} />}
    </div>
  );
}
