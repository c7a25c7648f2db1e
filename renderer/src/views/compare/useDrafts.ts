// The drafts of an open row: one per sentence, kept while the analyst moves between the row's
// sentences with Tab, so Enter can save every changed one together.
import type { Row, Target } from './types.ts';

export type Drafts = Record<string, string>;

export interface SentenceEdit extends Target {
  english: string;
}

export const draftKey = (t: Target): string => `${t.side}:${t.sentence}`;

const sentenceOf = (row: Row | undefined, t: Target) => row?.[t.side].find((s) => s.index === t.sentence);

/** The English a sentence has now (what its draft starts from). */
export const storedEnglish = (row: Row | undefined, t: Target): string => sentenceOf(row, t)?.english ?? '';

/** The machine version shown under the editor: kept under a post-edit, else the English itself. */
export function machineEnglish(row: Row | undefined, t: Target): string | null {
  const s = sentenceOf(row, t);
  return s?.origin === 'human' ? s.machine : (s?.english ?? null);
}

const parseKey = (key: string): Target => {
  const [side, sentence] = key.split(':');
  return { side: side === 'b' ? 'b' : 'a', sentence: Number(sentence) };
};

/** Drafts that differ from the stored English (an emptied one too: leaving it loses a change). */
export function changedDrafts(row: Row | undefined, drafts: Drafts): (SentenceEdit & { empty: boolean })[] {
  return Object.entries(drafts).flatMap(([key, draft]) => {
    const t = parseKey(key);
    const english = draft.trim();
    return english === storedEnglish(row, t).trim() ? [] : [{ ...t, english, empty: !english }];
  });
}
