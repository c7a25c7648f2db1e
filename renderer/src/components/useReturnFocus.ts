// A dialog's focus: what had it when the dialog opened gets it back when the dialog closes (if it
// is still on the page; else `fallback`, e.g. the list the dialog was opened over).
import { useEffect, useState } from 'react';

export function useReturnFocus(fallback?: () => HTMLElement | null): void {
  // Read during the first render, before the dialog moves the focus into itself.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => () => {
    const target = opener && opener !== document.body && opener.isConnected ? opener : fallback?.() ?? null;
    target?.focus({ preventScroll: true });
  }, [opener, fallback]);
}
