// The column heads and the one virtualized list that holds both columns, so the sides always
// scroll together.
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
  const { editing } = edit;
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
      <div ref={list.scroller} className="cmp-body" tabIndex={0} aria-label="Aligned rows" data-testid="cmp-body">
        {placeholder && <div className="empty">{placeholder}</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="vrow" style={{ transform: `translateY(${v.start}px)` }}>
                <RowView
                  row={row}
                  index={v.index}
                  focused={v.index === list.focus}
                  mode={mode}
                  translation={translation}
                  langA={langA}
                  langB={langB}
                  editing={editing && editing.row === v.index ? editing : null}
                  onFocus={list.pick}
                  onDraft={edit.setDraft}
                  onSave={edit.saveEdit}
                  onCancel={edit.cancelEdit}
                  onCycle={edit.cycleTarget}
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
