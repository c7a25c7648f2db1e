// Compare's keyboard: one window listener that runs the entry of the key table (keys.ts, which the
// help overlay lists) for each key press.
import { useEffect, useRef, type RefObject } from 'react';
import { keyName, rowKey, type KeyActions } from './keys.ts';
import type { Row } from './types.ts';

interface KeyMapOptions extends Omit<KeyActions, 'rows' | 'focus'> {
  rowsRef: RefObject<Row[]>;
  focusRef: RefObject<number>;
  help: boolean;
}

const isTyping = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
};

function onKey(e: KeyboardEvent, o: KeyMapOptions): void {
  if (e.altKey || e.defaultPrevented || isTyping(e.target)) return;
  if (o.help) {
    if (e.key === 'Escape' || e.key === '?') {
      o.setHelp(false);
      e.preventDefault();
    }
    return;
  }
  // A button or link with the focus keeps its own Enter and Space.
  if ((e.key === 'Enter' || e.key === ' ') && (e.target as HTMLElement | null)?.closest?.('button, a[href]')) return;
  const def = rowKey(keyName(e, true));
  if (!def) return;
  e.preventDefault();
  def.run({ ...o, rows: o.rowsRef.current, focus: o.focusRef.current });
}

export function useKeyMap(options: KeyMapOptions): void {
  // The listener is added once; it calls the actions of the latest render.
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e, latest.current);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
