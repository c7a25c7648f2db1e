// A modal dialog's keyboard and focus rules: keys never reach the view underneath, Tab stays
// inside, Esc closes, focus wandering out comes back, and the opener gets the focus back on close.
import { useEffect, useRef, type RefObject } from 'react';
import { useReturnFocus } from './useReturnFocus.ts';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export function useModal(card: RefObject<HTMLElement | null>, first: RefObject<HTMLElement | null>, onClose: () => void): void {
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    first.current?.focus();
    const inside = (t: EventTarget | null) => t instanceof Node && !!card.current?.contains(t);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        closeRef.current();
        return;
      }
      if (e.key === 'Tab') {
        const items = [...(card.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => el.offsetParent !== null);
        if (!items.length) return;
        const at = items.indexOf(document.activeElement as HTMLElement);
        const next = e.shiftKey ? (at <= 0 ? items.length - 1 : at - 1) : at === -1 || at === items.length - 1 ? 0 : at + 1;
        e.preventDefault();
        e.stopPropagation();
        items[next]!.focus();
        return;
      }
      if (!inside(e.target)) {
        e.preventDefault();
        e.stopPropagation();
        first.current?.focus();
      }
    };
    const onFocus = (e: FocusEvent) => {
      if (!inside(e.target)) first.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocus);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocus);
    };
  }, [card, first]);
  // After the effect above: its focusin guard is gone before the focus goes back to the opener.
  useReturnFocus();
}
