// The column heads and the one virtualized list that holds both columns, so the sides always
// scroll together.
import { useCallback, useMemo, useState } from 'react';
import { RowView } from './Row.tsx';
import type { Mode, Row, UnmatchedRun } from './types.ts';
import { UnmatchedRuns } from './UnmatchedRuns.tsx';
import type { EditingState } from './useEditing.ts';
import type { RowFocus } from './useRowFocus.ts';

interface RowListProps {
  rows: Row[];
  columns: { label: string; title: string }[];
  /** Shown in place of rows: loading, or an alignment without rows. */
  placeholder: string | null;
  list: RowFocus;
  edit: EditingState;
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

export function RowList({ rows, columns, placeholder, list, edit, mode, translation, langA, langB, unmatched = [] }: RowListProps) {
  const { virtualizer } = list;
  const { editing } = edit;
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
      <div ref={list.scroller} className="cmp-body" tabIndex={0} aria-label="Aligned rows" data-testid="cmp-body">
        {placeholder && <div className="empty">{placeholder}</div>}
        {runsAt(null, 'before')}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="vrow" style={{ transform: `translateY(${v.start}px)` }}>
                {runsAt(row.bead.pos, 'before')}
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
