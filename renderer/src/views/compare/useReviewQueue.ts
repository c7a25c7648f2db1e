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
  /** Tells screen readers what was decided (the live region). */
  announce: (message: string) => void;
}

const DONE = { accept: 'accepted', reject: 'rejected', reset: 'reset to pending', merge: 'merged with the next row', split: 'split' } as const;

export function useReviewQueue({ alignmentId, compare, focusRef, move, setNote, announce }: Options) {
  const client = useClient();
  const { load, rowsRef, setRows, applyResult } = compare;
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  // The positions of the rows decided in this session, newest last: undo goes back to the row.
  const acted = useRef<number[]>([]);

  /** Runs engine calls one after another, in the order the keys were pressed; `pos`: the row decided. */
  const enqueue = useCallback((work: () => Promise<void>, pos?: number) => {
    if (pos !== undefined) acted.current.push(pos);
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
          announce(`Row ${at + 1} ${DONE[action]}`);
        } catch (err) {
          await load();
          throw err;
        }
      }, pos);
      return;
    }
    void enqueue(async () => {
      applyResult(await client.query('review', { alignmentId, beadId: beadAt(pos) ?? row.bead.id, action }));
      announce(`Row ${at + 1} ${DONE[action]}`);
    }, pos);
  }, [alignmentId, client, enqueue, applyResult, load, move, setRows, announce]);

  const undo = useCallback(() => {
    setError(null);
    // Back on the row the undone decision was made on (known for this session's decisions).
    const pos = acted.current.pop();
    const at = pos === undefined ? -1 : rowsRef.current.findIndex((r) => r.bead.pos === pos);
    if (at >= 0) move(at);
    void enqueue(async () => {
      const r = await client.query('undo', { alignmentId });
      setNote(r.undone ? `Undone: ${r.undone}` : 'Nothing to undo');
      announce(r.undone ? `Undone: ${r.undone}${at >= 0 ? ` on row ${at + 1}` : ''}` : 'Nothing to undo');
      applyResult(r);
    });
  }, [alignmentId, client, enqueue, applyResult, move, rowsRef, setNote, announce]);

  return { review, undo, enqueue, pending, error, setError };
}
