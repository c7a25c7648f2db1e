// The aligner's operations in Compare: the side the keys act on (← / →), shifting a sentence
// across the row boundary, inserting and removing an empty cell, editing a source sentence and
// splitting it at the caret, and moving to rows scoring below the threshold. Each operation is one
// api call (saved at once, one undo step); the engine answers with the rows it changed, which are
// patched in like a review decision's (a sentence split answers with all rows: it renumbers).
import { useCallback, useMemo, useRef, useState, type RefObject } from 'react';
import { useClient } from '../../state.tsx';
import type { SideOperation } from '../../../../src/common/values.ts';
import type { Row, Side } from './types.ts';
import type { CompareState } from './useCompare.ts';

/** A source sentence open for editing. */
export interface SourceEditing {
  row: number;
  side: Side;
  sentence: number;
  draft: string;
  /** The stored text: a split cuts this, so the draft must equal it to split. */
  stored: string;
}

/** What the source editor calls: one stable object, so rows stay memoized. */
export interface SourceHandlers {
  onDraft: (s: string) => void;
  onSave: (e: SourceEditing) => void;
  onSplit: (e: SourceEditing, caret: number) => void;
  onCancel: () => void;
}

interface Options {
  alignmentId: number;
  compare: CompareState;
  rowsRef: RefObject<Row[]>;
  focusRef: RefObject<number>;
  move: (to: number) => void;
  translation: boolean;
  monotonic: boolean;
  /** [ and ] move to rows scoring below it (set in the filter bar). */
  threshold: number;
  /** The decision queue; `pos`: the row decided, where an undo brings the focus back. */
  enqueue: (work: () => Promise<void>, pos?: number) => Promise<unknown>;
  setNote: (note: string | null) => void;
}

const NAMES: Record<SideOperation, string> = { 'shift-up': 'shift up', 'shift-down': 'shift down', 'insert-gap': 'insert a gap', 'remove-gap': 'remove the gap' };

export function useOperations({ alignmentId, compare, rowsRef, focusRef, move, translation, monotonic, threshold, enqueue, setNote }: Options) {
  const client = useClient();
  const { load, applyResult } = compare;
  const [side, setSide] = useState<Side>('a');
  const sideRef = useRef<Side>('a');
  const [source, setSource] = useState<SourceEditing | null>(null);

  const chooseSide = useCallback((s: Side) => {
    if (translation && s === 'b') return;
    sideRef.current = s;
    setSide(s);
  }, [translation]);

  const operate = useCallback((operation: SideOperation) => {
    const row = rowsRef.current[focusRef.current];
    if (!row) return;
    if (!monotonic) {
      setNote(`To ${NAMES[operation]}, open the pair "In order": passages and translation review keep their rows`);
      return;
    }
    setNote(null);
    const s = sideRef.current;
    void enqueue(async () => {
      try {
        applyResult(await client.query('operate', { alignmentId, beadId: row.bead.id, side: s, operation }));
        setNote(`${NAMES[operation][0]!.toUpperCase()}${NAMES[operation].slice(1)} on side ${s.toUpperCase()}: saved (U undoes)`);
      } catch (err) {
        // After a failure the rows on screen may not be the stored ones: they are read again.
        await load();
        throw err;
      }
    }, row.bead.pos);
  }, [alignmentId, client, enqueue, focusRef, load, applyResult, monotonic, rowsRef, setNote]);

  /** Opens the source editor on the first sentence of the chosen side of a row (or the given one). */
  const startSource = useCallback((rowIndex: number, sentence?: number) => {
    const row = rowsRef.current[rowIndex];
    const s = sideRef.current;
    const target = row?.[s].find((x) => sentence === undefined || x.index === sentence);
    if (!row || !target) {
      setNote(`No sentence on side ${s.toUpperCase()} of this row to edit`);
      return;
    }
    setNote(null);
    setSource({ row: rowIndex, side: s, sentence: target.index, draft: target.text, stored: target.text });
  }, [rowsRef, setNote]);

  const saveSource = useCallback((e: SourceEditing) => {
    setSource(null);
    const text = e.draft.trim();
    if (!text || text === e.stored) return;
    void enqueue(async () => {
      try {
        applyResult(await client.query('editSource', { alignmentId, side: e.side, sentence: e.sentence, text }));
        setNote('Source text saved; the ingested text is kept (U undoes)');
      } catch (err) {
        // After a failure the rows on screen may not be the stored ones: they are read again.
        await load();
        throw err;
      }
    }, rowsRef.current[e.row]?.bead.pos);
  }, [alignmentId, client, enqueue, load, applyResult, rowsRef, setNote]);

  const splitSource = useCallback((e: SourceEditing, caret: number) => {
    if (e.draft !== e.stored) {
      setNote('Save the text (Enter) or cancel (Esc) before splitting: a split cuts the stored sentence');
      return;
    }
    setSource(null);
    void enqueue(async () => {
      try {
        applyResult(await client.query('splitSentence', { alignmentId, side: e.side, sentence: e.sentence, at: caret }));
        setNote(`Sentence ${e.sentence + 1} split in two (U undoes)`);
      } catch (err) {
        // After a failure the rows on screen may not be the stored ones: they are read again.
        await load();
        throw err;
      }
    }, rowsRef.current[e.row]?.bead.pos);
  }, [alignmentId, client, enqueue, load, applyResult, rowsRef, setNote]);

  const setSourceDraft = useCallback((draft: string) => setSource((e) => e && { ...e, draft }), []);
  const cancelSource = useCallback(() => setSource(null), []);

  /** The next (or previous) row scoring below the threshold, from the focused row. */
  const lowScore = useCallback((dir: 1 | -1) => {
    const rows = rowsRef.current;
    for (let i = focusRef.current + dir; i >= 0 && i < rows.length; i += dir) {
      if (rows[i]!.bead.score < threshold) {
        move(i);
        return;
      }
    }
    setNote(`No row scoring below ${threshold.toFixed(2)} ${dir > 0 ? 'below' : 'above'} this one`);
  }, [focusRef, move, rowsRef, setNote, threshold]);

  const sourceHandlers: SourceHandlers = useMemo(
    () => ({ onDraft: setSourceDraft, onSave: saveSource, onSplit: splitSource, onCancel: cancelSource }),
    [setSourceDraft, saveSource, splitSource, cancelSource],
  );

  return { side, chooseSide, operate, source, startSource, sourceHandlers, lowScore };
}

export type OperationsState = ReturnType<typeof useOperations>;
