// The alignment on screen: loading it from the engine once, then the rows as each decision's
// answer (only the rows it changed) or an optimistic update left them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { patchRows } from '../../../../src/common/patch-rows.ts';
import { useClient } from '../../state.tsx';
import type { CompareData, ReviewResult, Row } from './types.ts';

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

  /**
   * A decision's answer: its changed rows replace or join the rows on screen, its removed beads go;
   * an answer with every row (`full`: a source split renumbered sentences) replaces them, with the
   * unmatched runs.
   */
  const applyResult = useCallback((result: ReviewResult) => {
    rowsRef.current = patchRows(rowsRef.current, result);
    setData((d) => d && {
      ...d, alignment: { ...d.alignment, reviewed: result.alignment.reviewed }, rows: patchRows(d.rows, result),
      ...(result.full && result.unmatched ? { unmatched: result.unmatched } : {}),
    });
    performance.mark('tandem:decision-applied');
  }, []);

  return { data, loadError, load, rows, rowsRef, setRows, applyResult };
}

export type CompareState = ReturnType<typeof useCompare>;
