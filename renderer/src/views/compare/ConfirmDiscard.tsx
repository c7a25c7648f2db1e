// Esc in the editor with changed drafts: an alert dialog inside the row asks before they are
// discarded. "Keep editing" has the focus (the safe choice); Esc keeps editing too.
import { useEffect, useId, useRef } from 'react';

export function ConfirmDiscard({ count, onKeep, onDiscard }: { count: number; onKeep: () => void; onDiscard: () => void }) {
  const title = useId();
  const keep = useRef<HTMLButtonElement>(null);
  const discard = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div
      className="confirm" role="alertdialog" aria-modal="true" aria-labelledby={title} data-testid="confirm-discard"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onKeep();
        } else if (e.key === 'Tab') {
          // Two buttons: Tab and Shift+Tab go from one to the other.
          e.preventDefault();
          (document.activeElement === keep.current ? discard : keep).current?.focus();
        }
        e.stopPropagation();
      }}
    >
      <span id={title}>Discard {count === 1 ? 'the changed sentence' : `${count} changed sentences`} of this row?</span>
      <button ref={keep} type="button" className="btn btn-small" onClick={onKeep}>Keep editing</button>
      <button ref={discard} type="button" className="btn btn-small btn-danger" onClick={onDiscard}>Discard</button>
    </div>
  );
}
