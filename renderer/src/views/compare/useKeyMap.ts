// Compare's keyboard: one window listener that maps keys to the view's actions (see Help.tsx for
// the list the user sees).
import { useEffect, useRef, type RefObject } from 'react';
import type { SideOperation } from '../../../../src/common/values.ts';
import type { Action, Mode, Row, Side } from './types.ts';

interface KeyActions {
  rowsRef: RefObject<Row[]>;
  focusRef: RefObject<number>;
  help: boolean;
  setHelp: (open: boolean) => void;
  move: (to: number) => void;
  review: (action: Action) => void;
  undo: () => void;
  startEdit: (row: number) => void;
  setMode: (update: (m: Mode) => Mode) => void;
  setNote: (note: string | null) => void;
  // The aligner's operations (./useOperations.ts) and the filter (./Filter.tsx).
  chooseSide: (side: Side) => void;
  operate: (op: SideOperation) => void;
  startSource: (row: number) => void;
  lowScore: (dir: 1 | -1) => void;
  focusFilter: () => void;
}

const isTyping = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
};

const nextMode = (m: Mode): Mode => (m === 'both' ? 'original' : m === 'original' ? 'english' : 'both');

/** Handles one key; false when the key is not Compare's. */
function handle(key: string, a: KeyActions): boolean {
  const focus = a.focusRef.current;
  const rows = a.rowsRef.current;
  switch (key) {
    case 'j': case 'ArrowDown': a.move(focus + 1); break;
    case 'k': case 'ArrowUp': a.move(focus - 1); break;
    case 'Home': a.move(0); break;
    case 'End': a.move(rows.length - 1); break;
    case 'PageDown': a.move(focus + 10); break;
    case 'PageUp': a.move(focus - 10); break;
    case 'n': {
      const next = rows.findIndex((r, i) => i > focus && r.bead.status === 'pending');
      if (next >= 0) a.move(next);
      else a.setNote('No pending row below this one');
      break;
    }
    case 'a': a.review('accept'); break;
    case 'r': a.review('reject'); break;
    case 'x': a.review('reset'); break;
    case 'm': a.review('merge'); break;
    case 's': a.review('split'); break;
    case 'u': a.undo(); break;
    case 'e': a.startEdit(focus); break;
    case 'Enter': a.startEdit(focus); break;
    case 'v': a.setMode(nextMode); break;
    case 'ArrowLeft': a.chooseSide('a'); break;
    case 'ArrowRight': a.chooseSide('b'); break;
    case 'Shift+ArrowUp': a.operate('shift-up'); break;
    case 'Shift+ArrowDown': a.operate('shift-down'); break;
    case 'g': a.operate('insert-gap'); break;
    case 'Backspace': case 'Delete': a.operate('remove-gap'); break;
    case 't': a.startSource(focus); break;
    case ']': a.lowScore(1); break;
    case '[': a.lowScore(-1); break;
    case 'f': a.focusFilter(); break;
    case '?': a.setHelp(true); break;
    default: return false;
  }
  return true;
}

function onKey(e: KeyboardEvent, a: KeyActions): void {
  if (e.altKey) return;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !e.shiftKey && !isTyping(e.target)) {
    e.preventDefault();
    a.undo();
    return;
  }
  if (e.ctrlKey || e.metaKey || isTyping(e.target)) return;
  if (a.help) {
    if (e.key === 'Escape' || e.key === '?') {
      a.setHelp(false);
      e.preventDefault();
    }
    return;
  }
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown') ? `Shift+${e.key}` : e.key;
  if (handle(key, a)) e.preventDefault();
}

export function useKeyMap(actions: KeyActions): void {
  // The listener is added once; it calls the actions of the latest render.
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e, latest.current);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
