// The Library's multi-selection: documents picked with Space, Shift+J/K, Ctrl/Shift+click or
// Ctrl+A, for Delete and Export. A selected document that the filters hide (or that is deleted)
// leaves the selection, so an action never reaches a row the analyst cannot see.
import { useCallback, useEffect, useState } from 'react';
import type { Doc } from './docStatus.ts';

export interface Selection {
  ids: ReadonlySet<number>;
  toggle: (id: number) => void;
  /** Adds these documents (a range, or the row moved from and the row moved to). */
  add: (ids: number[]) => void;
  set: (ids: number[]) => void;
  clear: () => void;
}

export function useSelection(rows: readonly Doc[]): Selection {
  const [ids, setIds] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    setIds((s) => {
      const visible = new Set(rows.map((d) => d.id));
      const kept = [...s].filter((id) => visible.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [rows]);
  const toggle = useCallback((id: number) => setIds((s) => {
    const n = new Set(s);
    if (!n.delete(id)) n.add(id);
    return n;
  }), []);
  const add = useCallback((more: number[]) => setIds((s) => new Set([...s, ...more])), []);
  const set = useCallback((all: number[]) => setIds(new Set(all)), []);
  const clear = useCallback(() => setIds(new Set()), []);
  return { ids, toggle, add, set, clear };
}
