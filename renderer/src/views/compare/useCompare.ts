// The alignment on screen: loading it from the engine, and the rows as the latest answer or
// optimistic update left them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../../state.tsx';
import type { Bead, CompareData, Row } from './types.ts';

export function useCompare(alignmentId: number) {
  const client = useClient();
  const [data, setData] = useState<CompareData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
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
  // Keys can arrive faster than React renders: the handlers read the latest rows from a ref
  // that is updated at once, not from the last render's closure.
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

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

  return { data, loadError, load, rows, rowsRef, setRows, applyBeads };
}

export type CompareState = ReturnType<typeof useCompare>;
