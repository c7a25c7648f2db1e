// Compare: two reports side by side in aligned rows (the beads of a stored alignment), or one
// report beside its own English (mode 'translation', the Document view's bilingual review).
// One virtualized list holds both columns, so the sides always scroll together. Keyboard first;
// every decision is saved at once through the api and the row updated from the engine's answer.
// The parts live in ./compare/: loading (useCompare), focus and scrolling (useRowFocus), the
// decision queue (useReviewQueue), post-editing (useEditing), keys (useKeyMap), and the rows.
import { useEffect, useState } from 'react';
import type { ExportPreset } from '../components/ExportDialog.tsx';
import type { AlignMode } from './Stories.tsx';
import { HelpOverlay } from './compare/Help.tsx';
import { ReviewMeta } from './compare/ReviewMeta.tsx';
import { RowList } from './compare/RowList.tsx';
import { Toolbar } from './compare/Toolbar.tsx';
import type { DocInfo, Mode } from './compare/types.ts';
import { useCompare } from './compare/useCompare.ts';
import { useEditing } from './compare/useEditing.ts';
import { useKeyMap } from './compare/useKeyMap.ts';
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
  const compare = useCompare(alignmentId);
  const { data, rows, loadError } = compare;
  const [mode, setMode] = useState<Mode>('both');
  const [help, setHelp] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const translation = data?.alignment.mode === 'translation';
  const docA = data?.documents.a ?? null;
  const docB = data?.documents.b ?? null;
  const pairKey = data ? [...new Set([data.alignment.aDoc, data.alignment.bDoc])].join(',') : '';
  useEffect(() => onSelection(pairKey ? { documentIds: pairKey.split(',').map(Number) } : {}), [onSelection, pairKey]);

  const list = useRowFocus(rows, compare.rowsRef, mode);
  const queue = useReviewQueue({ alignmentId, compare, focusRef: list.focusRef, move: list.move, setNote });
  const edit = useEditing({ alignmentId, compare, docA, docB, translation, enqueue: queue.enqueue, setNote });
  useKeyMap({
    rowsRef: compare.rowsRef, focusRef: list.focusRef, help, setHelp, move: list.move,
    review: queue.review, undo: queue.undo, startEdit: edit.startEdit, setMode, setNote,
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
    ? [{ label: docA?.lang ?? '?', title: `Original: ${titleOf(docA)}` }, { label: 'en', title: 'English (machine translation; post-edits marked "edited")' }]
    : [{ label: docA?.lang ?? '?', title: titleOf(docA) }, { label: docB?.lang ?? '?', title: titleOf(docB) }];
  const placeholder = !data && !loadError ? 'Loading…' : data && rows.length === 0 ? 'This alignment has no rows.' : null;

  return (
    <div className="view compare" data-testid="compare" data-alignment={alignmentId}>
      <Toolbar
        data={data} translation={translation} titleA={titleOf(docA)} mode={mode} setMode={setMode}
        switchMode={(to) => void switchMode(to)} onBack={() => onBack(translation && data ? data.alignment.aDoc : null)}
        onExport={onExport} onHelp={() => setHelp(true)}
      />
      <ReviewMeta rows={rows} reviewed={!!data?.alignment.reviewed} saving={queue.pending > 0} note={note} />
      {queue.error && <div className="notice notice-error" role="alert">{queue.error}</div>}
      {loadError && <div className="notice notice-error" role="alert">{loadError}</div>}
      <RowList
        rows={rows} columns={columns} placeholder={placeholder} list={list} edit={edit}
        mode={mode} translation={translation} langA={docA?.lang ?? null} langB={docB?.lang ?? null} unmatched={data?.unmatched}
      />
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
