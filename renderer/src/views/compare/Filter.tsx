// The row filter of Compare (status, kind, score below the threshold) and the threshold that
// [ and ] jump by. A filtered view keeps a row it showed until the filter changes or the rows
// are rebuilt, so accepting a row in "pending only" does not pull the next one from under the
// focus; the focused row stays focused (or the next visible one) when the filter changes.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Row } from './types.ts';
import type { CompareState } from './useCompare.ts';
import type { RowFocus } from './useRowFocus.ts';

export const STATUS_CHOICES = ['all', 'pending', 'accepted', 'rejected'] as const;
export const KIND_CHOICES = [
  { value: 'all', label: 'any kind' },
  { value: 'one', label: '1-1' },
  { value: 'many', label: '2-1, 1-2 …' },
  { value: 'gap', label: 'gap (1-0, 0-1)' },
  { value: 'link', label: 'link' },
] as const;

export interface RowFilter {
  status: (typeof STATUS_CHOICES)[number];
  kind: (typeof KIND_CHOICES)[number]['value'];
  /** Only rows scoring below the threshold. */
  low: boolean;
}

export const NO_FILTER: RowFilter = { status: 'all', kind: 'all', low: false };

function kindOf(kind: string): RowFilter['kind'] {
  if (kind === 'link') return 'link';
  const [a, b] = kind.split('-').map(Number);
  if (!a || !b) return 'gap';
  return a === 1 && b === 1 ? 'one' : 'many';
}

export const matches = (r: Row, f: RowFilter, threshold: number) =>
  (f.status === 'all' || r.bead.status === f.status) && (f.kind === 'all' || kindOf(r.bead.kind) === f.kind) && (!f.low || r.bead.score < threshold);

const isOff = (f: RowFilter) => f.status === 'all' && f.kind === 'all' && !f.low;

/**
 * The compare state as the filter shows it: rows, rowsRef and setRows of the visible rows (an
 * update of them is merged into all rows by position), how many rows there are in all, and each
 * shown row's number in the whole alignment (what the analyst calls "row 57" stays row 57 under a filter).
 */
export function useRowFilter(compare: CompareState, filter: RowFilter, threshold: number): CompareState & { total: number; numberOf: (shownIndex: number) => number } {
  const { rows, setRows } = compare;
  const structure = rows.map((r) => r.bead.pos).join(',');
  const off = isOff(filter);
  // Membership is decided when the filter or the rows' positions change, not on every status change.
  const shown = useMemo(
    () => (off ? null : new Set(compare.rowsRef.current.filter((r) => matches(r, filter, threshold)).map((r) => r.bead.pos))),
    // `structure` stands for the rows' positions: the current rows are read from the ref.
    [off, filter, threshold, structure],
  );
  const visible = useMemo(() => (shown ? rows.filter((r) => shown.has(r.bead.pos)) : rows), [rows, shown]);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const setVisible = useCallback((update: (rows: Row[]) => Row[]) => {
    if (!shown) return setRows(update);
    setRows((all) => {
      const changed = new Map(update(all.filter((r) => shown.has(r.bead.pos))).map((r) => [r.bead.pos, r]));
      return all.map((r) => changed.get(r.bead.pos) ?? r);
    });
  }, [setRows, shown]);
  const numberByPos = useMemo(() => (shown ? new Map(rows.map((r, i) => [r.bead.pos, i + 1])) : null), [rows, shown]);
  const numberOf = useCallback((i: number) => (numberByPos ? numberByPos.get(visible[i]!.bead.pos)! : i + 1), [numberByPos, visible]);
  return { ...compare, rows: visible, rowsRef: visibleRef, setRows: setVisible, total: rows.length, numberOf };
}

/** Keeps the focused row (or the next one still shown) focused and in view when the filter changes. */
export function useFocusAcrossFilter(rows: Row[], list: RowFocus, filter: RowFilter, threshold: number): void {
  const focusedPos = useRef<number | null>(null);
  const key = `${filter.status} ${filter.kind} ${filter.low ? threshold : ''}`;
  const last = useRef(key);
  useEffect(() => {
    if (last.current !== key) {
      last.current = key;
      const pos = focusedPos.current;
      const at = pos === null ? 0 : rows.findIndex((r) => r.bead.pos >= pos);
      list.move(at < 0 ? rows.length - 1 : at);
    }
    focusedPos.current = rows[list.focusRef.current]?.bead.pos ?? null;
  });
}

interface FilterProps {
  filter: RowFilter;
  setFilter: (f: RowFilter) => void;
  threshold: number;
  setThreshold: (t: number) => void;
  shown: number;
  total: number;
  /** Esc in the filter: back to the rows. */
  onDone: () => void;
}

export function FilterBar({ filter, setFilter, threshold, setThreshold, shown, total, onDone }: FilterProps) {
  return (
    <div className="cmp-filter" role="group" aria-label="Filter rows" data-testid="row-filter" onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onDone(); } }}>
      <select aria-label="Status" data-testid="filter-status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as RowFilter['status'] })} title="Show rows of one status (F)">
        {STATUS_CHOICES.map((s) => <option key={s} value={s}>{s === 'all' ? 'any status' : s}</option>)}
      </select>
      <select aria-label="Kind" title="Show rows of one kind: 1-1, merged sentences, with an empty side, passage links" data-testid="filter-kind" value={filter.kind} onChange={(e) => setFilter({ ...filter, kind: e.target.value as RowFilter['kind'] })}>
        {KIND_CHOICES.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
      </select>
      <label className="small" title="Only rows scoring below the threshold; [ and ] jump to them">
        <input type="checkbox" data-testid="filter-low" checked={filter.low} onChange={(e) => setFilter({ ...filter, low: e.target.checked })} /> score &lt;
      </label>
      <input
        type="number" className="cmp-threshold" aria-label="Score threshold" data-testid="score-threshold" min={0} max={1} step={0.05}
        value={threshold} onChange={(e) => { const v = Number(e.target.value); if (Number.isFinite(v)) setThreshold(Math.max(0, Math.min(1, v))); }}
      />
      <span className="muted small tabular" data-testid="filter-count">{shown === total ? `${total} row${total === 1 ? '' : 's'}` : `${shown} of ${total} row${total === 1 ? '' : 's'}`}</span>
    </div>
  );
}
