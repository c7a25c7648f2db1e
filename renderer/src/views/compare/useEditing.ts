// Post-editing the English of a row: which sentences can be edited, the draft, and saving it.
import { useCallback, useState } from 'react';
import { useClient } from '../../state.tsx';
import type { DocInfo, Editing, Row, Target } from './types.ts';
import type { CompareState } from './useCompare.ts';

interface Options {
  alignmentId: number;
  compare: CompareState;
  docA: DocInfo | null;
  docB: DocInfo | null;
  translation: boolean;
  enqueue: (work: () => Promise<void>) => Promise<unknown>;
  setNote: (note: string | null) => void;
}

export function useEditing({ alignmentId, compare, docA, docB, translation, enqueue, setNote }: Options) {
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

  const startEdit = useCallback((rowIndex: number, target?: Target) => {
    const row = rows[rowIndex];
    const t = target ?? targets(row)[0];
    if (!row || !t) {
      setNote('Nothing to edit here: only the English of a non-English sentence can be edited.');
      return;
    }
    const s = row[t.side].find((x) => x.index === t.sentence);
    setNote(null);
    // The engine keeps the machine version under a post-edit and sends it with the row.
    setEditing({ row: rowIndex, ...t, draft: s?.english ?? '', machine: s?.origin === 'human' ? s.machine : (s?.english ?? null) });
  }, [rows, targets, setNote]);

  const saveEdit = useCallback((e: Editing) => {
    const text = e.draft.trim();
    setEditing(null);
    const row = rows[e.row];
    const s = row?.[e.side].find((x) => x.index === e.sentence);
    if (!text || text === s?.english) return;
    // Shown at once; the engine then answers with the rows holding that sentence (with their new diff).
    setRows((rows) => rows.map((r, i) => (i === e.row ? { ...r, [e.side]: r[e.side].map((x) => (x.index === e.sentence ? { ...x, english: text, origin: 'human' as const, machine: e.machine } : x)) } : r)));
    void enqueue(async () => {
      applyResult(await client.query('editEnglish', { alignmentId, side: e.side, sentence: e.sentence, english: text }));
    });
  }, [rows, alignmentId, client, enqueue, applyResult, setRows]);

  const setDraft = useCallback((draft: string) => setEditing((e) => e && { ...e, draft }), []);
  const cancelEdit = useCallback(() => setEditing(null), []);

  /** Tab in the editor: the next (or, with Shift, previous) editable sentence of the row. */
  const cycleTarget = useCallback((e: Editing, back: boolean) => {
    const list = targets(rows[e.row]);
    if (list.length < 2) return;
    const at = list.findIndex((t) => t.side === e.side && t.sentence === e.sentence);
    const next = list[(at + (back ? list.length - 1 : 1)) % list.length]!;
    startEdit(e.row, next);
  }, [rows, targets, startEdit]);

  return { editing, startEdit, saveEdit, setDraft, cancelEdit, cycleTarget };
}

export type EditingState = ReturnType<typeof useEditing>;
