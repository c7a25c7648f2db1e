// The column heads and the one virtualized list that holds both columns, so the sides always
// scroll together. For screen readers the list is a grid: rows with their place in the whole list
// (aria-rowindex of aria-rowcount, as only some are rendered), and the focused row named by
// aria-activedescendant while the list itself keeps the focus.
import { useId, useMemo } from 'react';
import type { EditorProps } from './Editor.tsx';
import { RowView } from './Row.tsx';
import type { Mode, Row } from './types.ts';
import type { EditingState } from './useEditing.ts';
import type { OperationsState } from './useOperations.ts';
import type { RowFocus } from './useRowFocus.ts';

interface RowListProps {
  rows: Row[];
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
}

export function RowList({ rows, columns, placeholder, list, edit, ops, mode, translation, langA, langB }: RowListProps) {
  const { virtualizer } = list;
  const { editing, changedCount, setDraft, saveEdit, cancelEdit, cycleTarget, keepEditing, discard } = edit;
  const base = useId();
  const rowId = (i: number) => `${base}-row-${i}`;
  const editor = useMemo<EditorProps | null>(() => (editing ? {
    e: editing, changed: changedCount, onDraft: setDraft, onSave: saveEdit, onCancel: cancelEdit, onCycle: cycleTarget, onKeep: keepEditing, onDiscard: discard,
  } : null), [editing, changedCount, setDraft, saveEdit, cancelEdit, cycleTarget, keepEditing, discard]);
  const active = rows.length && virtualizer.getVirtualItems().some((v) => v.index === list.focus) ? rowId(list.focus) : undefined;
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
        role="grid" aria-label="Aligned rows" aria-rowcount={rows.length} aria-colcount={3} aria-activedescendant={active}
      >
        {placeholder && <div className="empty" role="row"><span role="gridcell">{placeholder}</span></div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="presentation">
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="vrow" role="presentation" style={{ transform: `translateY(${v.start}px)` }}>
                <RowView
                  row={row}
                  index={v.index}
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
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
