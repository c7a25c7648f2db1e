// Post-editing the English of a row: which sentences can be edited, a draft per sentence while
// the row is open (useDrafts.ts), and saving every changed sentence of the row as one decision.
import { useCallback, useState } from 'react';
import { useClient } from '../../state.tsx';
import type { DocInfo, Editing, Row, Target } from './types.ts';
import type { CompareState } from './useCompare.ts';
import { changedDrafts, draftKey, machineEnglish, storedEnglish, type SentenceEdit } from './useDrafts.ts';

interface Options {
  alignmentId: number;
  compare: CompareState;
  docA: DocInfo | null;
  docB: DocInfo | null;
  translation: boolean;
  enqueue: (work: () => Promise<void>, pos?: number) => Promise<unknown>;
  setNote: (note: string | null) => void;
  announce: (message: string) => void;
  /** Gives the focus back to the row list (after Enter or Esc, when the editor goes away). */
  focusList: () => void;
}

export function useEditing({ alignmentId, compare, docA, docB, translation, enqueue, setNote, announce, focusList }: Options) {
  const client = useClient();
  const { rows, setRows, applyResult } = compare;
  const [editing, setEditing] = useState<Editing | null>(null);

  /** The sentences of a row whose English can be edited: non-English ones, not the English column. */
  const targets = useCallback((row: Row | undefined): Target[] => {
    if (!row) return [];
    const out: Target[] = [];
    for (const side of ['a', 'b'] as const) {
      const doc = side === 'a' ? docA : docB;
      if (!doc?.lang || doc.lang === 'en') continue;
      if (translation && side === 'b') continue;
      for (const s of row[side]) out.push({ side, sentence: s.index });
    }
    return out;
  }, [docA, docB, translation]);

  /** Opens the editor on a sentence of a row; the drafts of the row's other sentences are kept. */
  const startEdit = useCallback((rowIndex: number, target?: Target) => {
    const row = rows[rowIndex];
    const t = target ?? targets(row)[0];
    if (!row || !t) {
      setNote('Nothing to edit here: only the English of a non-English sentence can be edited.');
      return;
    }
    setNote(null);
    setEditing((e) => {
      const drafts = e && e.row === rowIndex ? { ...e.drafts, [draftKey(e)]: e.draft } : {};
      const draft = drafts[draftKey(t)] ?? storedEnglish(row, t);
      return { row: rowIndex, ...t, draft, machine: machineEnglish(row, t), drafts: { ...drafts, [draftKey(t)]: draft }, confirming: false };
    });
  }, [rows, targets, setNote]);

  const close = useCallback(() => {
    focusList();
    setEditing(null);
  }, [focusList]);

  /** Enter: every changed sentence of the row, saved as one decision (one undo step). */
  const saveEdit = useCallback((e: Editing) => {
    const row = rows[e.row];
    const changed = changedDrafts(row, { ...e.drafts, [draftKey(e)]: e.draft });
    const edits: SentenceEdit[] = changed.filter((c) => !c.empty).map(({ side, sentence, english }) => ({ side, sentence, english }));
    close();
    if (changed.some((c) => c.empty)) setNote('An emptied sentence keeps its English: the English must not be empty.');
    if (!row || !edits.length) return;
    // Shown at once; the engine then answers with the rows holding those sentences (with their new diff).
    const edited = (side: 'a' | 'b') => row[side].map((s) => {
      const ed = edits.find((x) => x.side === side && x.sentence === s.index);
      return ed ? { ...s, english: ed.english, origin: 'human' as const, machine: machineEnglish(row, ed) } : s;
    });
    setRows((rs) => rs.map((r, i) => (i === e.row ? { ...r, a: edited('a'), b: edited('b') } : r)));
    void enqueue(async () => {
      applyResult(await client.query('editRow', { alignmentId, edits }));
      announce(`Row ${e.row + 1}: ${edits.length === 1 ? 'English saved' : `English of ${edits.length} sentences saved`}`);
    }, row.bead.pos);
  }, [rows, alignmentId, client, enqueue, applyResult, setRows, setNote, announce, close]);

  const setDraft = useCallback((draft: string) => setEditing((e) => e && { ...e, draft, drafts: { ...e.drafts, [draftKey(e)]: draft } }), []);

  /** Esc: closes at once when nothing changed, else asks first (ConfirmDiscard). */
  const cancelEdit = useCallback(() => {
    if (!editing) return;
    if (changedDrafts(rows[editing.row], { ...editing.drafts, [draftKey(editing)]: editing.draft }).length) setEditing({ ...editing, confirming: true });
    else close();
  }, [editing, rows, close]);
  const keepEditing = useCallback(() => setEditing((e) => e && { ...e, confirming: false }), []);

  /** Tab in the editor: the next (or, with Shift, previous) editable sentence of the row. */
  const cycleTarget = useCallback((e: Editing, back: boolean) => {
    const list = targets(rows[e.row]);
    if (list.length < 2) return;
    const at = list.findIndex((t) => t.side === e.side && t.sentence === e.sentence);
    const next = list[(at + (back ? list.length - 1 : 1)) % list.length]!;
    startEdit(e.row, next);
  }, [rows, targets, startEdit]);

  const changedCount = editing ? changedDrafts(rows[editing.row], editing.drafts).length : 0;
  return { editing, changedCount, startEdit, saveEdit, setDraft, cancelEdit, discard: close, keepEditing, cycleTarget };
}

export type EditingState = ReturnType<typeof useEditing>;
