// Review decisions: shown at once (optimistic), then sent to the engine one after another in the
// order the keys were pressed; the engine answers with the rows each changed, which are patched
// in (never a reload of the whole alignment).
import { useCallback, useRef, useState, type RefObject } from 'react';
import { useClient } from '../../state.tsx';
import type { Action } from './types.ts';
import type { CompareState } from './useCompare.ts';

interface Options {
  alignmentId: number;
  compare: CompareState;
  focusRef: RefObject<number>;
  move: (to: number) => void;
  setNote: (note: string | null) => void;
}

export function useReviewQueue({ alignmentId, compare, focusRef, move, setNote }: Options) {
  const client = useClient();
  const { load, rowsRef, setRows, applyResult } = compare;
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  /** Runs engine calls one after another, in the order the keys were pressed. */
  const enqueue = useCallback((work: () => Promise<void>) => {
    setPending((p) => p + 1);
    const run = queue.current.then(work).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err))).finally(() => setPending((p) => p - 1));
    queue.current = run;
    return run;
  }, []);

  /** The current id of the bead at a position (ids change with every decision). */
  const beadAt = (pos: number) => rowsRef.current.find((r) => r.bead.pos === pos)?.bead.id;

  const review = useCallback((action: Action) => {
    const at = focusRef.current;
    const row = rowsRef.current[at];
    if (!row) return;
    const pos = row.bead.pos;
    setError(null);
    setNote(null);
    if (action === 'accept' || action === 'reject' || action === 'reset') {
      const status = action === 'accept' ? 'accepted' : action === 'reject' ? 'rejected' : 'pending';
      // Shown at once; the engine's answer (the changed row) confirms it.
      setRows((rows) => rows.map((r) => (r.bead.pos === pos ? { ...r, bead: { ...r.bead, status } } : r)));
      if (action !== 'reset') move(at + 1);
      void enqueue(async () => {
        try {
          applyResult(await client.query('review', { alignmentId, beadId: beadAt(pos) ?? row.bead.id, action }));
        } catch (err) {
          await load();
          throw err;
        }
      });
      return;
    }
    void enqueue(async () => {
      applyResult(await client.query('review', { alignmentId, beadId: beadAt(pos) ?? row.bead.id, action }));
    });
  }, [alignmentId, client, enqueue, applyResult, load, move, setRows]);

  const undo = useCallback(() => {
    setError(null);
    void enqueue(async () => {
      const r = await client.query('undo', { alignmentId });
      setNote(r.undone ? `Undone: ${r.undone}` : 'Nothing to undo');
      applyResult(r);
    });
  }, [alignmentId, client, enqueue, applyResult]);

  return { review, undo, enqueue, pending, error, setError };
}
