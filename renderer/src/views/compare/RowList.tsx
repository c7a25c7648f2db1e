// The column heads and the one virtualized list that holds both columns, so the sides always
// scroll together. For screen readers the list is a grid: rows with their place in the whole list
// (aria-rowindex of aria-rowcount, as only some are rendered), and the focused row named by
// aria-activedescendant while the list itself keeps the focus. In passages mode the runs of
// unmatched sentences sit beside the rows they follow.
import { useCallback, useId, useMemo, useState } from 'react';
import type { EditorProps } from './Editor.tsx';
import { RowView } from './Row.tsx';
import type { Mode, Row, UnmatchedRun } from './types.ts';
import { UnmatchedRuns } from './UnmatchedRuns.tsx';
import type { EditingState } from './useEditing.ts';
import type { OperationsState } from './useOperations.ts';
import type { RowFocus } from './useRowFocus.ts';

interface RowListProps {
  rows: Row[];
  /** A shown row's number in the whole alignment, and how many rows it has (they differ from the shown ones under a filter). */
  numberOf: (shownIndex: number) => number;
  total: number;
  columns: { label: string; title: string }[];
  /** Shown in place of rows: loading, or an alignment without rows. */
  placeholder: string | null;
  list: RowFocus;
  edit: EditingState;
  ops: OperationsState;
  mode: Mode;
  translation: boolean;
  langA: string | null;
  langB: string | null;
  /** Passages mode: the runs of sentences no row holds, shown beside the rows they follow. */
  unmatched?: UnmatchedRun[];
}

/** The runs by the bead position they are shown at, before or after its row. */
function runsByRow(unmatched: UnmatchedRun[]) {
  const at = new Map<string, UnmatchedRun[]>();
  for (const r of unmatched) {
    const key = `${r.at}:${r.place}`;
    at.set(key, [...(at.get(key) ?? []), r]);
  }
  return at;
}

export function RowList({ rows, numberOf, total, columns, placeholder, list, edit, ops, mode, translation, langA, langB, unmatched = [] }: RowListProps) {
  const { virtualizer } = list;
  const { editing, changedCount, setDraft, saveEdit, cancelEdit, cycleTarget, keepEditing, discard } = edit;
  const base = useId();
  const rowId = (i: number) => `${base}-row-${i}`;
  const editor = useMemo<EditorProps | null>(() => (editing ? {
    e: editing, changed: changedCount, onDraft: setDraft, onSave: saveEdit, onCancel: cancelEdit, onCycle: cycleTarget, onKeep: keepEditing, onDiscard: discard,
  } : null), [editing, changedCount, setDraft, saveEdit, cancelEdit, cycleTarget, keepEditing, discard]);
  const active = rows.length && virtualizer.getVirtualItems().some((v) => v.index === list.focus) ? rowId(list.focus) : undefined;
  const runs = useMemo(() => runsByRow(unmatched), [unmatched]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((key: string) => setOpen((o) => {
    const next = new Set(o);
    if (!next.delete(key)) next.add(key);
    return next;
  }), []);
  const runsAt = (pos: number | null, place: 'before' | 'after') => (
    <UnmatchedRuns runs={runs.get(`${pos}:${place}`) ?? []} open={open} onToggle={toggle} mode={mode} langs={{ a: langA, b: langB }} />
  );
  return (
    <>
      <div className="cmp-head" role="presentation">
        <span>Row</span>
        {columns.map((c, i) => (
          <span key={i} className="cmp-head-col" title={c.title}>
            <span className="lang-code">{c.label}</span> <span className="cmp-head-title">{c.title}</span>
          </span>
        ))}
      </div>
      <div
        ref={list.scroller} className="cmp-body" tabIndex={0} data-testid="cmp-body"
        role="grid" aria-label="Aligned rows" aria-rowcount={total} aria-colcount={3} aria-activedescendant={active}
      >
        {placeholder && <div className="empty" role="row"><span role="gridcell">{placeholder}</span></div>}
        {runsAt(null, 'before')}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="presentation">
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="vrow" role="presentation" style={{ transform: `translateY(${v.start}px)` }}>
                {runsAt(row.bead.pos, 'before')}
                <RowView
                  row={row}
                  index={v.index}
                  number={numberOf(v.index)}
                  id={rowId(v.index)}
                  focused={v.index === list.focus}
                  mode={mode}
                  translation={translation}
                  langA={langA}
                  langB={langB}
                  editor={editing && editing.row === v.index ? editor : null}
                  onFocus={list.pick}
                  chosenSide={v.index === list.focus ? ops.side : null}
                  source={ops.source && ops.source.row === v.index ? ops.source : null}
                  sourceHandlers={ops.sourceHandlers}
                />
                {runsAt(row.bead.pos, 'after')}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
