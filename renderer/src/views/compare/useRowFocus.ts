// The virtualized list of rows and which row has the focus.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Mode, Row } from './types.ts';

export function useRowFocus(rows: Row[], rowsRef: RefObject<Row[]>, mode: Mode) {
  const scroller = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState(0);
  // Read by key handlers, which may run before React renders the last move.
  const focusRef = useRef(0);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => (mode === 'both' ? 96 : 54),
    overscan: 6,
    getItemKey: (i) => rows[i]?.bead.pos ?? i,
  });

  const move = useCallback((to: number) => {
    const n = Math.max(0, Math.min(rowsRef.current.length - 1, to));
    focusRef.current = n;
    setFocus(n);
    virtualizer.scrollToIndex(n, { align: 'auto' });
  }, [virtualizer, rowsRef]);

  const pick = useCallback((i: number) => {
    focusRef.current = i;
    setFocus(i);
  }, []);

  /** The focus on the list (which names its focused row to screen readers). */
  const focusList = useCallback(() => scroller.current?.focus({ preventScroll: true }), []);
  const listElement = useCallback(() => scroller.current, []);

  // Once the rows are there, the list takes the focus unless something else on the page has it.
  const loaded = rows.length > 0;
  useEffect(() => {
    const at = document.activeElement;
    if (loaded && (!at || at === document.body || at.tagName === 'MAIN')) focusList();
  }, [loaded, focusList]);

  return { scroller, virtualizer, focus, focusRef, move, pick, focusList, listElement };
}

export type RowFocus = ReturnType<typeof useRowFocus>;
