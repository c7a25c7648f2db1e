// Compare's keys, once: each entry is what the key does (run by useKeyMap.ts and the editor) and
// what the help overlay lists (Help.tsx renders this table), so the two cannot drift apart.
import type { SideOperation } from '../../../../src/common/values.ts';
import type { Action, Mode, Row, Side } from './types.ts';

/** What a key of the row list can do. */
export interface KeyActions {
  rows: Row[];
  focus: number;
  move: (to: number) => void;
  review: (action: Action) => void;
  undo: () => void;
  startEdit: (row: number) => void;
  setMode: (update: (m: Mode) => Mode) => void;
  setHelp: (open: boolean) => void;
  setNote: (note: string | null) => void;
  // the aligner's operations (./useOperations.ts) and the filter (./Filter.tsx)
  chooseSide: (side: Side) => void;
  operate: (op: SideOperation) => void;
  startSource: (row: number) => void;
  lowScore: (dir: 1 | -1) => void;
  focusFilter: () => void;
}

export interface KeyDef {
  /** KeyboardEvent.key values (single characters lower-case), with "Ctrl+" for Ctrl or Cmd. */
  keys: string[];
  /** As the help shows it. */
  label: string;
  what: string;
  run: (a: KeyActions) => void;
}

const nextMode = (m: Mode): Mode => (m === 'both' ? 'original' : m === 'original' ? 'english' : 'both');

/** The next pending row after the focused one, from the top again past the last. */
function nextPending(a: KeyActions): void {
  const n = a.rows.length;
  for (let step = 1; step <= n; step++) {
    const i = (a.focus + step) % n;
    if (a.rows[i]?.bead.status === 'pending') {
      a.move(i);
      a.setNote(i <= a.focus ? 'Wrapped to the first pending row from the top' : null);
      return;
    }
  }
  a.setNote('No pending row left');
}

export const ROW_KEYS: KeyDef[] = [
  { keys: ['j', 'ArrowDown'], label: 'J / ↓', what: 'next row', run: (a) => a.move(a.focus + 1) },
  { keys: ['k', 'ArrowUp'], label: 'K / ↑', what: 'previous row', run: (a) => a.move(a.focus - 1) },
  { keys: ['PageDown'], label: 'PgDn', what: '10 rows down', run: (a) => a.move(a.focus + 10) },
  { keys: ['PageUp'], label: 'PgUp', what: '10 rows up', run: (a) => a.move(a.focus - 10) },
  { keys: ['Home'], label: 'Home', what: 'first row', run: (a) => a.move(0) },
  { keys: ['End'], label: 'End', what: 'last row', run: (a) => a.move(a.rows.length - 1) },
  { keys: ['n'], label: 'N', what: 'next pending row (from the top again after the last)', run: nextPending },
  { keys: ['a'], label: 'A', what: 'accept the row (and move on)', run: (a) => a.review('accept') },
  { keys: ['r'], label: 'R', what: 'reject the row (and move on)', run: (a) => a.review('reject') },
  { keys: ['x'], label: 'X', what: 'reset the row to pending', run: (a) => a.review('reset') },
  { keys: ['e', 'Enter'], label: 'E / Enter', what: 'edit the English of the row', run: (a) => a.startEdit(a.focus) },
  { keys: ['m'], label: 'M', what: 'merge the row with the next one', run: (a) => a.review('merge') },
  { keys: ['s'], label: 'S', what: 'split the row', run: (a) => a.review('split') },
  { keys: ['ArrowLeft'], label: '←', what: 'choose the left side for the operations below', run: (a) => a.chooseSide('a') },
  { keys: ['ArrowRight'], label: '→', what: 'choose the right side for the operations below', run: (a) => a.chooseSide('b') },
  { keys: ['Shift+ArrowUp'], label: 'Shift+↑', what: 'shift: move the first sentence of that side into the row above', run: (a) => a.operate('shift-up') },
  { keys: ['Shift+ArrowDown'], label: 'Shift+↓', what: 'shift: move the last sentence of that side into the row below', run: (a) => a.operate('shift-down') },
  { keys: ['g'], label: 'G', what: 'insert an empty cell on that side (its cells below move down)', run: (a) => a.operate('insert-gap') },
  { keys: ['Backspace', 'Delete'], label: 'Backspace / Delete', what: 'remove the empty cell on that side (its cells below move up)', run: (a) => a.operate('remove-gap') },
  { keys: ['t'], label: 'T', what: 'edit the source text of that side (an OCR or typo fix); Ctrl+Enter there splits the sentence at the caret', run: (a) => a.startSource(a.focus) },
  { keys: [']'], label: ']', what: 'next row scoring below the threshold', run: (a) => a.lowScore(1) },
  { keys: ['['], label: '[', what: 'previous row scoring below the threshold', run: (a) => a.lowScore(-1) },
  { keys: ['f'], label: 'F', what: 'the row filter (status, kind, score); Esc back to the rows', run: (a) => a.focusFilter() },
  { keys: ['u', 'Ctrl+z'], label: 'U / Ctrl+Z', what: 'undo the last decision (back on its row)', run: (a) => a.undo() },
  { keys: ['v'], label: 'V', what: 'show original / English / both', run: (a) => a.setMode(nextMode) },
  { keys: ['?'], label: '?', what: 'this help', run: (a) => a.setHelp(true) },
];

export type EditorCommand = 'save' | 'cancel' | 'next' | 'previous';

/** The editor's own keys (Editor.tsx); a key not listed types as usual (Shift+Enter: a new line). */
export const EDITOR_KEYS: { keys: string[]; label: string; what: string; command: EditorCommand }[] = [
  { keys: ['Enter'], label: 'Enter', what: 'while editing: save every changed sentence of the row (one undo step)', command: 'save' },
  { keys: ['Escape'], label: 'Esc', what: 'while editing: close (asks first when a sentence was changed)', command: 'cancel' },
  { keys: ['Tab'], label: 'Tab', what: 'while editing: the next sentence or side of the row (drafts are kept)', command: 'next' },
  { keys: ['Shift+Tab'], label: 'Shift+Tab', what: 'while editing: the previous sentence or side', command: 'previous' },
];

/** Keys the app shell handles in every view (App.tsx). */
export const APP_KEYS: { label: string; what: string }[] = [
  { label: 'Ctrl+E', what: 'export reviewed pairs of this pair of documents' },
  { label: 'Ctrl+O', what: 'import files' },
  { label: 'Ctrl+1…5', what: 'Library · Document · Stories · Compare · Models' },
];

/** The name of a key press as the tables spell it. */
export function keyName(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }, withShift = false): string {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return `${e.ctrlKey || e.metaKey ? 'Ctrl+' : ''}${withShift && e.shiftKey && key.length > 1 ? 'Shift+' : ''}${key}`;
}

const byKey = new Map(ROW_KEYS.flatMap((d) => d.keys.map((k) => [k, d] as const)));
export const rowKey = (name: string): KeyDef | undefined => byKey.get(name);

export function editorCommand(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): EditorCommand | null {
  const name = keyName(e, true);
  return EDITOR_KEYS.find((d) => d.keys.includes(name))?.command ?? null;
}
